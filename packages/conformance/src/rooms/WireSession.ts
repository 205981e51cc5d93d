/**
 * `WireSession`: a raw WebSocket session that sends arbitrary text and reads every frame, so the
 * contract suite checks the wire itself rather than what a client library makes of it.
 *
 * @module
 */
import type { WebSocketConstructorLike, WebSocketLike } from "@yiqi/rooms-rpc";

/** One received frame: parsed JSON, or the raw text when it is not JSON. */
export interface Frame {
  /** The parsed value (`undefined` when the text is not JSON). */
  json: unknown;
  /** The raw text. */
  text: string;
}

interface Waiter {
  match(frame: Frame): boolean;
  resolve(frame: Frame): void;
}

/** How a WebSocket ended. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A raw session over one WebSocket.
 *
 * @example
 * ```ts
 * const s = await WireSession.open("ws://127.0.0.1:6295", [authProtocol("123456")], WebSocket);
 * s.send("{not json");
 * const frame = await s.next((f) => true, 2000);
 * ```
 */
export class WireSession {
  /** Every frame received, in order. */
  readonly frames: Frame[] = [];
  /** Resolves when the socket closes. */
  readonly closed: Promise<CloseInfo>;
  readonly #ws: WebSocketLike;
  readonly #waiters = new Set<Waiter>();
  #closeInfo: CloseInfo | undefined;

  private constructor(ws: WebSocketLike, closed: Promise<CloseInfo>) {
    this.#ws = ws;
    this.closed = closed.then((info) => (this.#closeInfo = info));
    ws.addEventListener("message", (event) => {
      const text = typeof event.data === "string" ? event.data : String(event.data);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      const frame = { json, text };
      this.frames.push(frame);
      for (const w of this.#waiters) {
        if (w.match(frame)) {
          this.#waiters.delete(w);
          w.resolve(frame);
          break;
        }
      }
    });
  }

  /**
   * Opens a session; resolves when open, rejects with the close code when the handshake fails.
   */
  static open(
    url: string,
    protocols: string[],
    WebSocket: WebSocketConstructorLike,
    timeoutMs: number,
  ): Promise<WireSession> {
    return new Promise<WireSession>((resolve, reject) => {
      let ws: WebSocketLike;
      try {
        ws = new WebSocket(url, protocols);
      } catch (e) {
        reject(e);
        return;
      }
      let resolveClosed: (info: CloseInfo) => void = () => {};
      const closed = new Promise<CloseInfo>((r) => (resolveClosed = r));
      const session = new WireSession(ws, closed);
      const timer = setTimeout(() => {
        reject(new Error(`${url} did not open within ${timeoutMs} ms`));
        ws.close();
      }, timeoutMs);
      let opened = false;
      ws.addEventListener("open", () => {
        opened = true;
        clearTimeout(timer);
        resolve(session);
      });
      ws.addEventListener("error", () => {});
      ws.addEventListener("close", (event) => {
        clearTimeout(timer);
        resolveClosed({ code: event.code, reason: event.reason });
        if (!opened) reject(new HandshakeRefused(event.code, event.reason));
      });
    });
  }

  /** How the socket closed, once it has. */
  get closeInfo(): CloseInfo | undefined {
    return this.#closeInfo;
  }

  /** Sends one text frame. */
  send(text: string): void {
    this.#ws.send(text);
  }

  /** Sends one binary frame (every WebSocket implementation accepts an `ArrayBuffer`). */
  sendBinary(bytes: Uint8Array): void {
    (this.#ws as unknown as { send(data: ArrayBuffer): void }).send(
      bytes.slice().buffer as ArrayBuffer,
    );
  }

  /**
   * Resolves with the first frame (already received or future) that `match` accepts, or
   * `undefined` after `timeoutMs` or when the socket closes first.
   */
  next(match: (frame: Frame) => boolean, timeoutMs: number, from = 0): Promise<Frame | undefined> {
    const seen = this.frames.slice(from).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<Frame | undefined>((resolve) => {
      const waiter: Waiter = {
        match,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        resolve(undefined);
      }, timeoutMs);
      this.#waiters.add(waiter);
      void this.closed.then(() => {
        if (!this.#waiters.delete(waiter)) return;
        clearTimeout(timer);
        resolve(undefined);
      });
    });
  }

  /** Sends `request` (an object with an `id`) and waits for the frame that carries that id. */
  async request(
    request: { id: string | number; [key: string]: unknown },
    timeoutMs: number,
  ): Promise<Frame | undefined> {
    const from = this.frames.length;
    this.send(JSON.stringify(request));
    return this.next(
      (f) =>
        typeof f.json === "object" &&
        f.json !== null &&
        (f.json as { id?: unknown }).id === request.id,
      timeoutMs,
      from,
    );
  }

  /** Closes the socket and waits (bounded) for the close to finish. */
  async close(): Promise<void> {
    if (!this.#closeInfo) this.#ws.close(1000, "done");
    await Promise.race([this.closed, new Promise((r) => setTimeout(r, 1000))]);
  }
}

/** The WebSocket handshake was refused or the socket closed before opening. */
export class HandshakeRefused extends Error {
  override readonly name = "HandshakeRefused";
  /** The close code the socket reported. */
  readonly code: number;
  constructor(code: number, reason: string) {
    super(`the WebSocket closed before opening (code ${code}${reason ? `: ${reason}` : ""})`);
    this.code = code;
  }
}
