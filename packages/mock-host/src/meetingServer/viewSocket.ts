/**
 * A view's connection to a meeting server (decision 0031): opens the join link, says `hello`,
 * waits for `welcome`, pairs each request with its answer (every one bounded by a timeout) and
 * hands the unprompted frames to the view. Web-standard: pass a `WebSocket` constructor where
 * there is no global one (`@yiqi/mock-host/node` does).
 *
 * @module
 */
import {
  MEETING_PROTOCOL_VERSION,
  MeetingServerError,
  type MeetingServerErrorCode,
  type ServerFrame,
  type ViewFrame,
} from "./protocol.ts";

/** The `WebSocket` members a view uses (the Web's, or `ws`'s on Node 20). */
export type WebSocketConstructor = new (url: string) => WebSocket;

/** A request frame before its id is set. */
export type ViewRequest =
  Exclude<ViewFrame, { t: "hello" }> extends infer F
    ? F extends { id: number }
      ? Omit<F, "id">
      : never
    : never;

/** The server's `welcome`. */
export type WelcomeFrame = Extract<ServerFrame, { t: "welcome" }>;

/** A frame the server sends without being asked (`event`, `closed`, `state`, `trace`, …). */
export type UnpromptedFrame = Exclude<ServerFrame, { id: number | null }>;

/** Options of {@link openViewSocket}. */
export interface ViewSocketOptions {
  /** Each request's timeout in ms (default 10,000): nothing hangs. */
  timeoutMs?: number;
  /** Default: `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
  /** The protocol to speak (default {@link MEETING_PROTOCOL_VERSION}). */
  protocol?: number;
  /** Where unprompted frames go (set before any can arrive). */
  onFrame(frame: UnpromptedFrame): void;
  /**
   * The connection was lost after `welcome` (server closed it, network); not after `close()`.
   * The error's code is the close reason's leading `CODE:` (e.g. `RESET`), else `NOT_READY`.
   */
  onLost(error: MeetingServerError): void;
}

/** An open view connection. */
export interface ViewSocket {
  readonly welcome: WelcomeFrame;
  /**
   * Sends a request; resolves with its answer, rejects with the coded refusal or `NOT_READY`
   * after the timeout. `waitWhile`: asked when the timeout passes; while it holds (e.g. a
   * confirmation dialog the answer waits for is open) the request waits another timeout.
   */
  request(frame: ViewRequest, options?: { waitWhile?: () => boolean }): Promise<ServerFrame>;
  /** Closes the connection (bounded). */
  close(): Promise<void>;
}

/**
 * The code of a close whose reason starts `CODE: …` (how the meeting server and the harness relay
 * refuse or end a view: `RESET: …`, `QUOTA_EXCEEDED: …`, `BAD_TOKEN: …`), else `NOT_READY`. As
 * with an `error` frame's code, it is the code the server sent.
 */
const closeCode = (reason: string): MeetingServerErrorCode =>
  (/^([A-Z][A-Z0-9_]*):/.exec(reason)?.[1] ?? "NOT_READY") as MeetingServerErrorCode;

/** The join link without its token, for messages. */
const safeLink = (link: string): string => link.replace(/token=[^&]*/, "token=…");

/**
 * Connects to a meeting server's join link and says hello.
 *
 * @throws {MeetingServerError} `INVALID_ARGUMENT` without a WebSocket; `NOT_READY` when the
 *   server cannot be reached, refuses, or does not welcome in time; a close before `welcome` whose
 *   reason starts `CODE:` throws that code.
 */
export async function openViewSocket(
  link: string,
  options: ViewSocketOptions,
): Promise<ViewSocket> {
  const WS = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WS)
    throw new MeetingServerError(
      "INVALID_ARGUMENT",
      "no WebSocket here: pass options.WebSocket, or import from @yiqi/mock-host/node",
    );
  const timeoutMs = options.timeoutMs ?? 10_000;
  const ws = new WS(link);
  const waiting = new Map<number, { resolve(f: ServerFrame): void; reject(e: Error): void }>();
  let nextId = 0;
  let closing = false;
  let ready = false;
  let dead: MeetingServerError | null = null;
  let welcome: (f: WelcomeFrame) => void = () => {};
  let refuse: (e: Error) => void = () => {};
  const welcomed = new Promise<WelcomeFrame>((resolve, reject) => {
    welcome = resolve;
    refuse = reject;
  });
  // Awaited only once connected; a close before that must not be an unhandled rejection.
  welcomed.catch(() => {});

  const bounded = <T>(p: Promise<T>, what: string): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new MeetingServerError("NOT_READY", `no ${what} in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  };
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () =>
      reject(new MeetingServerError("NOT_READY", `cannot connect to ${safeLink(link)}`)),
    );
  });
  ws.addEventListener("close", (event) => {
    if (dead) return;
    dead = new MeetingServerError(
      closeCode(event.reason),
      `the meeting server closed the view (${event.code} ${event.reason})`,
    );
    for (const w of waiting.values()) w.reject(dead);
    waiting.clear();
    if (!ready) refuse(dead);
    else if (!closing) options.onLost(dead);
  });
  ws.addEventListener("message", (event) => {
    let f: ServerFrame;
    try {
      f = JSON.parse(String(event.data)) as ServerFrame;
    } catch {
      return;
    }
    if (f.t === "welcome") welcome(f);
    else if ("id" in f && typeof f.id === "number") {
      const w = waiting.get(f.id);
      if (!w) return;
      waiting.delete(f.id);
      if (f.t === "error")
        w.reject(new MeetingServerError(f.code as MeetingServerErrorCode, f.message));
      else w.resolve(f);
    } else if (!("id" in f)) options.onFrame(f as UnpromptedFrame);
  });

  const request: ViewSocket["request"] = (frame, requestOptions = {}) => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<ServerFrame>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const arm = (): void => {
        timer = setTimeout(() => {
          if (requestOptions.waitWhile?.()) return arm();
          waiting.delete(id);
          reject(new MeetingServerError("NOT_READY", `no answer to ${frame.t} in ${timeoutMs} ms`));
        }, timeoutMs);
      };
      waiting.set(id, {
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      arm();
      ws.send(JSON.stringify({ ...frame, id }));
    });
  };

  await bounded(opened, "connection");
  ws.send(JSON.stringify({ t: "hello", protocol: options.protocol ?? MEETING_PROTOCOL_VERSION }));
  const w = await bounded(welcomed, "welcome");
  ready = true;
  return {
    welcome: w,
    request,
    async close(): Promise<void> {
      closing = true;
      const gone = new Promise<void>((r) => {
        if (ws.readyState === 3) r();
        else ws.addEventListener("close", () => r());
      });
      ws.close(1000, "the view left");
      await bounded(gone, "close");
    },
  };
}
