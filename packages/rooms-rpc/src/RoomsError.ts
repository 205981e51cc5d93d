/**
 * The one error class of `@yiqi/rooms-rpc` and its closed set of codes.
 *
 * @module
 */
import { describeErrorCode } from "./errorCodes.ts";

/**
 * Every failure the client reports, by stable code: the `code` of a {@link RoomsError}.
 *
 * @example
 * ```ts
 * import { RoomsError, RoomsErrorCode } from "@yiqi/rooms-rpc";
 *
 * const retryable = (e: unknown): boolean =>
 *   e instanceof RoomsError &&
 *   (e.code === RoomsErrorCode.TIMEOUT || e.code === RoomsErrorCode.CLOSED);
 * ```
 */
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
 * The error every client failure rejects with. `code` is stable (see {@link RoomsErrorCode});
 * for device errors `errorCode`, `errorName` and `errorMeaning` come from the error code table
 * ({@link ROOMS_ERROR_CODES}, docs/reference/rooms.md#errors). `message` says what failed and
 * what to do, for people; branch on `code` and `errorName`, not on `message`.
 *
 * @example
 * ```ts
 * import { RoomsClient, RoomsError } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * try {
 *   await client.share.stopWindowShare();
 * } catch (e) {
 *   if (e instanceof RoomsError && e.errorName === "NOT_IN_MEETING") console.log("join first");
 * }
 * ```
 */
export class RoomsError extends Error {
  /** Always `"RoomsError"`, so the error is recognisable in logs and across realms. */
  override readonly name = "RoomsError";
  /** Stable failure code, one of {@link RoomsErrorCode}. */
  readonly code: RoomsErrorCode;
  /** The device's `error_code` (for `DEVICE`) or JSON-RPC error code (for `JSON_RPC`). */
  readonly errorCode: number | undefined;
  /**
   * Name of `errorCode`, e.g. `NOT_IN_MEETING` (from {@link describeErrorCode}; `PARSE_ERROR`
   * or `INVALID_REQUEST` for `JSON_RPC`); `undefined` for the other codes.
   */
  readonly errorName: string | undefined;
  /** Meaning of `errorCode` in English, from the same table as `errorName`. */
  readonly errorMeaning: string | undefined;
  /** The request method, e.g. `Call/Share` (absent for connection failures). */
  readonly method: string | undefined;
  /** The action, for `Call/<Module>` requests. */
  readonly action: string | undefined;
  /** The request id. */
  readonly id: string | number | undefined;
  /** The device's own message, verbatim. */
  readonly deviceMessage: string | undefined;
  /** All details as given (also `timeoutMs`, `closeCode` and `since`, by code). */
  readonly details: RoomsErrorDetails;

  /**
   * Creates the error; the client does this, applications rarely need to (tests and fakes of
   * {@link RoomsCaller} do). `errorName` and `errorMeaning` are derived from
   * `details.errorCode` for `DEVICE` and `JSON_RPC`.
   *
   * @param code The stable failure code.
   * @param message What failed and what to do about it.
   * @param details The facts of the failure; see {@link RoomsErrorDetails}.
   *
   * @example
   * ```ts
   * const e = new RoomsError("DEVICE", "Call/Share StopShare failed", { errorCode: 10000 });
   * e.errorName; // "NOT_IN_MEETING"
   * ```
   */
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
 * Builds the `DEVICE` {@link RoomsError} for a non-zero in-band result, its message naming the
 * call, the code's name and meaning, and the device's own message. What `query` and `call` throw;
 * useful to implement a {@link RoomsCaller} over another transport.
 *
 * @param result The in-band result (`error_code` and the device's `message`).
 * @param method The request method, e.g. `Call/Share`.
 * @param action The action, for `Call/<Module>` requests.
 * @param id The request id, when known.
 *
 * @example
 * ```ts
 * const e = deviceError({ error_code: 10000, message: "not in a meeting" }, "Call/Share", "StopShare", "1");
 * e.message; // "Call/Share StopShare failed with error_code 10000 NOT_IN_MEETING (the Rooms is not in a meeting): not in a meeting"
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
