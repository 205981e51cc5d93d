/**
 * Headless app instances: the real `@yiqi/jsapi` client connected to the simulator over an
 * in-memory bridge, with no browser. For app logic tests in Node or Deno, and for the demo run.
 *
 * @module
 */
import { createMemoryLink } from "@yiqi/bridge";
import { connectWemeet, type Wemeet } from "@yiqi/jsapi";
import { type AttachedApp, attachApp } from "./attachApp.ts";
import type { Meeting } from "./meeting/meeting.ts";

/** One headless app instance. */
export interface HeadlessApp {
  readonly participantId: string;
  /** The app's `wemeet`, exactly as an app in a frame gets it. */
  readonly wemeet: Wemeet;
  readonly attached: AttachedApp;
  /** Resolves when the client closes this instance (leave, end, replace). */
  readonly closed: Promise<string>;
  /** Closes the instance as if its frame went away. */
  close(): void;
}

/** Options of {@link openHeadlessApp}. */
export interface HeadlessAppOptions {
  /** The page URL the app reports (default: the participant's view URL or the app URL). */
  url?: string;
  /** Origin of the app (default: the origin of the URL). */
  origin?: string;
}

/**
 * Opens an app instance for `participantId` the way the client would show a frame, and
 * connects the real `wemeet` client to it.
 *
 * @example
 * ```ts
 * const meeting = createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });
 * const app = openHeadlessApp(meeting, "p1");
 * await app.wemeet.collaboration.start();
 * ```
 */
export function openHeadlessApp(
  meeting: Meeting,
  participantId: string,
  options: HeadlessAppOptions = {},
): HeadlessApp {
  const url = options.url ?? meeting.view(participantId).app?.url ?? meeting.app().url;
  const origin = options.origin ?? new URL(url).origin;
  const link = createMemoryLink({ appOrigin: origin, hostOrigin: "https://client.yiqi.invalid" });
  let resolveClosed: (reason: string) => void = () => {};
  const closed = new Promise<string>((r) => {
    resolveClosed = r;
  });
  const attached = attachApp({
    meeting,
    participantId,
    transport: link.host,
    url: () => url,
    onInstance: (instance, connection) => {
      instance.onClose((reason) => resolveClosed(reason));
      // Tear the link down once the app acknowledged the close (or the grace period ended).
      connection.onClose(() => void connection.close().then(() => link.close()));
    },
  });
  const wemeet = connectWemeet({ transport: link.app, pageUrl: () => url, userAgent: "" });
  return {
    participantId,
    wemeet,
    attached,
    closed,
    close(): void {
      void attached.detach("the headless app was closed").then(() => link.close());
    },
  };
}
