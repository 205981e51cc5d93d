/**
 * The one error class of `@yiqi/rooms-rpc` and its closed set of codes.
 *
 * @module
 */
import { describeErrorCode } from "./errorCodes.ts";

/** Every failure the client reports, by stable code. */
export const RoomsErrorCode = {
  /** The device answered with a non-zero in-band `error_code`; see `errorCode`, `errorName`. */
  DEVICE: "DEVICE",
  /** The device answered with a JSON-RPC `error` (the request was not valid JSON-RPC). */
  JSON_RPC: "JSON_RPC",
  /** No answer within the call's timeout. */
  TIMEOUT: "TIMEOUT",
  /** The caller's AbortSignal fired. */
  ABORTED: "ABORTED",
  /** The socket closed (or `close()` was called) with the call in flight. */
  CLOSED: "CLOSED",
  /** The WebSocket could not be opened (wrong host or port, refused handshake, connect timeout). */
  CONNECT_FAILED: "CONNECT_FAILED",
  /** The action is newer than the Rooms version given in the client options. */
  UNSUPPORTED_VERSION: "UNSUPPORTED_VERSION",
  /** The call's arguments or the client options are invalid (e.g. a duplicate id). */
  INVALID_ARGUMENT: "INVALID_ARGUMENT",
  /** No WebSocket implementation: pass `options.WebSocket` or use `@yiqi/rooms-rpc/node`. */
  NO_WEBSOCKET: "NO_WEBSOCKET",
} as const;

/** One of the {@link RoomsErrorCode} values. */
export type RoomsErrorCode = (typeof RoomsErrorCode)[keyof typeof RoomsErrorCode];

/** Facts attached to a {@link RoomsError}; which are present depends on the code. */
export interface RoomsErrorDetails {
  /** The device's in-band `error_code` (code `DEVICE`) or the JSON-RPC error code (`JSON_RPC`). */
  errorCode?: number;
  /** The request method, e.g. `Call/Share`. */
  method?: string;
  /** The action, for `Call/<Module>` requests. */
  action?: string;
  /** The request id. */
  id?: string | number;
  /** The device's `message`, verbatim. */
  deviceMessage?: string;
  /** The timeout that expired, for `TIMEOUT`. */
  timeoutMs?: number;
  /** The WebSocket close code, for `CLOSED` and `CONNECT_FAILED`. */
  closeCode?: number;
  /** The version the action needs, for `UNSUPPORTED_VERSION`. */
  since?: string;
}

/**
 * The error every client failure rejects with. `code` is stable; for device errors
 * `errorCode`, `errorName` and `errorMeaning` come from the SPEC B4 table.
 *
 * @example
 * ```ts
 * try {
 *   await client.share.stopWindowShare();
 * } catch (e) {
 *   if (e instanceof RoomsError && e.errorName === "NOT_IN_MEETING") console.log("join first");
 * }
 * ```
 */
export class RoomsError extends Error {
  override readonly name = "RoomsError";
  /** Stable failure code. */
  readonly code: RoomsErrorCode;
  /** The device's `error_code` (for `DEVICE`) or JSON-RPC error code (for `JSON_RPC`). */
  readonly errorCode: number | undefined;
  /** Name of `errorCode` from SPEC B4, e.g. `NOT_IN_MEETING`. */
  readonly errorName: string | undefined;
  /** Meaning of `errorCode` from SPEC B4. */
  readonly errorMeaning: string | undefined;
  /** The request method. */
  readonly method: string | undefined;
  /** The action, for calls. */
  readonly action: string | undefined;
  /** The request id. */
  readonly id: string | number | undefined;
  /** The device's own message, verbatim. */
  readonly deviceMessage: string | undefined;
  /** All details as given. */
  readonly details: RoomsErrorDetails;

  constructor(code: RoomsErrorCode, message: string, details: RoomsErrorDetails = {}) {
    super(message);
    this.code = code;
    this.details = details;
    this.errorCode = details.errorCode;
    const info =
      code === "DEVICE" && details.errorCode !== undefined
        ? describeErrorCode(details.errorCode)
        : code === "JSON_RPC" && details.errorCode !== undefined
          ? jsonRpcInfo(details.errorCode)
          : undefined;
    this.errorName = info?.name;
    this.errorMeaning = info?.meaning;
    this.method = details.method;
    this.action = details.action;
    this.id = details.id;
    this.deviceMessage = details.deviceMessage;
  }
}

const jsonRpcInfo = (code: number): { name: string; meaning: string } =>
  code === -32700
    ? { name: "PARSE_ERROR", meaning: "the frame is not valid JSON" }
    : code === -32600
      ? { name: "INVALID_REQUEST", meaning: "the frame is not a valid JSON-RPC 2.0 request" }
      : { name: "JSON_RPC_ERROR", meaning: `JSON-RPC error ${code}` };

/**
 * Builds the {@link RoomsError} for a non-zero in-band result.
 *
 * @example
 * ```ts
 * deviceError({ error_code: 10000, message: "not in a meeting" }, "Call/Share", "StopShare", "1");
 * ```
 */
export function deviceError(
  result: { error_code: number; message?: string },
  method: string,
  action: string | undefined,
  id: string | number | undefined,
): RoomsError {
  const info = describeErrorCode(result.error_code);
  const what = action ? `${method} ${action}` : method;
  const said = result.message ? `: ${result.message}` : "";
  return new RoomsError(
    "DEVICE",
    `${what} failed with error_code ${result.error_code} ${info.name} (${info.meaning})${said}`,
    {
      errorCode: result.error_code,
      method,
      ...(action !== undefined ? { action } : {}),
      ...(id !== undefined ? { id } : {}),
      ...(result.message !== undefined ? { deviceMessage: result.message } : {}),
    },
  );
}
