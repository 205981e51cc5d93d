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
  /** The API's own documented code for this failure, where Tencent lists one. */
  readonly apiCode?: number;

  constructor(code: WemeetErrorCodeName, errMsg: string, apiCode?: number) {
    super(errMsg);
    this.name = "WemeetError";
    this.code = code;
    this.errCode = WemeetErrorCode[code];
    this.errMsg = errMsg;
    if (apiCode !== undefined) this.apiCode = apiCode;
  }

  /** Rebuilds an error from its plain-data form (as it crosses the bridge). */
  static from(data: WemeetErrorData): WemeetError {
    const code = Object.hasOwn(WemeetErrorCode, data.code) ? data.code : "BRIDGE_FAILED";
    const apiCode = typeof data.apiCode === "number" ? data.apiCode : undefined;
    return new WemeetError(code, data.errMsg, apiCode);
  }

  /** The plain-data form. */
  toJSON(): WemeetErrorData {
    return {
      errCode: this.errCode,
      errMsg: this.errMsg,
      code: this.code,
      ...(this.apiCode === undefined ? {} : { apiCode: this.apiCode }),
    };
  }
}
