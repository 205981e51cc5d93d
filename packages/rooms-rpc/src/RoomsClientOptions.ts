/**
 * The options of `RoomsClient` and the shapes it needs from a WebSocket implementation.
 *
 * @module
 */
import type { RoomsId } from "./types.ts";

/**
 * The part of a WebSocket the client uses: the browser/Deno `WebSocket`, the `ws` package and
 * msw's interceptor all fit.
 */
export interface WebSocketLike {
  /**
   * The standard WebSocket ready state: 0 connecting, 1 open, 2 closing, 3 closed. The client
   * reads it only when closing (2 and 3 need no close handshake).
   */
  readonly readyState: number;
  /** Sends one text frame (one JSON-RPC request). Called only while the socket is open. */
  send(data: string): void;
  /**
   * Starts the closing handshake. The client passes 1000 and a reason on `close()`, and no
   * arguments when the connect timeout expires.
   */
  close(code?: number, reason?: string): void;
  /** Text frames from the device: answers and `Event/<Module>` pushes (`data` is a string). */
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  /**
   * The socket closed, with its close code and reason: before it opened the pending connect
   * rejects with `CONNECT_FAILED`; after, the calls already sent reject with `CLOSED`.
   */
  addEventListener(
    type: "close",
    listener: (event: { code: number; reason: string }) => void,
  ): void;
  /** `open` resolves the pending connect; `error` is ignored (a `close` always follows it). */
  addEventListener(type: "open" | "error", listener: (event: unknown) => void): void;
}

/**
 * A WebSocket class: `new WebSocket(url, protocols)`. The client passes one protocol, the
 * `auth-` credential (see {@link RoomsClientOptions.urlEncodeCredential}); a constructor that
 * throws makes the connect reject with `CONNECT_FAILED`.
 *
 * @example
 * ```ts
 * import { RoomsClient, type WebSocketConstructorLike } from "@yiqi/rooms-rpc";
 *
 * const WebSocketImpl: WebSocketConstructorLike = globalThis.WebSocket;
 * const client = new RoomsClient({
 *   url: "ws://127.0.0.1:6295",
 *   password: "123456",
 *   WebSocket: WebSocketImpl,
 * });
 * ```
 */
export type WebSocketConstructorLike = new (
  url: string,
  protocols?: string | string[],
) => WebSocketLike;

/**
 * Reconnect with exponential backoff after an established connection drops: attempt `n`
 * (from 0) waits `min(maxDelayMs, minDelayMs * factor ** n)` ms. Subscriptions are re-sent once
 * the socket is open again. A connection that never opened is not retried: the call that opened
 * it rejects with `CONNECT_FAILED` and the next call tries again.
 *
 * @example
 * ```ts
 * import { RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({
 *   url: "ws://127.0.0.1:6295",
 *   password: "123456",
 *   reconnect: { retries: 5, minDelayMs: 500, maxDelayMs: 5_000 },
 * });
 * client.onStatus((status) => console.log(status)); // "reconnecting", then "open" or "closed"
 * ```
 */
export interface ReconnectOptions {
  /**
   * Attempts per drop before giving up (default: unlimited). When they are used up the status
   * becomes `closed` and calls waiting to be sent reject with the last attempt's error
   * (`CONNECT_FAILED`).
   */
  retries?: number;
  /** Delay before the first attempt, in milliseconds (default 250). */
  minDelayMs?: number;
  /** Longest delay between attempts, in milliseconds (default 10 000). */
  maxDelayMs?: number;
  /** Multiplier of the delay per attempt (default 2). */
  factor?: number;
}

/**
 * Options of `RoomsClient`. Only `url` and `password` are required.
 *
 * @example
 * ```ts
 * import { RoomsClient, type RoomsClientOptions } from "@yiqi/rooms-rpc";
 *
 * const options: RoomsClientOptions = {
 *   url: "ws://192.168.1.20:6295",
 *   password: "123456",
 *   timeoutMs: 5_000,
 *   reconnect: true,
 *   roomsVersion: "3.11.170",
 * };
 * const client = new RoomsClient(options);
 * ```
 */
export interface RoomsClientOptions {
  /** The device endpoint, e.g. `ws://192.168.1.20:6295` (the control API listens on port 6295). */
  url: string;
  /**
   * The control API password set on the Rooms, sent as the `auth-` subprotocol. A wrong one is
   * answered in band to the first request with `error_code` 16 (`PASSWORD_FAILED`; `query`,
   * `call` and the module helpers reject with a `DEVICE` `RoomsError`), then the device closes
   * the socket with 1008.
   */
  password: string;
  /**
   * WebSocket class; default `globalThis.WebSocket`. Without either, calls reject with
   * `NO_WEBSOCKET` (on Node 20 import `RoomsClient` from `@yiqi/rooms-rpc/node`).
   */
  WebSocket?: WebSocketConstructorLike;
  /**
   * Default per-call timeout in milliseconds (default 10 000), counted from the call, so it
   * includes opening the socket; a call without an answer by then rejects with `TIMEOUT`.
   * {@link CallOptions.timeoutMs} overrides it per call.
   */
  timeoutMs?: number;
  /** Time allowed to open the socket, in milliseconds (default 10 000); then `CONNECT_FAILED`. */
  connectTimeoutMs?: number;
  /**
   * Id generator for calls without an explicit id (default: a random 8-hex-digit prefix, `-`
   * and a counter, e.g. `"3f9a1c07-1"`). Ids must be unique among the calls in flight: a
   * duplicate rejects with `INVALID_ARGUMENT`.
   */
  nextId?: () => RoomsId;
  /**
   * Reconnect after an established connection drops: `true` for the {@link ReconnectOptions}
   * defaults. Default off: the status becomes `closed` and the next call opens a new socket.
   */
  reconnect?: boolean | ReconnectOptions;
  /**
   * The device's Rooms version (e.g. `"3.13.190"`), when known: an action newer than it then
   * rejects locally with `UNSUPPORTED_VERSION`, without a request (see {@link actionSince}).
   * Default: unknown, every action is sent and an older device answers `error_code` 9.
   */
  roomsVersion?: string;
  /**
   * Send the credential as `auth-` + `encodeURIComponent(btoa(password))`, as Tencent's sample
   * does (default true); `false` sends the raw `btoa(password)` form some drivers send (see
   * {@link authProtocol}).
   */
  urlEncodeCredential?: boolean;
}

/**
 * Connection status: `idle` (no socket yet, or the last connect failed), `connecting`, `open`,
 * `reconnecting` (a drop with {@link RoomsClientOptions.reconnect} on), `closed` (dropped
 * without reconnect, reconnect gave up, or `close()` was called). Reported by
 * `RoomsClient.status` and `RoomsClient.onStatus`.
 */
export type ConnectionStatus = "idle" | "connecting" | "open" | "reconnecting" | "closed";
