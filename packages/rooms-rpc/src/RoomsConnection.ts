/**
 * `RoomsConnection`: the WebSocket state machine behind `RoomsClient`: open on demand, drop,
 * reconnect with backoff, close for good.
 *
 * @module
 */
import { authProtocol } from "./auth.ts";
import type {
  ConnectionStatus,
  ReconnectOptions,
  RoomsClientOptions,
  WebSocketConstructorLike,
  WebSocketLike,
} from "./RoomsClientOptions.ts";
import { RoomsError } from "./RoomsError.ts";

/** What the connection tells its client. */
export interface RoomsConnectionHooks {
  /** A message arrived on the socket. */
  message(data: unknown): void;
  /** Rejects the calls in flight with `CLOSED`: only those already sent with `sentOnly`. */
  failCalls(sentOnly: boolean, why: string, closeCode?: number): void;
  /** A reconnect opened the socket again (re-send the subscriptions). */
  reopened(): void;
}

/**
 * One client's connection to the device: at most one socket at a time, its status, and the
 * reconnect loop after an established socket drops.
 */
export class RoomsConnection {
  readonly #opts: RoomsClientOptions;
  readonly #hooks: RoomsConnectionHooks;
  readonly #statusListeners = new Set<(status: ConnectionStatus) => void>();
  #ws: WebSocketLike | undefined;
  #ready: Promise<void> | undefined;
  #status: ConnectionStatus = "idle";
  #closedByUser = false;
  #cancelBackoff: (() => void) | undefined;

  constructor(options: RoomsClientOptions, hooks: RoomsConnectionHooks) {
    this.#opts = options;
    this.#hooks = hooks;
  }

  /** The connection status. */
  get status(): ConnectionStatus {
    return this.#status;
  }

  /** True once {@link RoomsConnection.close} was called. */
  get closedByUser(): boolean {
    return this.#closedByUser;
  }

  /** The socket to send on, if it is open. */
  get openSocket(): WebSocketLike | undefined {
    const ws = this.#ws;
    return ws && this.#status === "open" ? ws : undefined;
  }

  /** Opens the socket, or joins the opening (or reconnect) under way. */
  connect(): Promise<void> {
    if (this.#closedByUser)
      return Promise.reject(new RoomsError("CLOSED", "the client was closed; create a new one"));
    if (this.#status === "open") return Promise.resolve();
    if (!this.#ready) {
      const ready = this.#openOnce();
      this.#ready = ready;
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = undefined;
      });
    }
    return this.#ready;
  }

  /** Listens to status changes; returns a function that removes the listener. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => {
      this.#statusListeners.delete(listener);
    };
  }

  /** Closes for good: every call in flight fails, no reconnect. */
  close(): Promise<void> {
    this.#closedByUser = true;
    this.#cancelBackoff?.();
    this.#hooks.failCalls(false, "the client was closed with close()");
    const ws = this.#ws;
    this.#ws = undefined;
    this.#setStatus("closed");
    if (!ws || ws.readyState >= 2) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = setTimeout(resolve, 1000);
      ws.addEventListener("close", () => {
        clearTimeout(done);
        resolve();
      });
      ws.close(1000, "client closed");
    });
  }

  #setStatus(status: ConnectionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    for (const l of this.#statusListeners) l(status);
  }

  #openOnce(): Promise<void> {
    const WS =
      this.#opts.WebSocket ??
      (globalThis as unknown as { WebSocket?: WebSocketConstructorLike }).WebSocket;
    if (!WS)
      return Promise.reject(
        new RoomsError(
          "NO_WEBSOCKET",
          "no WebSocket implementation: on Node 20 import RoomsClient from @yiqi/rooms-rpc/node, or pass options.WebSocket",
        ),
      );
    const { url } = this.#opts;
    if (this.#status !== "reconnecting") this.#setStatus("connecting");
    let ws: WebSocketLike;
    try {
      ws = new WS(url, [
        authProtocol(this.#opts.password, { urlEncode: this.#opts.urlEncodeCredential !== false }),
      ]);
    } catch (e) {
      return Promise.reject(
        new RoomsError("CONNECT_FAILED", `cannot open ${url}: ${(e as Error).message}`),
      );
    }
    const connectTimeoutMs = this.#opts.connectTimeoutMs ?? 10_000;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        reject(
          new RoomsError(
            "CONNECT_FAILED",
            `${url} did not open within ${connectTimeoutMs} ms; check host, port and network`,
          ),
        );
        ws.close();
      }, connectTimeoutMs);
      ws.addEventListener("open", () => {
        clearTimeout(timer);
        if (this.#closedByUser) {
          ws.close(1000, "client closed");
          reject(new RoomsError("CLOSED", "the client was closed while connecting"));
          return;
        }
        opened = true;
        this.#ws = ws;
        this.#setStatus("open");
        resolve();
      });
      ws.addEventListener("error", () => {});
      ws.addEventListener("message", (event) => this.#hooks.message(event.data));
      ws.addEventListener("close", (event) => {
        clearTimeout(timer);
        if (!opened) {
          if (this.#status === "connecting") this.#setStatus("idle");
          reject(
            new RoomsError(
              "CONNECT_FAILED",
              `cannot connect to ${url} (close code ${event.code}${event.reason ? `: ${event.reason}` : ""}); check the URL, that the control API is on, and the password`,
              { closeCode: event.code },
            ),
          );
          return;
        }
        if (this.#ws === ws) this.#onDrop(event.code, event.reason);
      });
    });
  }

  #onDrop(code: number, reason: string): void {
    this.#ws = undefined;
    this.#ready = undefined;
    const why = `the connection to ${this.#opts.url} closed (code ${code}${reason ? `: ${reason}` : ""})`;
    this.#hooks.failCalls(true, why, code);
    const reconnect = this.#opts.reconnect;
    if (!reconnect || this.#closedByUser) {
      this.#setStatus("closed");
      return;
    }
    this.#setStatus("reconnecting");
    const loop = this.#reconnectLoop(reconnect === true ? {} : reconnect);
    this.#ready = loop;
    loop.catch(() => {
      if (this.#ready === loop) this.#ready = undefined;
    });
  }

  async #reconnectLoop(o: ReconnectOptions): Promise<void> {
    const retries = o.retries ?? Number.POSITIVE_INFINITY;
    const min = o.minDelayMs ?? 250;
    const max = o.maxDelayMs ?? 10_000;
    const factor = o.factor ?? 2;
    let last: unknown;
    for (let attempt = 0; attempt < retries; attempt++) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, Math.min(max, min * factor ** attempt));
        this.#cancelBackoff = () => {
          clearTimeout(t);
          reject(new RoomsError("CLOSED", "the client was closed while reconnecting"));
        };
      });
      try {
        await this.#openOnce();
        this.#hooks.reopened();
        return;
      } catch (e) {
        last = e;
        if (this.#closedByUser) throw e;
      }
    }
    this.#setStatus("closed");
    throw last instanceof RoomsError
      ? last
      : new RoomsError("CONNECT_FAILED", `gave up reconnecting to ${this.#opts.url}`);
  }
}
