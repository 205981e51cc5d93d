/**
 * The meeting's routes on the harness host (docs/decisions/0031 "The view page", 0038):
 * `GET /p/<participant>?token=…` serves a phone-sized page that hosts that participant's app (on
 * the participant's own origin, as the harness does), and `/__yiqi/meeting` carries the frames of
 * every page (a view page, pinned to its participant, or the full harness page, unpinned) to the
 * meeting: the harness server's own, in process, or a remote meeting server's. The token is
 * checked before anything is served: the meeting's token opens every view, participant pN's
 * token (docs/decisions/0037, `viewTokens.ts`) opens pN's only, whatever the request asks for;
 * the links handed out carry participants' tokens. The client a participant runs (platform, version: its user
 * agent, decision 0008) comes from the meeting's `opened` answer, never from the page.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { parseParticipantHost } from "../participantHost.ts";
import { HarnessServerError } from "./appRegistry.ts";
import { type ParticipantClients, participantClient } from "./participantClients.ts";
import type { RequestTarget } from "./requestTarget.ts";
import { refuseUpgrade } from "./respond.ts";
import { type MeetingLink, type PageSink, servePageSocket } from "./viewSocket.ts";
import {
  credentialOf,
  PARTICIPANT_ID as PARTICIPANT,
  viewRefusal,
  viewToken,
} from "./viewTokens.ts";

export { closeReason, sendableCode } from "./viewSocket.ts";

/** The path of the page-to-meeting-server relay on the harness host. */
export const MEETING_VIEW_SOCKET = "/__yiqi/meeting";

/** The configuration a view page reads from its `<script id="yiqi-view-config">`. */
export interface ViewPageConfig {
  participant: string;
  /** The app's id on this server (`demo` or a registered app). */
  appId: string;
  port: number;
  /**
   * Where this participant's app runs when the page was opened over the LAN (decision 0039),
   * e.g. `http://192.168.1.5:53001`; absent on this machine (`p<N>.<app>.localhost`).
   */
  appOrigin?: string;
}

/** Options of {@link createMeetingViews}. */
export interface MeetingViewsOptions {
  /** The meeting's token: pages and sockets present it or a participant's token derived from it. */
  token: string;
  /** The built harness page directory (holds `view.html`). */
  harnessDir: string;
  port: () => number;
  /** The app every view page hosts. */
  appId: string;
  /** The page origins a `/__yiqi/meeting` socket is admitted from (the harness's own). */
  pageOrigins: () => readonly string[];
  /** Where the links handed out point: `http://127.0.0.1:PORT` (or the LAN address). */
  publicBase: () => string;
  /** Connects one page to the meeting; `label` names it in logs (`p2`, `harness`). */
  connect: (label: string) => (toPage: PageSink, participant: string | undefined) => MeetingLink;
  /** Participant `n`'s app origin for a page requested with `req`, when it is not `.localhost`. */
  appOriginFor?: (participant: number, req: IncomingMessage) => Promise<string | undefined>;
  /** The frame translation of a page socket from `origin` pinned to participant `n`, if any. */
  translatorFor?: (
    origin: string | undefined,
    participant: number,
  ) => { in(text: string): string; out(text: string): string } | undefined;
  /** Refuses one more page before the upgrade (the meeting's view quota), or admits it. */
  admit?: () => { status: 503; text: string } | undefined;
  clients: ParticipantClients;
}

/** The meeting's token in a join link (`ws://host:port/meeting?token=…`); throws if none. */
export function tokenOfJoinLink(joinLink: string): string {
  const link = URL.canParse(joinLink) ? new URL(joinLink) : null;
  if (!link || (link.protocol !== "ws:" && link.protocol !== "wss:"))
    throw new HarnessServerError(
      `--meeting must be a meeting server's join link (ws://host:port/meeting?token=…) as \`yiqi meeting\` prints it, not ${JSON.stringify(joinLink.slice(0, 80))}`,
    );
  const token = link.searchParams.get("token") ?? "";
  if (token === "")
    throw new HarnessServerError(
      "--meeting: the join link carries no ?token=; copy it whole as `yiqi meeting` printed it",
    );
  return token;
}

/** The view routes, wired into the harness server's request and upgrade handlers. */
export interface MeetingViews {
  /**
   * The page link of `participant` with its own token (it admits that participant only): hand it
   * to the phone or browser. Throws a `HarnessServerError` for an id that is not `p1` … `p999`.
   */
  pageUrl(participant: string): string;
  /** `pageUrl` with `{participant}` and `{token}` standing for the id and its token. */
  pageUrlPattern(): string;
  /** Answers `/p/<participant>`; false when the path is not a view page. */
  request(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    query: URLSearchParams,
  ): Promise<boolean>;
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

/** Creates the meeting's routes on the harness host. */
export function createMeetingViews(options: MeetingViewsOptions): MeetingViews {
  const { token } = options;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });

  const sendPage = (res: ServerResponse, status: number, body: string, head: boolean): void => {
    const buf = Buffer.from(body, "utf8");
    res.writeHead(status, { ...PAGE_HEADERS, "content-length": String(buf.length) });
    res.end(head ? undefined : buf);
  };

  const request: MeetingViews["request"] = async (req, res, pathname, query) => {
    const head = req.method === "HEAD";
    const m = /^\/p\/([^/]*)\/?$/.exec(pathname);
    // Every other path is the harness page (a view of the same meeting) or its assets.
    if (!m) return false;
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
    const credential = credentialOf(query.get("token"), token);
    if (!credential) {
      sendPage(
        res,
        401,
        refusalPage(
          401,
          "BAD_TOKEN",
          "This page needs a token of this meeting: open the whole link the meeting's host shared (it ends in ?token=…).",
        ),
        head,
      );
      return true;
    }
    const refused = viewRefusal(credential, participant, "page");
    if (refused) {
      sendPage(
        res,
        refused.status,
        refusalPage(refused.status, refused.code, refused.message),
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
    const appOrigin = await options.appOriginFor?.(Number(participant.slice(1)), req);
    const config: ViewPageConfig = {
      participant,
      appId: options.appId,
      port: options.port(),
      ...(appOrigin ? { appOrigin } : {}),
    };
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
    // A browser always sends Origin on a WebSocket: only the harness's own pages are admitted
    // (an app frame's origin is 403). A process (a headless view) sends none and needs the token.
    const origin = req.headers.origin;
    if (origin !== undefined && !options.pageOrigins().includes(origin)) {
      refuseUpgrade(
        socket,
        403,
        `${MEETING_VIEW_SOCKET} admits only the pages of this server (Origin ${origin}); app frames talk to their client through the bridge`,
      );
      return true;
    }
    const credential = credentialOf(target.searchParams.get("token"), token);
    if (!credential) {
      refuseUpgrade(
        socket,
        401,
        "BAD_TOKEN: open the page link the meeting's host shared (it carries ?token=).",
      );
      return true;
    }
    const participant = target.searchParams.get("participant");
    if (participant !== null && !PARTICIPANT.test(participant)) {
      refuseUpgrade(socket, 400, "a view page connects with ?participant=pN (p1 … p999)");
      return true;
    }
    // Who the socket stands for comes from the credential: a participant's token is pinned to
    // its participant, and asking for none (the full view) or another one is refused.
    const refused = viewRefusal(credential, participant ?? undefined, "socket");
    if (refused) {
      refuseUpgrade(socket, refused.status, `${refused.code}: ${refused.message}`);
      return true;
    }
    const full = options.admit?.();
    if (full) {
      refuseUpgrade(socket, full.status, full.text);
      return true;
    }
    const translate =
      participant === null
        ? undefined
        : options.translatorFor?.(origin, Number(participant.slice(1)));
    sockets.handleUpgrade(req, socket, head, (page) =>
      servePageSocket(page, {
        ...(participant !== null ? { participant } : {}),
        ...(translate ? { translate } : {}),
        connect: options.connect(participant ?? "harness"),
        opened: ({ participant: pid, url, platform, clientVersion, userAgent }) => {
          const n = PARTICIPANT.exec(pid);
          if (!n) return;
          const host = URL.canParse(url) ? parseParticipantHost(new URL(url).hostname) : undefined;
          options.clients.setOne(
            host?.appId ?? options.appId,
            Number(n[1]),
            participantClient(platform, clientVersion, /c_district\/1/.test(userAgent) ? 1 : 0),
          );
        },
      }),
    );
    return true;
  };

  const pageUrlPattern = (): string => `${options.publicBase()}/p/{participant}?token={token}`;
  return {
    pageUrl: (participant) =>
      pageUrlPattern()
        .replace("{token}", encodeURIComponent(viewToken(token, participant)))
        .replace("{participant}", participant),
    pageUrlPattern,
    request,
    upgrade,
    close: () => {
      for (const c of sockets.clients) c.terminate();
      sockets.close();
    },
  };
}
