/**
 * One page's `/__yiqi/meeting` socket, whatever the meeting behind it: the harness server's own
 * (in process) or a remote meeting server's (relayed). Frames of a page pinned to a participant
 * go through mock-host's `pinnedFrameRefusal` first (the one pinning rule: the in-process core
 * applies it again to a view connected with `{ participant }`, a remote server to every frame of
 * its own checks); the client the meeting reports in `opened` becomes that
 * participant's user agent on its origin (decision 0008); a page that does not read is dropped
 * before it makes the server buffer without bound.
 *
 * @module
 */
import type { Platform } from "@yiqi/jsapi";
import { parseViewFrame, pinnedFrameRefusal, type ViewFrame } from "@yiqi/mock-host";
import type { WebSocket } from "ws";

/**
 * Bytes waiting to be sent to one page before it is dropped (1013) as too slow: a backstop above
 * the meeting server's own hold-back of `state` / `trace` for a view that does not read (4 MiB).
 */
export const MAX_PAGE_BUFFERED_BYTES: number = 16 * 1024 * 1024;

/** Close codes an endpoint may send (1005, 1006 and 1015 only describe a close). */
const SENDABLE = new Set([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014]);

/** `code` if a socket may send it, else 1011 (the meeting server went away abnormally). */
export const sendableCode = (code: number): number =>
  SENDABLE.has(code) || (code >= 3000 && code <= 4999) ? code : code === 1005 ? 1000 : 1011;

/** A close reason within the protocol's 123 bytes, cut at a character boundary. */
export function closeReason(reason: string): string {
  let out = reason;
  while (Buffer.byteLength(out) > 123) out = out.slice(0, -1);
  return out;
}

/** Where the meeting's frames for the page go. */
export interface PageSink {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Bytes written to the page and not yet sent. */
  bufferedAmount(): number;
}

/** The meeting side of one page: its frames in, and the page going away. */
export interface MeetingLink {
  send(text: string): void;
  close(): void;
}

/** The client the meeting gave participant `participant` in an `opened` answer. */
export interface OpenedClient {
  participant: string;
  /** Where the instance is shown (its participant origin). */
  url: string;
  platform: Platform;
  clientVersion: string;
  userAgent: string;
}

/** Options of {@link servePageSocket}. */
export interface PageSocketOptions {
  /** The participant a `/p/<id>` page stands for; absent for the full harness page. */
  participant?: string;
  /**
   * Connects the page to the meeting; `toPage` carries the meeting's frames back, `participant`
   * is the page's pin.
   */
  connect(toPage: PageSink, participant: string | undefined): MeetingLink;
  /** An instance was opened for a participant of this page. */
  opened?(client: OpenedClient): void;
  /** Rewrites the page's frames on the way in and the meeting's on the way out (LAN origins). */
  translate?: { in(text: string): string; out(text: string): string };
}

/** Serves one admitted page socket until either side closes. */
export function servePageSocket(page: WebSocket, options: PageSocketOptions): void {
  const pin = options.participant;
  /** The participant of each `open` this page asked for, by frame id, until answered. */
  const opens = new Map<number, string>();
  let dropped = false;
  const toPage: PageSink = {
    send(sent) {
      if (dropped || page.readyState !== page.OPEN) return;
      const text = options.translate ? options.translate.out(sent) : sent;
      if (page.bufferedAmount > MAX_PAGE_BUFFERED_BYTES) {
        dropped = true;
        page.close(1013, "too slow: over the harness server's send buffer; read frames faster");
        setTimeout(() => page.terminate(), 1000).unref();
        return;
      }
      if (opens.size > 0 && text.startsWith('{"t":"opened"')) noteOpened(text);
      page.send(text);
    },
    close(code, reason) {
      if (page.readyState === page.OPEN) page.close(sendableCode(code), closeReason(reason));
    },
    bufferedAmount: () => page.bufferedAmount,
  };
  const noteOpened = (text: string): void => {
    try {
      const f = JSON.parse(text) as {
        id?: number;
        url?: string;
        environment?: { platform?: Platform; clientVersion?: string; userAgent?: string };
      };
      const participant = typeof f.id === "number" ? opens.get(f.id) : undefined;
      if (participant === undefined) return;
      opens.delete(f.id as number);
      const { platform, clientVersion, userAgent } = f.environment ?? {};
      if (platform && clientVersion && typeof f.url === "string")
        options.opened?.({
          participant,
          url: f.url,
          platform,
          clientVersion,
          userAgent: userAgent ?? "",
        });
    } catch {
      // The meeting sends JSON only; anything else goes through as is.
    }
  };
  const link = options.connect(toPage, pin);
  page.on("message", (data, binary) => {
    if (binary) {
      page.close(1003, "BAD_FRAME: the meeting protocol is JSON text frames");
      return;
    }
    const text = options.translate ? options.translate.in(String(data)) : String(data);
    let frame: ViewFrame | undefined;
    try {
      frame = parseViewFrame(text);
    } catch {
      // Malformed: the meeting server answers BAD_FRAME and closes, as to any view.
      frame = undefined;
    }
    const refused = frame && pin !== undefined ? pinnedFrameRefusal(frame, pin) : undefined;
    if (refused !== undefined && frame) {
      const id = "id" in frame ? frame.id : null;
      toPage.send(
        JSON.stringify({ t: "error", id, code: "NOT_YOUR_PARTICIPANT", message: refused }),
      );
      return;
    }
    if (frame?.t === "open") {
      // Bounded: unanswered opens are forgotten once 1,000 are pending.
      if (opens.size >= 1000) opens.clear();
      opens.set(frame.id, frame.participant);
    }
    link.send(text);
  });
  page.on("close", () => link.close());
  page.on("error", () => page.terminate());
}
