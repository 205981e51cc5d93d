/**
 * `RoomsClient`: the typed Rooms control API client over a WebSocket.
 *
 * @module
 */
import { authProtocol } from "./auth.ts";
import { createDeviceApi, type DeviceApi, type DeviceEvent } from "./device.ts";
import { createInviteApi, type InviteApi, type InviteEvent } from "./invite.ts";
import { createMeetingApi, type MeetingApi, type MeetingEvent } from "./meeting.ts";
import {
  createMeetingControlApi,
  type MeetingControlApi,
  type MeetingControlEvent,
} from "./meetingControl.ts";
import {
  type AbilityApi,
  createAbilityApi,
  createMembersApi,
  type MembersApi,
  type MembersEvent,
} from "./members.ts";
import { actionSince } from "./modules.ts";
import { deviceError, RoomsError } from "./RoomsError.ts";
import {
  type CallOptions,
  createShareApi,
  type RoomsCaller,
  type ShareApi,
  type ShareEvent,
} from "./share.ts";
import type { RoomsEventParams, RoomsId, RoomsResult } from "./types.ts";
import { isVersionAtLeast } from "./version.ts";

/**
 * The part of a WebSocket the client uses: the browser/Deno `WebSocket`, the `ws` package and
 * msw's interceptor all fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(
    type: "close",
    listener: (event: { code: number; reason: string }) => void,
  ): void;
  addEventListener(type: "open" | "error", listener: (event: unknown) => void): void;
}

/** A WebSocket class: `new WebSocket(url, protocols)`. */
export type WebSocketConstructorLike = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/** Reconnect with exponential backoff after an established connection drops. */
export interface ReconnectOptions {
  /** Attempts per drop before giving up (default: unlimited). */
  retries?: number;
  /** First delay (default 250 ms). */
  minDelayMs?: number;
  /** Longest delay (default 10 000 ms). */
  maxDelayMs?: number;
  /** Multiplier per attempt (default 2). */
  factor?: number;
}

/** Options of {@link RoomsClient}. */
export interface RoomsClientOptions {
  /** The device endpoint, e.g. `ws://192.168.1.20:6295`. */
  url: string;
  /** The control API password (sent as the `auth-` subprotocol). */
  password: string;
  /** WebSocket class; default `globalThis.WebSocket` (Node 20: use `@yiqi/rooms-rpc/node`). */
  WebSocket?: WebSocketConstructorLike;
  /** Default per-call timeout (default 10 000 ms). */
  timeoutMs?: number;
  /** Time allowed to open the socket (default 10 000 ms). */
  connectTimeoutMs?: number;
  /** Id generator for calls without an explicit id (default: random prefix + counter). */
  nextId?: () => RoomsId;
  /** Reconnect after drops: `true` for defaults (default: off; the next call reconnects). */
  reconnect?: boolean | ReconnectOptions;
  /** The device's Rooms version, when known: newer actions then fail locally with `UNSUPPORTED_VERSION`. */
  roomsVersion?: string;
  /** Send the credential URL-encoded as the official sample does (default true). */
  urlEncodeCredential?: boolean;
}

/** Connection status. */
export type ConnectionStatus = "idle" | "connecting" | "open" | "reconnecting" | "closed";

/** Typed event params per module; other modules get {@link RoomsEventParams}. */
export interface RoomsEventMap {
  Share: ShareEvent;
  Meeting: MeetingEvent;
  Device: DeviceEvent;
  MeetingControl: MeetingControlEvent;
  Members: MembersEvent;
  Invite: InviteEvent;
}

/** The event params type for module `M`. */
export type RoomsEventFor<M extends string> = M extends keyof RoomsEventMap
  ? RoomsEventMap[M]
  : RoomsEventParams;

/** A listener for `Event/<Module>` pushes; `"*"` receives every module with its name. */
export type RoomsEventListener<M extends string> = (
  event: RoomsEventFor<M>,
  module: string,
) => void;

export { actionSince };

interface Pending {
  resolve(result: RoomsResult): void;
  reject(error: RoomsError): void;
  sent: boolean;
}

const randomPrefix = (): string => {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

/**
 * A typed client for the Rooms control API: JSON-RPC 2.0 over one WebSocket, with timeouts,
 * `AbortSignal`, in-band error decoding, subscriptions and optional reconnect.
 *
 * @example
 * ```ts
 * import { RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * await client.meeting.join({ meeting_code: "123456789" });
 * await client.share.startShare({ share_type: 0, fluency_first: true });
 * const { share } = await client.share.query();
 * console.log(share.share_info.is_sharing); // true
 * client.close();
 * ```
 */
export class RoomsClient implements RoomsCaller {
  /** Typed Share module helpers. */
  readonly share: ShareApi;
  /** Typed Meeting helpers. */
  readonly meeting: MeetingApi;
  /** Typed Device helpers (camera, mic, speaker). */
  readonly device: DeviceApi;
  /** Typed MeetingControl helpers (recording, mute, members). */
  readonly meetingControl: MeetingControlApi;
  /** Typed Members helpers. */
  readonly members: MembersApi;
  /** Typed Invite helpers (PSTN, invitations). */
  readonly invite: InviteApi;
  /** Typed Ability helpers. */
  readonly ability: AbilityApi;
  readonly #opts: RoomsClientOptions;
  readonly #timeoutMs: number;
  readonly #pending = new Map<string, Pending>();
  readonly #subscriptions = new Map<string, readonly string[]>();
  readonly #listeners = new Map<string, Set<(event: RoomsEventParams, module: string) => void>>();
  readonly #statusListeners = new Set<(status: ConnectionStatus) => void>();
  readonly #prefix = `${randomPrefix()}-`;
  #seq = 0;
  #ws: WebSocketLike | undefined;
  #ready: Promise<void> | undefined;
  #status: ConnectionStatus = "idle";
  #closedByUser = false;
  #cancelBackoff: (() => void) | undefined;

  constructor(options: RoomsClientOptions) {
    this.#opts = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.share = createShareApi(this);
    this.meeting = createMeetingApi(this);
    this.device = createDeviceApi(this);
    this.meetingControl = createMeetingControlApi(this);
    this.members = createMembersApi(this);
    this.invite = createInviteApi(this);
    this.ability = createAbilityApi(this);
  }

  /** The connection status. */
  get status(): ConnectionStatus {
    return this.#status;
  }

  /** The number of calls waiting for an answer. */
  get inFlight(): number {
    return this.#pending.size;
  }

  /**
   * Opens the socket (calls do this on demand). Rejects with `CONNECT_FAILED` or `NO_WEBSOCKET`.
   */
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

  /**
   * Sends one request and resolves to its in-band result whatever its `error_code`; rejects
   * only for transport failures (timeout, abort, close) and JSON-RPC `error` answers.
   *
   * @example
   * ```ts
   * const result = await client.request("Query", { path: ["Share"] });
   * if (result.error_code !== 0) console.log(result.message);
   * ```
   */
  request<D = unknown>(
    method: string,
    params: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<RoomsResult<D>> {
    return new Promise<RoomsResult<D>>((resolve, reject) => {
      const action = typeof params.action === "string" ? params.action : undefined;
      const id = options.id ?? this.#nextId();
      const key = String(id);
      const where = { method, id, ...(action !== undefined ? { action } : {}) };
      if (this.#closedByUser) {
        reject(
          new RoomsError("CLOSED", `${method}: the client was closed; create a new one`, where),
        );
        return;
      }
      if (this.#pending.has(key)) {
        reject(
          new RoomsError(
            "INVALID_ARGUMENT",
            `id ${key} is already in flight; ids must be unique`,
            where,
          ),
        );
        return;
      }
      const { signal } = options;
      if (signal?.aborted) {
        reject(new RoomsError("ABORTED", `${method} was aborted before it was sent`, where));
        return;
      }
      const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void =>
        settle(() =>
          reject(new RoomsError("ABORTED", `${describe(method, action)} was aborted`, where)),
        );
      const settle = (fn: () => void): void => {
        if (this.#pending.get(key) !== entry) return;
        this.#pending.delete(key);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const entry: Pending = {
        sent: false,
        resolve: (result) => settle(() => resolve(result as RoomsResult<D>)),
        reject: (error) => settle(() => reject(error)),
      };
      this.#pending.set(key, entry);
      timer = setTimeout(
        () =>
          entry.reject(
            new RoomsError(
              "TIMEOUT",
              `${describe(method, action)} got no answer within ${timeoutMs} ms; is the device reachable and the id unique?`,
              { ...where, timeoutMs },
            ),
          ),
        timeoutMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      const text = JSON.stringify({ jsonrpc: "2.0", id, method, params });
      const send = (): void => {
        if (this.#pending.get(key) !== entry) return;
        const ws = this.#ws;
        if (!ws || this.#status !== "open") {
          this.connect().then(send, (error: RoomsError) => entry.reject(error));
          return;
        }
        entry.sent = true;
        ws.send(text);
      };
      send();
    });
  }

  /**
   * `Query`: resolves to `data`, rejects with a `DEVICE` `RoomsError` on a non-zero `error_code`.
   *
   * @example
   * ```ts
   * const { cast_code } = await client.query<{ cast_code: string }>(["Share", "CastCode"]);
   * ```
   */
  async query<D = unknown>(path: readonly string[], options?: CallOptions): Promise<D> {
    const result = await this.request<D>("Query", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Query", undefined, options?.id);
    return result.data as D;
  }

  /**
   * `Call/<module>` with `action` and `action_params`: resolves to the result on success, rejects
   * with a `DEVICE` `RoomsError` otherwise.
   *
   * @example
   * ```ts
   * await client.call("Share", "StopShare");
   * ```
   */
  async call<D = unknown>(
    module: string,
    action: string,
    params?: object,
    options?: CallOptions,
  ): Promise<RoomsResult<D>> {
    const method = `Call/${module}`;
    const since = actionSince(module, action);
    const version = this.#opts.roomsVersion;
    if (since !== undefined && version !== undefined && !isVersionAtLeast(version, since))
      throw new RoomsError(
        "UNSUPPORTED_VERSION",
        `${method} ${action} needs Rooms ${since}; this device runs ${version}`,
        { method, action, since },
      );
    const body: Record<string, unknown> = { action };
    if (params !== undefined) body.action_params = params;
    const result = await this.request<D>(method, body, options);
    if (result.error_code !== 0) throw deviceError(result, method, action, options?.id);
    return result;
  }

  /**
   * Subscribes this connection to pushed events under `path` (`[]` = everything, `["Share"]`,
   * `["Share", "ShareInfoChanged"]`). Re-sent after a reconnect. The subscribe message format is
   * an emulator decision (the real one is undocumented).
   */
  async subscribe(path: readonly string[] = [], options?: CallOptions): Promise<void> {
    const result = await this.request("Subscribe", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Subscribe", undefined, options?.id);
    this.#subscriptions.set(JSON.stringify(path), [...path]);
  }

  /** Undoes {@link RoomsClient.subscribe} for the same `path`. */
  async unsubscribe(path: readonly string[] = [], options?: CallOptions): Promise<void> {
    this.#subscriptions.delete(JSON.stringify(path));
    const result = await this.request("Unsubscribe", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Unsubscribe", undefined, options?.id);
  }

  /**
   * Listens to `Event/<module>` pushes (after {@link RoomsClient.subscribe}); `"*"` for all.
   * Returns a function that removes the listener.
   *
   * @example
   * ```ts
   * const off = client.on("Share", (e) => {
   *   if (e.sub_event === "ShareInfoChanged") console.log(e.share_info.is_sharing);
   * });
   * ```
   */
  on<M extends string>(module: M, listener: RoomsEventListener<M>): () => void {
    let set = this.#listeners.get(module);
    if (!set) {
      set = new Set();
      this.#listeners.set(module, set);
    }
    const fn = listener as (event: RoomsEventParams, module: string) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  /** Listens to connection status changes; returns a function that removes the listener. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => {
      this.#statusListeners.delete(listener);
    };
  }

  /** Closes the socket for good: in-flight calls reject with `CLOSED`, no reconnect. */
  close(): Promise<void> {
    this.#closedByUser = true;
    this.#cancelBackoff?.();
    this.#rejectAll(false, "the client was closed with close()");
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

  #nextId(): RoomsId {
    return this.#opts.nextId ? this.#opts.nextId() : this.#prefix + ++this.#seq;
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
      ws.addEventListener("message", (event) => this.#onMessage(event.data));
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
    this.#rejectAll(true, why, code);
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
        for (const path of this.#subscriptions.values())
          this.request("Subscribe", { path: [...path] }).catch(() => {});
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

  #rejectAll(sentOnly: boolean, why: string, closeCode?: number): void {
    for (const [key, p] of [...this.#pending]) {
      if (sentOnly && !p.sent) continue;
      p.reject(
        new RoomsError(
          "CLOSED",
          `${why} with call ${key} in flight; the device may or may not have acted on it`,
          { id: key, ...(closeCode !== undefined ? { closeCode } : {}) },
        ),
      );
    }
  }

  #onMessage(data: unknown): void {
    if (typeof data !== "string") return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    const m = msg as {
      id?: RoomsId | null;
      method?: unknown;
      result?: RoomsResult;
      error?: { code: number; message: string };
      params?: RoomsEventParams;
    };
    if (m.id !== undefined && m.id !== null) {
      const p = this.#pending.get(String(m.id));
      if (!p) return;
      if (m.error)
        p.reject(
          new RoomsError("JSON_RPC", `the device rejected request ${m.id}: ${m.error.message}`, {
            errorCode: m.error.code,
            id: m.id,
          }),
        );
      else if (m.result && typeof m.result.error_code === "number") p.resolve(m.result);
      return;
    }
    if (typeof m.method === "string" && m.method.startsWith("Event/") && m.params) {
      const module = m.method.slice(6);
      for (const key of [module, "*"]) {
        const set = this.#listeners.get(key);
        if (!set) continue;
        for (const l of set) {
          try {
            l(m.params, module);
          } catch (e) {
            queueMicrotask(() => {
              throw e;
            });
          }
        }
      }
    }
  }
}

const describe = (method: string, action: string | undefined): string =>
  action ? `${method} ${action}` : method;
