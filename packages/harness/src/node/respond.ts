/**
 * Answers of the harness server that must never throw: plain-text and JSON responses, refusals of
 * upgrade requests on the raw socket, and the last-resort answer when a handler fails.
 */
import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** Headers of every harness API answer: never readable or embeddable by another site. */
const API_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "cross-origin-resource-policy": "same-origin",
} as const;

/** Answers `status` with a plain-text `body` (a sentence that says what to do). */
export function sendText(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(body.endsWith("\n") ? body : `${body}\n`);
}

/** Answers `status` with `body` as JSON, with the harness API's same-origin headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    ...API_HEADERS,
    ...headers,
  });
  res.end(JSON.stringify(body));
}

/** Refuses an upgrade request on its raw socket with `status` and a plain-text reason. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  if (socket.destroyed) return;
  const body = Buffer.from(reason.endsWith("\n") ? reason : `${reason}\n`, "utf8");
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n` +
      "Content-Type: text/plain; charset=utf-8\r\n" +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.toString("latin1")}`,
  );
}

/**
 * The last resort when a request handler failed: a 500 naming the failure if nothing was sent
 * yet, otherwise the connection is cut so the client sees a failed load rather than waiting.
 */
export function failRequest(res: ServerResponse, error: unknown): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  try {
    sendText(
      res,
      500,
      `Yiqi failed to handle this request (${error instanceof Error ? error.message : String(error)}). This is a bug in the harness server: please report it.`,
      { connection: "close" },
    );
  } catch {
    res.destroy();
  }
}

/** Answers an HTTP request the server could not parse (Node's `clientError`), or drops it. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable || socket.destroyed) {
    socket.destroy();
    return;
  }
  const status =
    error.code === "HPE_HEADER_OVERFLOW"
      ? 431
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? 408
        : 400;
  refuseUpgrade(
    socket,
    status,
    `Yiqi could not read this HTTP request (${error.code ?? error.message}): send a well-formed HTTP/1.1 request.`,
  );
}

/**
 * Cuts `res` if a stream piped into it fails (e.g. a static file removed by a rebuild after the
 * file server listed it): the piping code attaches no error handler, and an unhandled stream
 * error would stop the process.
 */
export function guardPipedSources(res: ServerResponse): void {
  res.on("pipe", (source: NodeJS.ReadableStream) => {
    source.on("error", () => res.destroy());
  });
}
