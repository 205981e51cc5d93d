/**
 * The error class of certification (expectations files, bad inputs to the renderers).
 *
 * @module
 */

/** The closed set of {@link CertError} codes. */
export type CertErrorCode =
  | "EXPECTATIONS_NOT_JSON"
  | "EXPECTATIONS_SHAPE"
  | "EXPECTATIONS_BAD_ID"
  /** An id no case has (a typo, a retired case): the message names the nearest id. */
  | "EXPECTATIONS_UNKNOWN_ID"
  | "EXPECTATIONS_BAD_GRADE"
  | "EXPECTATIONS_GRADE_NOT_ALLOWED"
  | "EXPECTATIONS_NO_REASON"
  | "EXPECTATIONS_DUPLICATE"
  | "UNKNOWN_PROFILE"
  /** `certify`: a bad option (participants, timeout, URL). */
  | "BAD_OPTIONS"
  /** `certify`: the app URL refuses connections or its proxy answers 502. */
  | "APP_UNREACHABLE"
  /** `certify`: no Chromium to drive. */
  | "NO_BROWSER"
  /** `certify`: the harness server or page could not start. */
  | "HARNESS_FAILED";

/**
 * A certification error with a stable `code`; the message says what is wrong and how to fix it.
 *
 * @example
 * ```ts
 * try { parseExpectations(text); } catch (e) {
 *   if (e instanceof CertError) console.error(e.code, e.message);
 * }
 * ```
 */
export class CertError extends Error {
  /** What went wrong, as a stable name. */
  readonly code: CertErrorCode;
  /** Create an error with a code and a message that says how to fix it. */
  constructor(code: CertErrorCode, message: string) {
    super(message);
    this.name = "CertError";
    this.code = code;
  }
}
