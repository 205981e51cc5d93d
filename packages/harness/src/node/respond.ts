/**
 * Answers of the harness server that must never throw: plain-text and JSON responses, refusals of
 * upgrade requests on the raw socket, and the last-resort answer when a handler fails.
 */
import type { ServerResponse } from "node:http";
import { STATUS_CODES, validateHeaderName, validateHeaderValue } from "node:http";
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
  answerUnlessStarted(
    res,
    500,
    `Yiqi failed to handle this request (${error instanceof Error ? error.message : String(error)}). This is a bug in the harness server: please report it.`,
    { connection: "close" },
  );
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

/** The code of the answer to a static file that could not be read (see {@link guardPipedSources}). */
export const FILE_UNREADABLE = "HARNESS_FILE_UNREADABLE";

const holding = new WeakSet<ServerResponse>();

/**
 * Keeps `res`'s head unsent until its body starts: `writeHead` validates the status and headers
 * at once (it throws as Node's does) but only the first `write`, `end` or `flushHeaders` sends
 * them; until then `res.headersSent` is false. A file server that writes the head and then pipes
 * a file that fails to open, or a proxy whose upstream dies before the body, has thus sent
 * nothing yet, and {@link answerUnlessStarted} can still answer instead of cutting an empty
 * response (the browser's `ERR_EMPTY_RESPONSE`).
 */
export function holdHeadUntilBody(res: ServerResponse): void {
  if (holding.has(res)) return;
  holding.add(res);
  const { writeHead, write, end, flushHeaders } = res;
  let held: unknown[] | undefined;
  /** Inside Node's own write/end, whose implicit head (`writeHead(statusCode)`) goes out as is. */
  let sending = false;
  const send = <T>(method: (...args: never[]) => T, args: unknown[]): T => {
    sending = true;
    try {
      if (held) {
        const head = held;
        held = undefined;
        Reflect.apply(writeHead, res, head);
      }
      return Reflect.apply(method, res, args) as T;
    } finally {
      sending = false;
    }
  };
  res.writeHead = ((status: number, ...rest: unknown[]): ServerResponse => {
    if (sending) return Reflect.apply(writeHead, res, [status, ...rest]) as ServerResponse;
    if (!Number.isInteger(status) || status < 100 || status > 999)
      throw new RangeError(`Invalid status code: ${status}`);
    const headers = typeof rest[0] === "string" ? rest[1] : rest[0];
    if (headers && typeof headers === "object" && !Array.isArray(headers))
      for (const [k, v] of Object.entries(headers)) {
        validateHeaderName(k);
        if (v !== undefined) for (const one of [v].flat()) validateHeaderValue(k, String(one));
      }
    held = [status, ...rest];
    return res;
  }) as ServerResponse["writeHead"];
  res.write = ((...args: unknown[]): boolean => send(write, args)) as ServerResponse["write"];
  res.end = ((...args: unknown[]): ServerResponse => send(end, args)) as ServerResponse["end"];
  res.flushHeaders = (): void => send(flushHeaders, []);
}

/**
 * Answers `status` with `body` if nothing of `res`'s answer was sent yet (a head written but held
 * by {@link holdHeadUntilBody} is dropped, with the headers set before it); otherwise cuts the
 * connection, so the browser sees a failed load instead of waiting.
 */
export function answerUnlessStarted(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  try {
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.statusMessage = "";
    sendText(res, status, body, headers);
  } catch {
    res.destroy();
  }
}

/**
 * Guards `res` against a stream piped into it that fails (e.g. a static file removed by a
 * rebuild after the file server listed it): the piping code attaches no error handler, and an
 * unhandled stream error would stop the process. While nothing of the answer was sent (see
 * {@link holdHeadUntilBody}) the request gets 503 {@link FILE_UNREADABLE} saying what to do;
 * after that the connection is cut.
 */
export function guardPipedSources(res: ServerResponse): void {
  res.on("pipe", (source: NodeJS.ReadableStream) => {
    source.on("error", (error: NodeJS.ErrnoException) => {
      source.unpipe(res);
      answerUnlessStarted(
        res,
        503,
        `Yiqi could not read this file (${error.code ?? error.message}) [${FILE_UNREADABLE}]: the harness's files changed while it runs (a rebuild?). Load the page again when the build has finished; if this persists, restart the harness.`,
        { "cache-control": "no-store", "x-yiqi-error": FILE_UNREADABLE },
      );
    });
  });
}
