/**
 * The options and handle of a real emulated-device server, shared by the Node and Deno adapters,
 * and the checks both run before a WebSocket upgrade.
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";
import { describeValue } from "./describe.ts";
import { DEFAULT_ROOMS_MAX_PAYLOAD, DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD } from "./limits.ts";
import { DEFAULT_ROOMS_ALLOWED_ORIGINS, normalizeOrigins, originRefusal } from "./origin.ts";
import type { RoomsDevice } from "./RoomsDevice.ts";

/** The default port of the Rooms control API. */
export const ROOMS_PORT = 6295;

/** The body of the 426 answer to a plain HTTP request (not a WebSocket upgrade). */
export const UPGRADE_REQUIRED_TEXT =
  "This is an emulated Tencent Meeting Rooms control API: connect with a WebSocket.\n";

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
    : `This Rooms control API is served at / only, not ${describeValue(path, 60)}: connect to ws://<host>:${ROOMS_PORT}/\n`;
}

/** What the adapter answers to a handshake refused before the upgrade. */
export interface HandshakeRefusal {
  /** 403 for a page origin that is not allowed, 404 for a path other than `/`. */
  status: 403 | 404;
  /** The plain-text body, which says how to fix it. */
  text: string;
}

/**
 * The checks both adapters run before a WebSocket upgrade, in order (origin, then path): logs
 * a refusal on the device and returns the answer to send, or `undefined` to go on.
 *
 * @param info.origin The `Origin` header, if any.
 * @param info.url The request target, as `pathRefusal` takes it.
 * @param info.path The path as logged.
 */
export function handshakeRefusal(
  device: RoomsDevice,
  limits: RoomsServerLimits,
  info: {
    remote: string;
    origin: string | null | undefined;
    url: string | undefined;
    path: string | undefined;
  },
): HandshakeRefusal | undefined {
  const refused = originRefusal(info.origin, limits.allowedOrigins);
  if (refused !== undefined) {
    device.logRefused(info.remote, `origin ${describeValue(info.origin)} is not allowed`);
    return { status: 403, text: refused };
  }
  const wrongPath = pathRefusal(info.url);
  if (wrongPath !== undefined) {
    device.logRefused(info.remote, `path ${describeValue(info.path)} is not /`);
    return { status: 404, text: wrongPath };
  }
  return undefined;
}

/** The `ws://` URL of a server bound to `host` and `port` (an IPv6 host in brackets). */
export const serverUrl = (host: string, port: number): string =>
  `ws://${host.includes(":") ? `[${host}]` : host}:${port}`;
