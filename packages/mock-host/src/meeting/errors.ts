import type { HostResult, WemeetErrorCodeName, WemeetErrorData } from "@yiqi/jsapi";
import { WemeetErrorCode } from "@yiqi/jsapi";

/** The codes of {@link MeetingError}: misuse of the simulator itself (not app-visible errors). */
export type MeetingErrorCode =
  | "UNKNOWN_PARTICIPANT"
  | "UNKNOWN_INSTANCE"
  | "DUPLICATE_PARTICIPANT"
  | "INVALID_ARGUMENT";

/**
 * Thrown by the simulator's driver API (`addParticipant`, `openInstance`, ...) when the caller
 * (a test, the harness, the bridge adapter) misuses it. App-visible failures never throw: they
 * are `HostResult` errors.
 */
export class MeetingError extends Error {
  /** The stable code; branch on it, not on the message. */
  readonly code: MeetingErrorCode;
  /**
   * @param code What went wrong.
   * @param message What failed and what to do.
   */
  constructor(code: MeetingErrorCode, message: string) {
    super(message);
    this.name = "MeetingError";
    this.code = code;
  }
}

/**
 * Build the plain error an app sees (`{ errCode, errMsg, code }`).
 *
 * @param code The symbolic code from `WemeetErrorCode`.
 * @param errMsg What failed and what to do.
 */
export function wemeetError(code: WemeetErrorCodeName, errMsg: string): WemeetErrorData {
  return { errCode: WemeetErrorCode[code], errMsg, code };
}

/** A successful {@link HostResult}. */
export function ok<T>(value: T): HostResult<T> {
  return { ok: true, value };
}

/** A failed {@link HostResult}. */
export function fail<T = never>(code: WemeetErrorCodeName, errMsg: string): HostResult<T> {
  return { ok: false, error: wemeetError(code, errMsg) };
}
