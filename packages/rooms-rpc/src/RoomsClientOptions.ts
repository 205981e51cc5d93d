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

/** Options of `RoomsClient`. */
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
