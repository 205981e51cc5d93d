/**
 * The two meetings a page's `/__yiqi/meeting` socket can reach (decision 0038): the harness
 * server's own meeting server core, in process (`yiqi harness`), or a remote meeting server
 * given by its join link (`yiqi harness --meeting`, `yiqi meeting --pages`), where each page is
 * a view of its own. Either way the page speaks the meeting protocol unchanged.
 *
 * @module
 */
import type { MeetingServerCore } from "@yiqi/mock-host";
import { WebSocket } from "ws";
import type { MeetingLink, PageSink } from "./viewSocket.ts";

/** Frames a page may send before the remote meeting server has answered the connection. */
const MAX_QUEUED = 64;

/** Connects a page to the in-process core: one view session per page, pinned as the page is. */
export function coreLink(
  core: MeetingServerCore,
): (toPage: PageSink, participant: string | undefined) => MeetingLink {
  return (toPage, participant) => {
    const session = core.connect(
      {
        send: (text) => toPage.send(text),
        close: (code, reason) => toPage.close(code, reason),
        bufferedAmount: () => toPage.bufferedAmount(),
      },
      // The core pins the view too (the same rule as the page socket's filter).
      participant === undefined ? {} : { participant },
    );
    return { send: (text) => session.receive(text), close: () => session.closed() };
  };
}

/** Connects a page to the meeting server at `link` as a view of its own. */
export function relayLink(
  link: string,
  label: string,
  log: (line: string) => void,
): (toPage: PageSink) => MeetingLink {
  return (toPage) => {
    const upstream = new WebSocket(link);
    const queued: string[] = [];
    upstream.on("open", () => {
      for (const text of queued.splice(0)) upstream.send(text);
    });
    upstream.on("error", (e) => {
      log(`meeting view ${label}: the meeting server is unreachable (${e.message})`);
      toPage.close(
        1011,
        "NOT_READY: the meeting server is unreachable; is `yiqi meeting` running?",
      );
      if (upstream.readyState <= WebSocket.OPEN) upstream.close();
    });
    upstream.on("close", (code, reason) => toPage.close(code, String(reason)));
    upstream.on("message", (data) => toPage.send(String(data)));
    return {
      send(text) {
        if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
        else if (upstream.readyState === WebSocket.CONNECTING && queued.length < MAX_QUEUED)
          queued.push(text);
      },
      close() {
        if (upstream.readyState <= WebSocket.OPEN) upstream.close(1000, "the view page closed");
      },
    };
  };
}
