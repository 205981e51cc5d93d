/**
 * The single-participant view pages of a meeting server (docs/decisions/0031, "The phone page"):
 * with `startHarnessServer({ meeting: <join link> })`, `GET /p/<participant>?token=…` on the
 * harness host serves a phone-sized page that hosts that participant's app (on the participant's
 * own origin, as the harness does), and `/__yiqi/meeting` carries the page's view frames to the
 * meeting server. The simulator stays in the meeting server; this server only relays, checks
 * the token before anything is served and pins each page to its one participant. The client a
 * participant runs (platform, version: its user agent, decision 0008) comes from the meeting
 * server's `opened` answer, never from the page.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Platform } from "@yiqi/jsapi";
import { tokensEqual } from "@yiqi/mock-host";
import { WebSocket, WebSocketServer } from "ws";
import { HarnessServerError } from "./appRegistry.ts";
import { type ParticipantClients, participantClient } from "./participantClients.ts";
import type { RequestTarget } from "./requestTarget.ts";
import { refuseUpgrade } from "./respond.ts";

/** The path of the page-to-meeting-server relay on the harness host. */
export const MEETING_VIEW_SOCKET = "/__yiqi/meeting";

/** A participant id a page may stand for: `p1` … `p999` (its app origin is `p<N>.<app>`). */
const PARTICIPANT = /^p([1-9]\d{0,2})$/;

/** The configuration a view page reads from its `<script id="yiqi-view-config">`. */
export interface ViewPageConfig {
  participant: string;
  /** The app's id on this server (`demo` or a registered app). */
  appId: string;
  port: number;
}

/** Options of {@link createMeetingViews}. */
export interface MeetingViewsOptions {
  /** The meeting server's join link (`ws://host:port/meeting?token=…`). */
  link: string;
  /** The built harness page directory (holds `view.html`). */
  harnessDir: string;
  port: () => number;
  /** The app every view page hosts. */
  appId: string;
  clients: ParticipantClients;
  log: (line: string) => void;
}

/** The view routes, wired into the harness server's request and upgrade handlers. */
export interface MeetingViews {
  /** The page link of `participant` (with the token): hand it to the phone or browser. */
  pageUrl(participant: string): string;
  /** Answers `/p/<participant>`; false when the path is not a view page. */
  request(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: URLSearchParams,
  ): boolean;
  /** Takes the upgrade of `/__yiqi/meeting`; false when the path is another one. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: RequestTarget): boolean;
  close(): void;
}

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  // The token is in the page's URL: no request from the page may carry it in Referer.
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy": "frame-ancestors 'none'",
};

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A page that says why this view is refused and what to do. */
export function refusalPage(status: number, code: string, what: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Yiqi · not admitted</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:24px;background:#f4f5f7;color:#1d2129}main{max-width:420px;margin:10vh auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 12px #0001}h1{font-size:20px;margin:0 0 8px}code{background:#eef;padding:1px 4px;border-radius:4px}</style></head>
<body><main role="alert" data-refused="${escapeHtml(code)}"><h1>Not admitted to this meeting</h1><p>${escapeHtml(what)}</p><p><small>${status} <code>${escapeHtml(code)}</code></small></p></main></body></html>`;
}

/** Creates the view routes of one meeting server's join link. */
export function createMeetingViews(options: MeetingViewsOptions): MeetingViews {
  const link = URL.canParse(options.link) ? new URL(options.link) : null;
  if (!link || (link.protocol !== "ws:" && link.protocol !== "wss:"))
    throw new HarnessServerError(
      `--meeting must be a meeting server's join link (ws://host:port/meeting?token=…) as \`yiqi meeting\` prints it, not ${JSON.stringify(options.link.slice(0, 80))}`,
    );
  const token = link.searchParams.get("token") ?? "";
  if (token === "")
    throw new HarnessServerError(
      "--meeting: the join link carries no ?token=; copy it whole as `yiqi meeting` printed it",
    );
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const harnessOrigins = (): string[] => {
    const p = options.port();
    return [`http://127.0.0.1:${p}`, `http://localhost:${p}`, `http://[::1]:${p}`];
  };

  const sendPage = (res: ServerResponse, status: number, body: string, head: boolean): void => {
    const buf = Buffer.from(body, "utf8");
    res.writeHead(status, { ...PAGE_HEADERS, "content-length": String(buf.length) });
    res.end(head ? undefined : buf);
  };

  const request: MeetingViews["request"] = (req, res, pathname, query) => {
    const head = req.method === "HEAD";
    const m = /^\/p\/([^/]*)\/?$/.exec(pathname);
    if (!m) {
      // One simulator: this server shows the meeting server's participants, not a meeting of
      // its own (the harness page is not served; its built assets are, for the view page).
      if (pathname.startsWith("/assets/") || pathname.startsWith("/__yiqi/")) return false;
      sendPage(
        res,
        404,
        refusalPage(
          404,
          "NO_PAGE",
          "This server shows the participants of a meeting server: open a participant's link (/p/<participant>?token=…) as `yiqi meeting` printed it.",
        ),
        head,
      );
      return true;
    }
    const participant = decodeURIComponent(m[1] ?? "");
    if (!PARTICIPANT.test(participant)) {
      sendPage(
        res,
        404,
        refusalPage(
          404,
          "UNKNOWN_PARTICIPANT",
          `"${participant.slice(0, 40)}" is not a participant id (p1, p2, …). Open the link you were given.`,
        ),
        head,
      );
      return true;
    }
    if (!tokensEqual(query.get("token"), token)) {
      sendPage(
        res,
        401,
        refusalPage(
          401,
          "BAD_TOKEN",
          "This page needs the meeting's token: open the whole link the meeting's host shared (it ends in ?token=…).",
        ),
        head,
      );
      return true;
    }
    let html: string;
    try {
      html = readFileSync(`${options.harnessDir}/view.html`, "utf8");
    } catch {
      sendPage(
        res,
        503,
        refusalPage(
          503,
          "NOT_BUILT",
          "The view page is not built: run `pnpm build` in the Yiqi repository.",
        ),
        head,
      );
      return true;
    }
    const config: ViewPageConfig = { participant, appId: options.appId, port: options.port() };
    const json = JSON.stringify(config).replace(/</g, "\\u003c");
    // Built with base "./": assets resolve from the root, not from /p/.
    const page = html.replace(
      "<head>",
      `<head><base href="/"><script id="yiqi-view-config" type="application/json">${json}</script>`,
    );
    sendPage(res, 200, page, head);
    return true;
  };

  const upgrade: MeetingViews["upgrade"] = (req, socket, head, target) => {
    if (target.pathname !== MEETING_VIEW_SOCKET) return false;
    const origin = req.headers.origin;
    if (origin === undefined || !harnessOrigins().includes(origin)) {
      refuseUpgrade(
        socket,
        403,
        `${MEETING_VIEW_SOCKET} admits only the view pages of this server (Origin ${origin ?? "missing"})`,
      );
      return true;
    }
    const presented = target.searchParams.get("token");
    if (!tokensEqual(presented, token)) {
      refuseUpgrade(
        socket,
        401,
        "BAD_TOKEN: open the page link the meeting's host shared (it carries ?token=).",
      );
      return true;
    }
    const participant = target.searchParams.get("participant") ?? "";
    const n = PARTICIPANT.exec(participant);
    if (!n) {
      refuseUpgrade(socket, 400, "a view page connects with ?participant=pN");
      return true;
    }
    sockets.handleUpgrade(req, socket, head, (page) =>
      relayView(page, participant, Number(n[1]), options),
    );
    return true;
  };

  return {
    pageUrl: (participant) =>
      `http://127.0.0.1:${options.port()}/p/${participant}?token=${encodeURIComponent(token)}`,
    request,
    upgrade,
    close: () => {
      for (const c of sockets.clients) c.terminate();
      sockets.close();
    },
  };
}

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

/** Why a page frame is not relayed, or undefined to relay it. */
function pinned(frame: Record<string, unknown>, participant: string): string | undefined {
  if (frame.t === "claim") {
    const ids = frame.participants;
    if (!Array.isArray(ids) || ids.length !== 1 || ids[0] !== participant)
      return `this page stands for ${participant} only: claim { participants: ["${participant}"] }`;
  }
  if (frame.t === "open" && frame.participant !== participant)
    return `this page stands for ${participant} only`;
  return undefined;
}

/**
 * Relays one page's frames to the meeting server as a view of its own. Frames that would claim
 * or open another participant are refused here (`NOT_YOUR_PARTICIPANT`); the server checks every
 * frame again. The client the server reports in `opened` becomes the participant's user agent.
 */
function relayView(
  page: WebSocket,
  participant: string,
  n: number,
  options: MeetingViewsOptions,
): void {
  const upstream = new WebSocket(options.link);
  const queued: string[] = [];
  const opens = new Set<number>();
  const end = (code: number, reason: string): void => {
    if (page.readyState === WebSocket.OPEN) page.close(sendableCode(code), closeReason(reason));
    if (upstream.readyState <= WebSocket.OPEN) upstream.close();
  };
  upstream.on("open", () => {
    for (const text of queued.splice(0)) upstream.send(text);
  });
  upstream.on("error", (e) => {
    options.log(`meeting view ${participant}: the meeting server is unreachable (${e.message})`);
    end(1011, "NOT_READY: the meeting server is unreachable; is `yiqi meeting` running?");
  });
  upstream.on("close", (code, reason) => end(code, String(reason)));
  upstream.on("message", (data) => {
    const text = String(data);
    try {
      const f = JSON.parse(text) as {
        t?: string;
        id?: number;
        environment?: { platform?: Platform; clientVersion?: string; userAgent?: string };
      };
      if (f.t === "opened" && typeof f.id === "number" && opens.delete(f.id) && f.environment) {
        const { platform, clientVersion, userAgent } = f.environment;
        if (platform && clientVersion)
          options.clients.setOne(
            options.appId,
            n,
            participantClient(
              platform,
              clientVersion,
              /c_district\/1/.test(userAgent ?? "") ? 1 : 0,
            ),
          );
      }
    } catch {
      // The server only sends JSON; anything else goes through as is.
    }
    if (page.readyState === WebSocket.OPEN) page.send(text);
  });
  page.on("message", (data, binary) => {
    const text = String(data);
    let frame: Record<string, unknown> | undefined;
    try {
      frame = binary ? undefined : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      frame = undefined;
    }
    const refused = frame && typeof frame === "object" ? pinned(frame, participant) : undefined;
    if (refused !== undefined && frame) {
      page.send(
        JSON.stringify({
          t: "error",
          id: frame.id ?? null,
          code: "NOT_YOUR_PARTICIPANT",
          message: refused,
        }),
      );
      return;
    }
    if (frame?.t === "open" && typeof frame.id === "number") opens.add(frame.id);
    if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
    else if (upstream.readyState === WebSocket.CONNECTING && queued.length < 64) queued.push(text);
  });
  page.on("close", () => {
    if (upstream.readyState <= WebSocket.OPEN) upstream.close(1000, "the view page closed");
  });
  page.on("error", () => page.terminate());
}
