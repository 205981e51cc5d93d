/**
 * Attaching the harness's Rooms tab to a running `yiqi rooms` device instead of its in-page one
 * (decision 0214): the control API over the device's WebSocket and, when the device serves it
 * (`yiqi rooms --control-port N`), its console over HTTP. Web-standard APIs only.
 *
 * @module
 */
import { authProtocol } from "@yiqi/rooms-rpc";

/** Where and how to attach. */
export interface RemoteRoomsOptions {
  /** The control API, e.g. `ws://127.0.0.1:6295`. */
  url: string;
  /** The device's password. */
  password: string;
  /** The console (`yiqi rooms --control-port N`), e.g. `http://127.0.0.1:6296`; optional. */
  controlUrl?: string;
  /** Bound of the connection, each request and each console call (default 5000 ms). */
  timeoutMs?: number;
  /** Every frame sent (`->`) and received (`<-`, replies and pushed events). */
  onFrame?: (direction: "->" | "<-", text: string) => void;
  /** The connection closed after it opened (the device stopped, the network went away). */
  onClose?: (why: string) => void;
  /** The page's origin, named in the "refused" message (default `location.origin`). */
  origin?: string;
  /** WebSocket and fetch implementations (default: the page's). */
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
}

/** An attached device. */
export interface RemoteRooms {
  /** The control API URL. */
  readonly url: string;
  /** The console URL, when given. */
  readonly controlUrl: string | undefined;
  /**
   * Sends one frame. When it is a JSON-RPC request with an `id`, resolves with the reply with
   * that `id` (rejects after the timeout); otherwise resolves once sent.
   */
  request(text: string): Promise<string | undefined>;
  /** Runs console lines on the device; resolves with their output. */
  console(lines: string): Promise<string[]>;
  /** The device state, read through the console endpoint. */
  state(): Promise<Record<string, unknown>>;
  /** Closes the socket. */
  close(): void;
}

/** What went wrong with a remote device; branch on it, not on the message. */
export type RemoteRoomsErrorCode =
  /** The device or console URL is not a ws(s):// or http(s):// URL. */
  | "BAD_URL"
  /** The socket did not open: nothing listens, the origin or password is refused. */
  | "ATTACH_FAILED"
  /** A request was made while the socket is not open. */
  | "NOT_CONNECTED"
  /** A request got no reply in time, or the socket closed before it came. */
  | "NO_REPLY"
  /** A console call without a console URL. */
  | "NO_CONSOLE"
  /** The console could not be reached, or answered with an HTTP error. */
  | "CONSOLE_FAILED"
  /** The console answered with something that is not its JSON (another server on that port?). */
  | "BAD_ANSWER";

/** What went wrong while attaching or talking to the device, in words a user can act on. */
export class RemoteRoomsError extends Error {
  override name = "RemoteRoomsError";
  /** The stable code. */
  readonly code: RemoteRoomsErrorCode;
  /**
   * @param code What went wrong.
   * @param message What failed and what to do.
   */
  constructor(code: RemoteRoomsErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Characters of a non-JSON answer quoted in the error. */
const QUOTED_CHARS = 80;

/**
 * The JSON body of the console's answer to `what`, checked with `valid`.
 *
 * @throws {RemoteRoomsError} `BAD_ANSWER` quoting what was received and saying what to check.
 */
async function consoleJson<T>(
  res: Response,
  what: string,
  valid: (value: unknown) => value is T,
): Promise<T> {
  const text = await res.text();
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(text);
  } catch {
    parsed = false;
  }
  if (parsed && valid(value)) return value;
  const quoted = JSON.stringify(
    text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS)}…` : text,
  );
  const type = res.headers.get("content-type") ?? "no content-type";
  throw new RemoteRoomsError(
    "BAD_ANSWER",
    `The console's answer to ${what} is not ${parsed ? "what yiqi rooms sends" : "JSON"} (${type}: ${quoted}): check that the console URL is the one yiqi rooms --control-port N prints (http://127.0.0.1:N), not the harness, the control API port or another server.`,
  );
}

const isLines = (v: unknown): v is { lines: string[] } =>
  typeof v === "object" &&
  v !== null &&
  Array.isArray((v as { lines?: unknown }).lines) &&
  (v as { lines: unknown[] }).lines.every((l) => typeof l === "string");

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why a page could not open the socket. A refused handshake (wrong origin, wrong password, the
 * lockout) looks the same to a page as a closed port, so every cause is named with its fix.
 */
export function attachFailure(url: string, origin: string): string {
  return `Cannot attach to ${url}: no device listens there (start one: yiqi rooms), or it refuses this page's origin ${origin} (start it with: yiqi rooms --allow-origin ${origin}), or the password is wrong. The device's terminal logs a refused origin with !!.`;
}

const idOf = (text: string): string | number | undefined => {
  try {
    const frame = JSON.parse(text) as { id?: unknown; method?: unknown };
    return typeof frame.id === "string" || typeof frame.id === "number" ? frame.id : undefined;
  } catch {
    return undefined;
  }
};

const checkUrl = (value: string, schemes: readonly string[], what: string): string => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || !schemes.includes(url.protocol))
    throw new RemoteRoomsError(
      "BAD_URL",
      `${what} must be a ${schemes.join(" or ")}// URL, got "${value}"`,
    );
  return value.replace(/\/+$/, "");
};

/**
 * Opens the device's control API socket (and remembers its console URL). Rejects with a
 * {@link RemoteRoomsError} that says what to do when it cannot.
 *
 * @example
 * ```ts
 * const rooms = await attachRooms({ url: "ws://127.0.0.1:6295", password: "123456" });
 * await rooms.request('{"jsonrpc":"2.0","id":"1","method":"Query","params":{"path":["Share"]}}');
 * ```
 */
export async function attachRooms(options: RemoteRoomsOptions): Promise<RemoteRooms> {
  const url = checkUrl(options.url, ["ws:", "wss:"], "The device URL");
  const controlUrl = options.controlUrl
    ? checkUrl(options.controlUrl, ["http:", "https:"], "The console URL")
    : undefined;
  const timeoutMs = options.timeoutMs ?? 5000;
  const origin = options.origin ?? globalThis.location?.origin ?? "this page";
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const onFrame = options.onFrame ?? (() => {});
  const socket = new Socket(url, [authProtocol(options.password)]);
  // Requests waiting for their reply: settled by the reply, the timeout or the socket's close.
  const pending = new Map<
    string | number,
    { answer: (reply: string) => void; fail: (error: RemoteRoomsError) => void }
  >();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(
        new RemoteRoomsError(
          "ATTACH_FAILED",
          `${attachFailure(url, origin)} (no answer in ${timeoutMs} ms)`,
        ),
      );
    }, timeoutMs);
    socket.addEventListener("open", () => {
      clearTimeout(timer);
      resolve();
    });
    // A refused or failed handshake: "error" then "close"; the close says why.
    socket.addEventListener("error", () => {});
    socket.addEventListener("close", () => {
      clearTimeout(timer);
      reject(new RemoteRoomsError("ATTACH_FAILED", attachFailure(url, origin)));
    });
  });
  socket.addEventListener("message", (event: MessageEvent) => {
    const text = typeof event.data === "string" ? event.data : String(event.data);
    onFrame("<-", text);
    const id = idOf(text);
    const waiting = id === undefined ? undefined : pending.get(id);
    if (id !== undefined && waiting) {
      pending.delete(id);
      waiting.answer(text);
    }
  });
  socket.addEventListener("close", (event: CloseEvent) => {
    const why = `the device closed the connection (code ${event.code}${event.reason ? `: ${event.reason}` : ""})`;
    // No reply can come any more: say so now, not after each request's timeout.
    for (const [id, waiting] of pending)
      waiting.fail(
        new RemoteRoomsError("NO_REPLY", `No reply to id ${JSON.stringify(id)}: ${why}`),
      );
    pending.clear();
    options.onClose?.(why);
  });
  const callConsole = async (path: string, init: RequestInit): Promise<Response> => {
    if (!controlUrl)
      throw new RemoteRoomsError(
        "NO_CONSOLE",
        "No console URL: start the device with yiqi rooms --control-port N and give http://127.0.0.1:N",
      );
    let res: Response;
    try {
      res = await doFetch(`${controlUrl}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${options.password}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new RemoteRoomsError(
        "CONSOLE_FAILED",
        `Cannot reach the console at ${controlUrl}: is yiqi rooms running with --control-port? A page whose origin it does not allow is refused too (yiqi rooms --allow-origin ${origin}).`,
      );
    }
    if (!res.ok)
      throw new RemoteRoomsError(
        "CONSOLE_FAILED",
        `The console answered ${res.status}: ${(await res.text()).trim()}`,
      );
    return res;
  };
  const rooms: RemoteRooms = {
    url,
    controlUrl,
    request(text) {
      if (socket.readyState !== 1)
        return Promise.reject(new RemoteRoomsError("NOT_CONNECTED", `Not connected to ${url}`));
      const id = idOf(text);
      socket.send(text);
      onFrame("->", text);
      if (id === undefined) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new RemoteRoomsError(
              "NO_REPLY",
              `No reply to id ${JSON.stringify(id)} in ${timeoutMs} ms`,
            ),
          );
        }, timeoutMs);
        pending.set(id, {
          answer: (reply) => {
            clearTimeout(timer);
            resolve(reply);
          },
          fail: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
      });
    },
    async console(lines) {
      const res = await callConsole("/console", { method: "POST", body: lines });
      return (await consoleJson(res, "POST /console", isLines)).lines;
    },
    async state() {
      const res = await callConsole("/state", { method: "GET" });
      return consoleJson(res, "GET /state", isRecord);
    },
    close() {
      socket.close();
    },
  };
  await checkPassword(rooms, url);
  return rooms;
}

/** The id of the request {@link attachRooms} checks the password with. */
export const ATTACH_PROBE_ID = "yiqi-attach";

/**
 * The device completes every handshake and answers a wrong password only in band, on the first
 * request (decision 0201): ask it once, with a read-only `Query` of the Share state, so a wrong
 * password fails the attach (as `ATTACH_FAILED`, with the device's own code and message) rather
 * than the user's first request. The probe shows in the panel's log like any request.
 */
async function checkPassword(rooms: RemoteRooms, url: string): Promise<void> {
  const reply = await rooms.request(
    `{"jsonrpc":"2.0","id":"${ATTACH_PROBE_ID}","method":"Query","params":{"path":["Share"]}}`,
  );
  let result: unknown;
  try {
    result = reply === undefined ? undefined : (JSON.parse(reply) as { result?: unknown }).result;
  } catch {
    result = undefined; // Not JSON: not a refusal; the user's own requests show what it says.
  }
  const code = isRecord(result) ? result.error_code : undefined;
  if (code === 16 || code === 5 || code === 10 || code === 4) {
    rooms.close();
    const said = isRecord(result) && typeof result.message === "string" ? result.message : "";
    throw new RemoteRoomsError(
      "ATTACH_FAILED",
      `Cannot attach to ${url}: the device refused the password (error_code ${code}${said ? `: ${said}` : ""}). Use the password the device was started with (yiqi rooms --password …; default 123456).`,
    );
  }
}
