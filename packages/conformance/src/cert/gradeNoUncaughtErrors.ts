/**
 * Grading helper: no uncaught errors, unhandled rejections or crashes.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import { describePageError, type PageError } from "./PageError.ts";

/** At most this many errors are named in a message; the rest are counted. */
const SHOWN = 3;

/**
 * `OK` when `pageErrors` is empty, otherwise `FAILED` naming the first errors (the caller's case
 * level decides the final grade through `certResult`).
 *
 * @param pageErrors The errors seen in the window the case watches.
 * @param what What the window was, for the message (default "while loading").
 * @example
 * ```ts
 * gradeNoUncaughtErrors([{ participantId: "p2", name: "TypeError", message: "x is undefined" }]);
 * // { grade: "FAILED", message: "1 uncaught error while loading: p2: TypeError: x is undefined" }
 * ```
 */
export function gradeNoUncaughtErrors(
  pageErrors: readonly PageError[],
  what = "while loading",
): Grading {
  if (pageErrors.length === 0) return { grade: Grade.OK, message: `no uncaught error ${what}` };
  const shown = pageErrors.slice(0, SHOWN).map(describePageError).join("; ");
  const more = pageErrors.length > SHOWN ? ` (and ${pageErrors.length - SHOWN} more)` : "";
  const n = pageErrors.length;
  return {
    grade: Grade.FAILED,
    message: `${n} uncaught error${n === 1 ? "" : "s"} ${what}: ${shown}${more}`,
  };
}
