/**
 * The harness page's API under `/__yiqi/` on the harness host: `GET /__yiqi/config`,
 * `POST /__yiqi/apps { url }` (registers an upstream for the proxy; answers its id and name) and
 * `POST /__yiqi/clients { appId, clients }` (which client each participant runs, decision 0008).
 * Both POSTs are for the harness page only: a same-origin request with `Content-Type: application/json`, so a cross-site
 * page cannot send it (it would need a CORS preflight that is never granted). No answer carries
 * CORS headers (docs/decisions/0006).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { networkInterfaces } from "node:os";
import { harnessOrigins, isHarnessOrigin } from "./origin.ts";
import { type ParticipantClient, parseClientsBody } from "./participantClients.ts";
import { sendJson } from "./respond.ts";

/** What the API reads and does, supplied by the server. */
export interface HarnessApiInfo {
  /** The port the server listens on. */
  port(): number;
  /** The `/__yiqi/config` answer to `req` (what it carries may depend on who asks). */
  config(req: IncomingMessage): unknown;
  /** Registers an app URL and returns its id; throws an Error with a message for the user. */
  register(url: string): string;
  /** What the harness calls the app at `url` (decision 0009); never rejects. */
  nameOf(url: string): Promise<string>;
  /** Sets the clients of `appId`'s participants; throws an Error with a message for the user. */
  setClients(appId: string, clients: ReadonlyMap<number, ParticipantClient>): void;
  /** The origin at which participant `n` sees app `appId`. */
  appOrigin(participant: number, appId: string): string;
}

const MAX_BODY_BYTES = 16 * 1024;
/** 999 participants' clients fit in this. */
const MAX_CLIENTS_BODY_BYTES = 128 * 1024;

/** Whether a peer address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped 127/8). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

/**
 * Whether a peer address is this machine: loopback, or one of its own interface addresses (a
 * browser here opening the harness at its LAN address, decision 0039). TCP peers cannot fake it.
 */
export function isThisMachine(address: string | undefined): boolean {
  if (address === undefined) return false;
  if (isLoopbackAddress(address)) return true;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((i) => i.address === a),
  );
}

/**
 * Why a request may not call a state-changing harness API, or null if it may. A peer on another
 * machine (the server listens on the LAN) can forge every header, so it may not register apps:
 * that would point the proxy at this machine's loopback-only services.
 */
export function refuseCaller(
  req: IncomingMessage,
  port: number,
  api: "apps" | "clients" = "apps",
): { status: 403 | 415; error: string } | null {
  const peer = req.socket?.remoteAddress;
  if (!isThisMachine(peer))
    return {
      status: 403,
      error:
        api === "apps"
          ? `apps are registered from this machine only (the request came from ${peer ?? "an unknown peer"}): open the harness page on the machine that runs it, or start the harness with --app <url>`
          : `participants' clients are set from this machine only (the request came from ${peer ?? "an unknown peer"}): open the harness page on the machine that runs it`,
    };
  const site = req.headers["sec-fetch-site"];
  const origin = req.headers.origin;
  if ((site !== undefined && site !== "same-origin") || !isHarnessOrigin(origin, port))
    return {
      status: 403,
      error: `this harness API is for the harness page only: call it from ${harnessOrigins(port)[0]}/ (the request came from ${origin === undefined ? "no Origin" : `Origin ${origin}`}${site ? `, Sec-Fetch-Site ${site}` : ""}). Open the app from the harness page instead.`,
    };
  const type = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();
  if (type !== "application/json")
    return {
      status: 415,
      error: `send Content-Type: application/json with a JSON body (got ${type || "no Content-Type"})`,
    };
  return null;
}

/** Reads a request body of at most `limit` bytes; rejects if it is larger or cut short. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error(`the request body is over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
    req.on("close", () => reject(new Error("the request body was cut short")));
  });
}

/** Reads `{ "url": string }` from a JSON text; throws an Error saying what to send. */
function parseRegistration(text: string): string {
  const hint = 'send JSON { "url": "http://localhost:5173/" } (or { "url": "demo" })';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the body is not JSON: ${hint}`);
  }
  const url = (body as { url?: unknown } | null)?.url;
  if (typeof body !== "object" || typeof url !== "string") throw new Error(hint);
  return url;
}

/**
 * Creates the handler of `/__yiqi/*` on the harness host.
 *
 * @returns a handler that answers every request it is given (404 for unknown API paths).
 */
export function harnessApi(
  info: HarnessApiInfo,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<void> {
  return async (req, res, pathname) => {
    if (pathname === "/__yiqi/config") {
      sendJson(res, 200, info.config(req));
      return;
    }
    if (pathname === "/__yiqi/apps") {
      if (req.method !== "POST") {
        sendJson(res, 405, { error: 'POST { "url": "..." } to /__yiqi/apps' }, { allow: "POST" });
        return;
      }
      const refused = refuseCaller(req, info.port());
      if (refused) {
        sendJson(res, refused.status, { error: refused.error }, { connection: "close" });
        return;
      }
      let id: string;
      let url: string;
      try {
        url = parseRegistration(await readBody(req, MAX_BODY_BYTES));
        id = url === "demo" ? "demo" : info.register(url);
      } catch (error) {
        if (!res.headersSent && !res.destroyed)
          sendJson(res, 400, { error: (error as Error).message }, { connection: "close" });
        return;
      }
      const origin = info.appOrigin(1, id).replace("//p1.", "//p{n}.");
      if (id === "demo") sendJson(res, 200, { id, origin });
      else sendJson(res, 200, { id, origin, name: await info.nameOf(url) });
      return;
    }
    if (pathname === "/__yiqi/clients") {
      if (req.method !== "POST") {
        sendJson(
          res,
          405,
          { error: "POST { appId, clients } to /__yiqi/clients" },
          { allow: "POST" },
        );
        return;
      }
      const refused = refuseCaller(req, info.port(), "clients");
      if (refused) {
        sendJson(res, refused.status, { error: refused.error }, { connection: "close" });
        return;
      }
      try {
        const { appId, clients } = parseClientsBody(await readBody(req, MAX_CLIENTS_BODY_BYTES));
        info.setClients(appId, clients);
        sendJson(res, 200, { appId, participants: clients.size });
      } catch (error) {
        if (!res.headersSent && !res.destroyed)
          sendJson(res, 400, { error: (error as Error).message }, { connection: "close" });
      }
      return;
    }
    sendJson(res, 404, { error: `unknown harness API ${pathname}` });
  };
}
