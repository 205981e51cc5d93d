/**
 * The console of `yiqi rooms` over HTTP (`--control-port`), for scripts and for the harness's
 * Rooms tab: `POST /console` runs console lines, `GET /state` reads the device state. Loopback
 * only (and a loopback `Host`, against DNS rebinding), the device's password as a bearer token,
 * and the device's Origin allow-list, checked by mock-host's `originRefusal` as the device's
 * socket is (decisions 0205, 0214).
 *
 * @module
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { originRefusal } from "@yiqi/mock-host";

/** What {@link startConsoleControl} needs. */
export interface ConsoleControlOptions {
  /** TCP port on 127.0.0.1 (0 picks a free one). */
  port: number;
  /**
   * Decides a request's password (`undefined`: no `Authorization: Bearer`), counting a wrong one
   * against `address`: `yiqi rooms` asks the device, so the socket's lockout (decision 0206)
   * covers this endpoint too and the two share one count per machine.
   */
  authorize: (password: string | undefined, address: string | undefined) => ControlAuth;
  /** Browser origins that may call it (the device's allow-list; `"*"` any page). */
  allowedOrigins: readonly string[];
  /** Runs one console line; its output lines, and whether it stops the device. */
  run: (line: string) => { lines: string[]; quit?: boolean };
  /** The device state, for `GET /state`. */
  state: () => unknown;
}

/** A password's outcome: accepted, or refused (while locked out, for `retryAfterMs` more). */
export type ControlAuth = { ok: true } | { ok: false; retryAfterMs: number };

/** A running control endpoint. */
export interface ConsoleControl {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Stops listening. */
  close(): Promise<void>;
}

/** The largest request body, in bytes. */
export const MAX_CONTROL_BODY: number = 64 * 1024;

// The body, or undefined once it passes MAX_CONTROL_BODY (the rest is not read: the caller
// answers 413 and closes the connection, so the client still gets the status).
const readBody = (req: IncomingMessage): Promise<string | undefined> =>
  new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > MAX_CONTROL_BODY) {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer): void => {
      size += c.length;
      if (size > MAX_CONTROL_BODY) {
        req.off("data", onData);
        req.pause();
        resolve(undefined);
      } else chunks.push(c);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });

/**
 * Whether a `Host` header names this loopback endpoint: `127.0.0.1:PORT` or `localhost:PORT`.
 * Anything else is a DNS-rebinding page (its own name resolved to 127.0.0.1) or a mistake.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const names = ["127.0.0.1", "localhost"];
  const lower = host.toLowerCase();
  return names.some((n) => lower === `${n}:${port}` || (port === 80 && lower === n));
}

/**
 * Serves the console on 127.0.0.1:`port`. A request whose `Host` is not `127.0.0.1:PORT` or
 * `localhost:PORT` gets 421; with an `Origin` outside the allow-list, 403; without
 * `Authorization: Bearer <password>`, 401; while `authorize` has the client locked out, 429. `POST /console` takes console lines (text, one a
 * line) and answers `{ "lines": [...], "quit": boolean }`.
 *
 * @example
 * ```ts
 * await fetch("http://127.0.0.1:6296/console", {
 *   method: "POST", headers: { authorization: "Bearer 123456" }, body: "meeting on\nshare Bob",
 * });
 * ```
 */
export async function startConsoleControl(options: ConsoleControlOptions): Promise<ConsoleControl> {
  let port = 0; // the bound port, once listening
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    // The device's rule and message (mock-host's, as its control API socket answers).
    const refused = originRefusal(origin, options.allowedOrigins);
    const send = (status: number, body: string, type = "text/plain; charset=utf-8"): void => {
      const headers: Record<string, string> = { "content-type": type, "cache-control": "no-store" };
      if (origin !== undefined && refused === undefined) {
        headers["access-control-allow-origin"] = origin;
        headers.vary = "Origin";
      }
      res.writeHead(status, headers).end(body);
    };
    if (refused !== undefined) {
      send(403, refused);
      return;
    }
    if (!isLoopbackHost(req.headers.host, port)) {
      send(
        421,
        `Host ${req.headers.host ?? "(none)"} is not this console: use http://127.0.0.1:${port} (other names are refused against DNS rebinding).\n`,
      );
      return;
    }
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (req.method === "OPTIONS") {
      res
        .writeHead(204, {
          "access-control-allow-origin": origin ?? "*",
          "access-control-allow-methods": "GET, POST",
          "access-control-allow-headers": "authorization, content-type",
          "access-control-max-age": "600",
          vary: "Origin",
        })
        .end();
      return;
    }
    if (path !== "/console" && path !== "/state") {
      send(404, "POST /console (console lines) or GET /state\n");
      return;
    }
    const bearer = /^Bearer (.*)$/s.exec(req.headers.authorization ?? "")?.[1];
    const auth = options.authorize(bearer, req.socket.remoteAddress);
    if (!auth.ok && auth.retryAfterMs > 0) {
      const seconds = Math.ceil(auth.retryAfterMs / 1000);
      res.setHeader("retry-after", String(seconds));
      send(
        429,
        `Too many wrong passwords from this machine: try again in ${seconds} s (the device's lockout, shared with its control API socket).\n`,
      );
      return;
    }
    if (!auth.ok) {
      send(401, "Send the device's password: Authorization: Bearer <password>.\n");
      return;
    }
    if (path === "/state") {
      if (req.method !== "GET") send(405, "GET /state\n");
      else send(200, JSON.stringify(options.state()), "application/json");
      return;
    }
    if (req.method !== "POST") {
      send(405, "POST /console with console lines as the body\n");
      return;
    }
    const body = await readBody(req);
    if (body === undefined) {
      res.setHeader("connection", "close");
      res.on("finish", () => req.destroy());
      send(413, `At most ${MAX_CONTROL_BODY} bytes of console lines per request.\n`);
      return;
    }
    const lines: string[] = [];
    let quit = false;
    for (const line of body.split(/\r?\n/)) {
      if (quit) break;
      const outcome = options.run(line);
      lines.push(...outcome.lines);
      quit = outcome.quit === true;
    }
    send(200, JSON.stringify({ lines, quit }), "application/json");
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
