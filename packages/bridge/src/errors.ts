/**
 * The one error class of `@yiqi/bridge` and its closed set of codes.
 *
 * @module
 */

/** Every failure the bridge reports, by stable code. */
export const BridgeErrorCode = {
  /** No host answered the handshake in time (wrong host origin, not embedded, host not ready). */
  HANDSHAKE_TIMEOUT: "HANDSHAKE_TIMEOUT",
  /** The host refused the app's origin, or an app was given an unsafe host origin. */
  ORIGIN_REJECTED: "ORIGIN_REJECTED",
  /** App and host speak different namespaces or protocol versions. */
  PROTOCOL_MISMATCH: "PROTOCOL_MISMATCH",
  /** A call got no answer within its timeout. */
  CALL_TIMEOUT: "CALL_TIMEOUT",
  /** The connection closed (peer reloaded, navigated or called `close()`) with the call pending. */
  CONNECTION_CLOSED: "CONNECTION_CLOSED",
  /** The host does not serve that method. */
  METHOD_NOT_FOUND: "METHOD_NOT_FOUND",
  /** The message asked for something the host never allows (SET, CONSTRUCT, prototype paths). */
  FORBIDDEN: "FORBIDDEN",
  /** The message is not a well-formed bridge message. */
  INVALID_MESSAGE: "INVALID_MESSAGE",
  /** The message exceeds the configured size limit. */
  MESSAGE_TOO_LARGE: "MESSAGE_TOO_LARGE",
  /** Too many calls are pending on this connection. */
  TOO_MANY_CALLS: "TOO_MANY_CALLS",
  /** The host method threw (a bug in the host, not a domain error). */
  CALL_FAILED: "CALL_FAILED",
  /** The caller's AbortSignal fired. */
  ABORTED: "ABORTED",
  /** Not running in a frame, so there is no host to connect to. */
  NO_HOST: "NO_HOST",
  /** The options passed to the bridge are invalid (e.g. a `'*'` origin). */
  INVALID_OPTIONS: "INVALID_OPTIONS",
} as const;

/** One of the {@link BridgeErrorCode} values. */
export type BridgeErrorCode = (typeof BridgeErrorCode)[keyof typeof BridgeErrorCode];

const CODES = new Set<string>(Object.values(BridgeErrorCode));

/** Extra, code-specific facts attached to a {@link BridgeError}. */
export interface BridgeErrorDetails {
  /** The method the failed call named. */
  method?: string;
  /** The origin a message came from (a refused handshake, an unexpected sender). */
  origin?: string;
  /** The origin that was expected instead. */
  expected?: string;
  /** The timeout that passed, in milliseconds. */
  timeoutMs?: number;
  /** The app's protocol version (a protocol mismatch). */
  appProtocol?: string;
  /** The host's protocol version (a protocol mismatch). */
  hostProtocol?: string;
}

/**
 * The error every bridge failure rejects or throws with. `code` is stable; `message` says what
 * happened and what to do.
 *
 * @example
 * ```ts
 * try { await conn.call("getContext", []); }
 * catch (e) { if (e instanceof BridgeError && e.code === "CALL_TIMEOUT") retry(); }
 * ```
 */
export class BridgeError extends Error {
  /** The stable code. */
  readonly code: BridgeErrorCode;
  /** Code-specific facts (method, origins, timeout, protocol versions). */
  readonly details: BridgeErrorDetails;

  /** An error with a stable `code`, a `message` that says what to do, and code-specific facts. */
  constructor(code: BridgeErrorCode, message: string, details: BridgeErrorDetails = {}) {
    super(message);
    this.name = "BridgeError";
    this.code = code;
    this.details = details;
  }

  /** True when `value` is a {@link BridgeErrorCode}. */
  static isCode(value: unknown): value is BridgeErrorCode {
    return typeof value === "string" && CODES.has(value);
  }
}

/** The `ABORTED` error of `what` (a handshake or a call) whose `AbortSignal` fired. */
export const abortError = (what: string): BridgeError =>
  new BridgeError("ABORTED", `${what} was aborted by its AbortSignal`);
