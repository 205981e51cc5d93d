/**
 * The reverse proxy from a participant's app host to the app's real origin. It forwards HTTP
 * (rewriting Tencent's SDK URL in HTML and JavaScript to the local shim, and dropping headers
 * that would forbid framing) and WebSocket upgrades (so dev servers' hot reload works). Every
 * failure ends only the request at hand: a 502 with the reason while nothing was sent, otherwise
 * the client's connection is cut so the browser sees a failed load instead of waiting.
 */
import {
  type ClientRequest,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { request as httpsRequest } from "node:https";
import { connect as netConnect } from "node:net";
import { type Duplex, finished, pipeline } from "node:stream";
import { connect as tlsConnect } from "node:tls";
import {
  allowClientScript,
  allowShimInMetaCsp,
  clientScriptTag,
  injectIntoHtml,
  SHIM_PATH,
} from "./clientScript.ts";
import { requestHeaders, responseHeaders } from "./forwardHeaders.ts";
import type { ParticipantClient } from "./participantClients.ts";
import { answerUnlessStarted, holdHeadUntilBody } from "./respond.ts";
import { rewriteSdkUrls } from "./routing.ts";
import type { UpstreamTarget } from "./upstreamTarget.ts";

/** Limits of the proxy. */
export const PROXY_LIMITS: {
  /** HTML/JS bodies up to this size are buffered to rewrite the SDK URL; larger ones stream as is. */
  readonly rewriteMaxBytes: number;
  /** An upstream silent for this long (connecting, or mid-body) fails the request. */
  readonly idleTimeoutMs: number;
} = {
  rewriteMaxBytes: 8 * 1024 * 1024,
  idleTimeoutMs: 30_000,
};

const REWRITABLE =
  /^(text\/html|text\/javascript|application\/javascript|application\/x-javascript)/i;

/** What the proxy needs besides the request: where it goes and who the app is. */
export interface ProxyInfo {
  readonly target: UpstreamTarget;
  /** Whether an origin is one of this app's participant origins (mapped to the app's own). */
  isAppOrigin(origin: string): boolean;
  /** The participant's origin (`http://p<N>.<app>.localhost:<port>`). */
  origin: string;
  /** The participant's client: its UA goes upstream and into the app's documents. */
  client: ParticipantClient;
  log(line: string): void;
}

/**
 * Whether a request loads a document (a page or a frame), which gets the client script; a
 * fetch of an HTML fragment does not. Browsers without `Sec-Fetch-Dest` count as documents.
 */
export function isDocumentRequest(req: IncomingMessage): boolean {
  const dest = req.headers["sec-fetch-dest"];
  return dest === undefined || dest === "document" || dest === "iframe" || dest === "frame";
}

/** The code of the proxy's 502: the app's server gave no usable answer. */
export const APP_UNREACHABLE = "HARNESS_APP_UNREACHABLE";

const unreachable = (target: UpstreamTarget, reason: string): string =>
  `Yiqi could not reach the app at ${target.origin}: ${reason} [${APP_UNREACHABLE}]\nStart the app's server, or check the URL given to \`yiqi harness --app\`.`;

/** Errors of a request sent on a kept-alive socket that the app's server had closed meanwhile. */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);

/** Forwards one HTTP request to the app's origin (see {@link ProxyInfo}). */
export function proxyHttp(req: IncomingMessage, res: ServerResponse, info: ProxyInfo): void {
  const { target } = info;
  // Nothing is sent before the app's body starts: a failure until then still gets the 502.
  holdHeadUntilBody(res);
  const fail = (reason: string): void =>
    answerUnlessStarted(res, 502, unreachable(target, reason), { "x-yiqi-error": APP_UNREACHABLE });
  // A document gets this participant's client script: it is always fetched whole, so that a
  // cached copy carrying another client's script is never revalidated into use.
  const document = isDocumentRequest(req) && req.method !== "HEAD";
  const headers = requestHeaders(req.headers, target, info.isAppOrigin, info.client);
  if (document) {
    delete headers["if-none-match"];
    delete headers["if-modified-since"];
  }
  const method = req.method ?? "GET";
  // A bodiless GET/HEAD can be sent again: when the app's server closed the kept-alive socket it
  // went out on (the agent reused it just as the server timed it out), it is sent once more, on a
  // new connection (another kept-alive one may be just as stale).
  const resendable =
    (method === "GET" || method === "HEAD") &&
    req.headers["transfer-encoding"] === undefined &&
    Number(req.headers["content-length"] ?? 0) === 0;
  let upstream: ClientRequest | undefined;
  const send = (fresh: boolean): void => {
    let sent: ClientRequest;
    try {
      sent = (target.protocol === "https:" ? httpsRequest : httpRequest)({
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.path,
        method,
        headers,
        timeout: PROXY_LIMITS.idleTimeoutMs,
        ...(fresh ? { agent: false } : {}),
      });
    } catch (error) {
      fail((error as Error).message);
      return;
    }
    upstream = sent;
    let answered = false;
    sent.on("timeout", () =>
      sent.destroy(new Error(`the app was silent for ${PROXY_LIMITS.idleTimeoutMs / 1000} s`)),
    );
    sent.on("error", (error: NodeJS.ErrnoException) => {
      if (
        resendable &&
        !answered &&
        sent.reusedSocket &&
        STALE_SOCKET.has(error.code ?? "") &&
        !fresh &&
        !res.destroyed
      ) {
        send(true);
        return;
      }
      fail(
        `${error.message}${sent.reusedSocket ? " (on a kept-alive connection the app's server closed)" : ""}`,
      );
    });
    sent.on("response", (up) => {
      answered = true;
      try {
        respond(up, res, info, fail, document);
      } catch (error) {
        // e.g. a response header Node refuses to send on.
        up.destroy();
        fail(`its answer could not be passed on (${(error as Error).message})`);
      }
    });
    if (resendable) {
      req.resume();
      sent.end();
    } else pipeline(req, sent, () => {});
  };
  // The participant went away: stop the upstream request too.
  res.on("close", () => {
    if (!res.writableFinished) upstream?.destroy();
  });
  send(false);
}

function respond(
  up: IncomingMessage,
  res: ServerResponse,
  info: ProxyInfo,
  fail: (reason: string) => void,
  document: boolean,
): void {
  const headers = responseHeaders(up.headers, info.target);
  const html = /^text\/html/i.test(String(up.headers["content-type"] ?? ""));
  const status = up.statusCode ?? 502;
  const stream = (prefix: Buffer[]): void => {
    res.writeHead(status, headers);
    for (const chunk of prefix) res.write(chunk);
    // Piped by hand (`pipe` would count `up` as a static file for guardPipedSources). An
    // upstream error or abort before the body started gets the 502; after, `res` is cut so the
    // client sees a failed load.
    up.on("data", (chunk: Buffer) => {
      if (!res.write(chunk)) up.pause();
    });
    res.on("drain", () => up.resume());
    up.on("end", () => res.end());
    up.resume();
    finished(up, (error) => {
      if (error || !up.complete)
        fail(
          `the app's server closed the connection mid-response (${error?.message ?? "aborted"})`,
        );
    });
  };
  const type = String(up.headers["content-type"] ?? "");
  const declared = Number(up.headers["content-length"] ?? 0);
  // An HTML document answering a navigation gets this participant's client script.
  const presentsClient = html && document && status !== 204 && status !== 304;
  /** The client script's tag, with the headers changed for it (cache, CSP). */
  const presentClient = (): string => {
    const { tag, hash } = clientScriptTag(info.client);
    // The page is this participant's client's: no cache may hand it to another client.
    delete headers.etag;
    delete headers["last-modified"];
    headers["cache-control"] = "no-store";
    // Enforced and report-only policies alike: the app's reports must not blame the script.
    for (const name of ["content-security-policy", "content-security-policy-report-only"]) {
      const csp = allowClientScript(
        headers[name] as string | string[] | undefined,
        hash,
        `${info.origin}${SHIM_PATH}`,
      );
      // One header or several (Node sends an array as repeated headers).
      if (csp !== undefined) Object.assign(headers, { [name]: csp });
    }
    return tag;
  };
  if (up.headers["content-encoding"] && presentsClient)
    info.log(
      `${info.target.origin}${info.target.path}: compressed (${up.headers["content-encoding"]}) although asked for identity, served without the SDK URL rewrite and without the client script (the app sees the browser's own user agent)`,
    );
  if (
    !REWRITABLE.test(type) ||
    up.headers["content-encoding"] ||
    (declared > PROXY_LIMITS.rewriteMaxBytes && !presentsClient)
  ) {
    stream([]);
    return;
  }
  /** Rewrites Tencent's SDK URLs (latin1 keeps every byte: a page in GBK or Big5 is intact). */
  const rewrite = (bytes: Buffer): Buffer => {
    // A <meta> policy admits the shim before the URLs it may name are rewritten.
    const text = bytes.toString("latin1");
    const admitted = presentsClient ? allowShimInMetaCsp(text, `${info.origin}${SHIM_PATH}`) : text;
    return Buffer.from(rewriteSdkUrls(admitted), "latin1");
  };
  const chunks: Buffer[] = [];
  let size = 0;
  let streaming = false;
  const onData = (c: Buffer): void => {
    size += c.length;
    chunks.push(c);
    if (size <= PROXY_LIMITS.rewriteMaxBytes) return;
    // Too big to buffer: the rest streams unmodified (the SDK URL in it stays Tencent's). A
    // document still gets the client script, in its first bytes, where its <head> is.
    streaming = true;
    up.off("data", onData);
    info.log(
      `${info.target.origin}${info.target.path}: over ${PROXY_LIMITS.rewriteMaxBytes} bytes, served without the SDK URL rewrite${presentsClient ? " past its first bytes (the client script is in them)" : ""}`,
    );
    up.pause();
    try {
      let prefix = chunks.splice(0);
      if (presentsClient) {
        prefix = [injectIntoHtml(rewrite(Buffer.concat(prefix)), presentClient())];
        delete headers["content-length"];
      }
      stream(prefix);
    } catch (error) {
      up.destroy();
      fail(`its answer could not be passed on (${(error as Error).message})`);
    }
  };
  up.on("data", onData);
  finished(up, (error) => {
    if (streaming) return;
    if (error || !up.complete) {
      fail(`the app's server closed the connection mid-response (${error?.message ?? "aborted"})`);
      return;
    }
    let body = rewrite(Buffer.concat(chunks));
    if (presentsClient) body = injectIntoHtml(body, presentClient());
    delete headers["content-length"];
    try {
      res.writeHead(status, { ...headers, "content-length": String(body.length) });
      res.end(body);
    } catch (error) {
      fail(`its answer could not be passed on (${(error as Error).message})`);
    }
  });
}

/** Forwards a WebSocket upgrade to the app's origin by piping the raw sockets. */
export function proxyUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  info: ProxyInfo,
): void {
  const { target } = info;
  const secure = target.protocol === "https:";
  const upstream = secure
    ? tlsConnect({ host: target.hostname, port: target.port, servername: target.hostname })
    : netConnect({ host: target.hostname, port: target.port });
  const fail = (): void => {
    socket.destroy();
    upstream.destroy();
  };
  upstream.on("error", fail);
  socket.on("error", fail);
  socket.on("close", () => upstream.destroy());
  upstream.on("close", () => socket.destroy());
  upstream.setTimeout(PROXY_LIMITS.idleTimeoutMs, fail);
  upstream.on(secure ? "secureConnect" : "connect", () => {
    const headers = requestHeaders(req.headers, target, info.isAppOrigin, info.client);
    delete headers["accept-encoding"];
    const lines = [`${req.method ?? "GET"} ${target.path} HTTP/1.1`, `host: ${target.host}`];
    lines.push("connection: Upgrade", `upgrade: ${req.headers.upgrade ?? "websocket"}`);
    for (const [k, v] of Object.entries(headers))
      if (k !== "host") for (const one of [v].flat()) lines.push(`${k}: ${one}`);
    upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    upstream.setTimeout(0);
    upstream.pipe(socket).pipe(upstream);
  });
}
