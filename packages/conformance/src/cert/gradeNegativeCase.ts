/**
 * Grading helper for generated negative cases: the app survives a rejected call.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import type { NegativeScenario } from "./jsapiMetadata.ts";
import { describePageError, type PageError } from "./PageError.ts";

/** What the runner saw while a negative scenario ran. */
export interface NegativeObservation {
  /** The app made the call under the condition (false: it could not be made to). */
  called: boolean;
  /** The error code the call rejected with (`WemeetErrorCode` name), if it rejected. */
  code?: string;
  /** Page errors from the call until the settle time after it. */
  errors: readonly PageError[];
  /** The instance still answered afterwards (e.g. the handshake or a digest read worked). */
  responsive?: boolean;
}

/**
 * `UNIMPLEMENTED` when the app never made the call under the condition; `FAILED` on a page
 * error (an unhandled rejection included) or an unresponsive instance; `OK` otherwise. A
 * different rejection code than the scenario's is mentioned: it points at the emulator or the
 * runner, not the app.
 *
 * @example
 * ```ts
 * gradeNegativeCase(c.negative!, { called: true, code: "NOT_PERMITTED", errors: [] }); // OK
 * ```
 */
export function gradeNegativeCase(
  scenario: NegativeScenario,
  observed: NegativeObservation,
): Grading {
  if (!observed.called)
    return {
      grade: Grade.UNIMPLEMENTED,
      message: `the app did not call ${scenario.api} under this condition`,
    };
  const codeNote =
    observed.code === undefined
      ? ` (the call did not reject; expected ${scenario.error})`
      : observed.code === scenario.error
        ? ""
        : ` (rejected ${observed.code}; expected ${scenario.error})`;
  if (observed.errors.length > 0)
    return {
      grade: Grade.FAILED,
      message: `${scenario.api} rejected ${observed.code ?? "?"} and the app did not survive: ${observed.errors
        .slice(0, 3)
        .map(describePageError)
        .join("; ")}${codeNote}`,
    };
  if (observed.responsive === false)
    return {
      grade: Grade.FAILED,
      message: `the instance stopped answering after ${scenario.api} rejected${codeNote}`,
    };
  return {
    grade: Grade.OK,
    message: `${scenario.api} rejected ${observed.code ?? "nothing"} and the app kept working${codeNote}`,
  };
}
