/**
 * `FrameHosts`: how the harness page serves its app frames. Locally each frame is attached to the
 * in-page simulator (`attachApp`); with a meeting server each frame's bridge host forwards to an
 * instance the server opened (`createForwardingHost`, shared with the view page).
 *
 * @module
 */
import { type BridgeError, type BridgeTraceHook, windowHostTransport } from "@yiqi/bridge";
import { attachApp, environmentFor, type Meeting, type MeetingModel } from "@yiqi/mock-host";
import { createForwardingHost, type ForwardedInstance } from "./forwardingHost.ts";

/** What a frame host needs to know of the frame. */
export interface FrameHostOptions {
  /** The frame's page URL (its `src`, on the participant's origin). */
  url: string;
  /** Bridge trace of the frame's connection (the timeline's bridge entries). */
  trace: BridgeTraceHook;
  /** Refused handshakes, failed opens. */
  onError(error: BridgeError | Error): void;
}

/** A frame being served. */
export interface HostedApp {
  /** Resolves when the frame may load (a server has opened its instance); rejects if refused. */
  readonly ready: Promise<void>;
  /** Stops serving the frame and closes its instance; remove the iframe when it resolves. */
  detach(reason: string): Promise<void>;
}

/** Serves the harness page's app frames. */
export interface FrameHosts {
  /**
   * Who serves `pid`'s app: this page (`null`), another view of the meeting server (its id), or
   * nobody (`""`); the page shows a participant it does not serve without a frame.
   */
  elsewhere(pid: string): string | null;
  /** Starts serving `iframe` (in the document or not, `src` not yet set) for `pid`. */
  host(pid: string, iframe: HTMLIFrameElement, options: FrameHostOptions): HostedApp;
}

/** Frames attached to the in-page simulator. */
export function localFrameHosts(meeting: Meeting): FrameHosts {
  return {
    elsewhere: () => null,
    host(pid, iframe, options) {
      const attached = attachApp({
        meeting,
        participantId: pid,
        transport: windowHostTransport(iframe),
        url: () => options.url,
        trace: options.trace,
        onError: options.onError,
      });
      return { ready: Promise.resolve(), detach: (reason) => attached.detach(reason) };
    },
  };
}

/** What {@link remoteFrameHosts} needs of the meeting server's replica (`RemoteMeeting`). */
export interface InstanceOpener extends Pick<MeetingModel, "participants"> {
  openInstance(participantId: string, options: { url?: string }): Promise<ForwardedInstance>;
  /** The view holding each participant (absent: nobody). */
  holders(): Readonly<Record<string, string>>;
  /** This page's view id. */
  readonly viewId: string;
}

/**
 * Frames whose calls are forwarded to instances the meeting server opens, each at the frame's
 * handshake (as `attachApp` does: an app that never connects has no instance), welcomed with
 * its participant's client from the replica.
 */
export function remoteFrameHosts(remote: InstanceOpener): FrameHosts {
  return {
    elsewhere(pid) {
      const holder = remote.holders()[pid];
      return holder === remote.viewId ? null : (holder ?? "");
    },
    host(pid, iframe, options) {
      const forwarding = createForwardingHost({
        transport: windowHostTransport(iframe),
        open: (url) => remote.openInstance(pid, { url }),
        url: () => options.url,
        environment: () => {
          // The instance id is the server's, known once it opened (getEnvironment has it).
          const p = remote.participants().find((x) => x.id === pid);
          return p ? environmentFor(p, "") : undefined;
        },
        trace: options.trace,
        onError: options.onError,
      });
      return { ready: Promise.resolve(), detach: () => forwarding.close() };
    },
  };
}
