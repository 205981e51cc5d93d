/**
 * The reverse proxy from a participant's app host to the app's real origin. It forwards HTTP
 * (rewriting Tencent's SDK URL in HTML and JavaScript to the local shim, and dropping headers
 * that would forbid framing) and WebSocket upgrades (so dev servers' hot reload works).
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as netConnect } from "node:net";
import type { Duplex } from "node:stream";
import { connect as tlsConnect } from "node:tls";
import { rewriteSdkUrls } from "./routing.ts";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
]);
const REWRITABLE =
  /^(text\/html|text\/javascript|application\/javascript|application\/x-javascript)/;

const upstreamHeaders = (req: IncomingMessage, target: URL): Record<string, string | string[]> => {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
  headers.host = target.host;
  // Bodies we may rewrite must arrive uncompressed.
  headers["accept-encoding"] = "identity";
  if (typeof headers.origin === "string") headers.origin = target.origin;
  if (typeof headers.referer === "string")
    headers.referer = target.origin + new URL(headers.referer).pathname;
  return headers;
};

/** Forwards one HTTP request to `target` (the app's origin + the request's path). */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  const upstream = send(
    target,
    { method: req.method ?? "GET", headers: upstreamHeaders(req, target), timeout: 30_000 },
    (up) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(up.headers)) {
        if (v === undefined || HOP_BY_HOP.has(k) || k === "x-frame-options") continue;
        if (k === "content-security-policy" && typeof v === "string") {
          // The client embeds the app; a frame-ancestors rule would stop the harness doing so.
          const csp = v
            .split(";")
            .filter((d) => !/^\s*frame-ancestors\b/i.test(d))
            .join(";");
          if (csp.trim()) headers[k] = csp;
          continue;
        }
        if (k === "location" && typeof v === "string" && v.startsWith(target.origin)) {
          headers[k] = v.slice(target.origin.length) || "/";
          continue;
        }
        headers[k] = v;
      }
      const type = String(up.headers["content-type"] ?? "");
      if (!REWRITABLE.test(type) || up.headers["content-encoding"]) {
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on("data", (c: Buffer) => chunks.push(c));
      up.on("end", () => {
        const body = Buffer.from(rewriteSdkUrls(Buffer.concat(chunks).toString("utf8")), "utf8");
        delete headers["content-length"];
        res.writeHead(up.statusCode ?? 502, { ...headers, "content-length": String(body.length) });
        res.end(body);
      });
      up.on("error", () => res.destroy());
    },
  );
  upstream.on("timeout", () => upstream.destroy(new Error("the app did not answer within 30 s")));
  upstream.on("error", (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end(
      `Yiqi could not reach the app at ${target.origin}: ${error.message}\nStart the app's server, or check the URL given to \`yiqi harness --app\`.\n`,
    );
  });
  req.pipe(upstream);
}

/** Forwards a WebSocket upgrade to `target` by piping the raw sockets. */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: URL,
): void {
  const secure = target.protocol === "https:";
  const port = Number(target.port || (secure ? 443 : 80));
  const upstream = secure
    ? tlsConnect({ host: target.hostname, port, servername: target.hostname })
    : netConnect({ host: target.hostname, port });
  upstream.setTimeout(30_000, () => upstream.destroy());
  upstream.on(secure ? "secureConnect" : "connect", () => {
    const headers = upstreamHeaders(req, target);
    delete headers["accept-encoding"];
    const lines = [
      `${req.method ?? "GET"} ${target.pathname}${target.search} HTTP/1.1`,
      `host: ${target.host}`,
    ];
    lines.push("connection: Upgrade", `upgrade: ${req.headers.upgrade ?? "websocket"}`);
    for (const [k, v] of Object.entries(headers))
      if (k !== "host") for (const one of [v].flat()) lines.push(`${k}: ${one}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.setTimeout(0);
    upstream.pipe(socket).pipe(upstream);
  });
  const fail = (): void => {
    socket.destroy();
    upstream.destroy();
  };
  upstream.on("error", fail);
  socket.on("error", fail);
}
