/**
 * The one error class of `@yiqi/jsapi`.
 *
 * @module
 */
import { WemeetErrorCode, type WemeetErrorCodeName, type WemeetErrorData } from "./types.ts";

/**
 * What every `wemeet` call rejects with: an `Error` that also has the `{ errCode, errMsg }` shape
 * SPEC A3 chose for rejections, plus the stable symbolic `code`.
 *
 * @example
 * ```ts
 * try { await wemeet.collaboration.join(); }
 * catch (e) { if (e instanceof WemeetError && e.code === "NO_ACTIVE_SESSION") showHint(); }
 * ```
 */
export class WemeetError extends Error implements WemeetErrorData {
  /** Numeric code (see {@link WemeetErrorCode}). */
  readonly errCode: number;
  /** What failed and what to do. */
  readonly errMsg: string;
  /** Stable symbolic code. */
  readonly code: WemeetErrorCodeName;

  constructor(code: WemeetErrorCodeName, errMsg: string) {
    super(errMsg);
    this.name = "WemeetError";
    this.code = code;
    this.errCode = WemeetErrorCode[code];
    this.errMsg = errMsg;
  }

  /** Rebuilds an error from its plain-data form (as it crosses the bridge). */
  static from(data: WemeetErrorData): WemeetError {
    const code = Object.hasOwn(WemeetErrorCode, data.code) ? data.code : "BRIDGE_FAILED";
    return new WemeetError(code, data.errMsg);
  }

  /** The plain-data form. */
  toJSON(): WemeetErrorData {
    return { errCode: this.errCode, errMsg: this.errMsg, code: this.code };
  }
}
