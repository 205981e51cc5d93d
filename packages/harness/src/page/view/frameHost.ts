/**
 * Serves the app frame of the view page over `@yiqi/bridge`, every call forwarded to the meeting
 * server for this page's participant (the app talks to its page exactly as in the harness or
 * the real client). Each handshake is an app instance the server opened for this participant:
 * the first load's and a reopen's are opened before the frame loads, a reload opens a new one.
 * When the simulator replaces the instance (the participant joined 一起用 from the client), the
 * page reopens the app at the URL the server's `closed` frame gives, on the participant's own
 * origin.
 *
 * @module
 */
import { windowHostTransport } from "@yiqi/bridge";
import type { WemeetEventMessage } from "@yiqi/jsapi";
import { createForwardingHost, type ForwardedInstance } from "../forwardingHost.ts";
import type { ViewClient } from "./viewClient.ts";

/** The simulator's reason when a join from the client replaces the app (sessionMachine). */
const REPLACED = /replaced by the 一起用 instance/;

/** What the page's chrome hears of the hosted app. */
export interface FrameHostEvents {
  event(message: WemeetEventMessage): void;
  /** The instance closed; `reopening` when the page loads the app again by itself. */
  closed(reason: string, reopening: boolean): void;
  /** A call of the app has settled (`ok`: it resolved). */
  called(method: string, ok: boolean): void;
}

/** Options of {@link hostFrame}. */
export interface HostFrameOptions {
  /** The app's page on this participant's origin, for the first load. */
  appUrl: string;
  /** The frame URL of a URL the server chose (on this participant's origin), or why none. */
  frameUrl(serverUrl: string): { ok: true; url: string } | { ok: false; reason: string };
  on: FrameHostEvents;
}

/** The hosted frame. */
export interface HostedFrame {
  readonly first: ForwardedInstance;
  /** Opens a new instance at `slotUrl` (the server's app slot, on this participant's origin). */
  reopen(slotUrl: string): Promise<void>;
}

/** Hosts `iframe` (in the document, `src` not yet set) for `client`'s participant. */
export async function hostFrame(
  client: ViewClient,
  iframe: HTMLIFrameElement,
  options: HostFrameOptions,
): Promise<HostedFrame> {
  const { on } = options;
  const reopen = async (slotUrl: string): Promise<void> => {
    // The client loads the slot's URL in this participant's own webview: its origin.
    const target = options.frameUrl(slotUrl);
    if (!target.ok) {
      on.closed(target.reason, false);
      return;
    }
    try {
      await host.prepare(target.url);
      iframe.src = target.url;
    } catch (e) {
      on.closed(e instanceof Error ? e.message : String(e), false);
    }
  };
  const host = createForwardingHost({
    transport: windowHostTransport(iframe),
    open: (url) => client.open(url),
    url: () => iframe.src,
    on: {
      event: (message) => on.event(message),
      called: (method, ok) => on.called(method, ok),
      closed: (reason, slotUrl) => {
        const reopening = REPLACED.test(reason) && slotUrl !== undefined;
        on.closed(reason, reopening);
        if (reopening) void reopen(slotUrl);
      },
    },
  });
  const first = await host.prepare(options.appUrl);
  iframe.src = first.url;
  return { first, reopen };
}
