/**
 * The options and handle of a real emulated-device server, shared by the Node and Deno adapters,
 * and the checks both run before a WebSocket upgrade.
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";
import { describeValue } from "./describe.ts";
import { DEFAULT_ROOMS_MAX_PAYLOAD, DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD } from "./limits.ts";
import { DEFAULT_ROOMS_ALLOWED_ORIGINS, normalizeOrigins } from "./origin.ts";
import type { RoomsDevice } from "./RoomsDevice.ts";

/** Options of `startRoomsServer` (`@yiqi/mock-host/node` or `/deno`). */
export interface RoomsServerOptions {
  /** The device to serve (default: a new `RoomsDevice()`). */
  device?: RoomsDevice;
  /** TCP port (default 6295; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`: loopback only; `0.0.0.0` exposes it). */
  host?: string;
  /**
   * Browser origins that may open the socket (default: the harness's own,
   * `DEFAULT_ROOMS_ALLOWED_ORIGINS`; `"*"` allows any page). A handshake without an `Origin`
   * header (raw clients, drivers) is always accepted; any other origin gets HTTP 403 before the
   * upgrade, with a plain-text body that says how to allow it.
   */
  allowedOrigins?: readonly string[];
  /** The largest frame, in bytes, after authentication (default 1 MiB); larger closes with 1009. */
  maxPayload?: number;
  /** The largest frame, in bytes, before authentication (default 4 KiB); larger closes with 1009. */
  maxUnauthenticatedPayload?: number;
}

/** A running emulated-device server. */
export interface RoomsServer {
  /** `ws://host:port` to connect to. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** The bound host. */
  readonly host: string;
  /** The device being served. */
  readonly device: RoomsDevice;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}

/** The server options both adapters check, validated, with defaults applied. */
export interface RoomsServerLimits {
  /** Normalized allowed origins. */
  allowedOrigins: readonly string[];
  /** Bytes per frame after authentication. */
  maxPayload: number;
  /** Bytes per frame before authentication. */
  maxUnauthenticatedPayload: number;
}

const positive = (name: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new MeetingError(
      "INVALID_ARGUMENT",
      `${name} must be a positive whole number of bytes, got ${String(value)}`,
    );
  return value;
};

/**
 * Validates the limit options of {@link RoomsServerOptions} and applies the defaults.
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` for a bad origin or size.
 */
export function resolveServerLimits(options: RoomsServerOptions): RoomsServerLimits {
  return {
    allowedOrigins: normalizeOrigins(options.allowedOrigins ?? DEFAULT_ROOMS_ALLOWED_ORIGINS),
    maxPayload: positive("maxPayload", options.maxPayload, DEFAULT_ROOMS_MAX_PAYLOAD),
    maxUnauthenticatedPayload: positive(
      "maxUnauthenticatedPayload",
      options.maxUnauthenticatedPayload,
      DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD,
    ),
  };
}

/** The close reason of a frame over the limit (at most 123 bytes, as WebSocket requires). */
export const tooBigReason = (limit: number, authenticated: boolean): string =>
  authenticated
    ? `frame too large: at most ${limit} bytes per frame`
    : `frame too large before auth: at most ${limit} bytes; authenticate first`;

/**
 * The plain-text refusal of a handshake to a path other than `/` (the device serves only `/`),
 * or `undefined` when the path is `/` (a query string is ignored). Decision 0213.
 *
 * @example
 * ```ts
 * pathRefusal("/ws"); // "This Rooms control API is served at / only, not /ws: …"
 * ```
 */
export function pathRefusal(url: string | undefined): string | undefined {
  let path: string;
  try {
    path = new URL(url ?? "/", "http://rooms.invalid").pathname;
  } catch {
    path = String(url);
  }
  return path === "/"
    ? undefined
    : `This Rooms control API is served at / only, not ${describeValue(path, 60)}: connect to ws://<host>:6295/\n`;
}
