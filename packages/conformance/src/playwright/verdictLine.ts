/**
 * The verdict line of a certification (the last line `yiqi certify` prints): what a catalogue
 * test annotates, and its error when the app is not certified.
 *
 * @module
 */
import { countGrades } from "../cert/computeVerdict.ts";
import type { Grade } from "../cert/Grade.ts";
import type { CertifyOutcome } from "../node/certify.ts";

/**
 * The verdict line of an outcome: `CERTIFIED under <profile>: <counts>`, or `NOT CERTIFIED under
 * <profile> — <why>. <counts>; failed MUST: <ids>` (noting when every MUST failure is expected
 * by the expectations file).
 *
 * @example
 * ```ts
 * console.log(verdictLine(await certify(options), "collab-basic"));
 * ```
 */
export function verdictLine(outcome: CertifyOutcome, profile: string): string {
  const counts = countGrades(outcome.run.results);
  const countText = (Object.entries(counts) as [Grade, number][])
    .filter(([, n]) => n > 0)
    .map(([g, n]) => `${n} ${g}`)
    .join(", ");
  if (outcome.verdict.certified) return `CERTIFIED under ${profile}: ${countText}`;
  const expected =
    outcome.exitCode === 0 ? " (every MUST failure is expected by the expectations file)" : "";
  const why = (outcome.why ?? "a MUST case FAILED").replace(/[.…]$/, "");
  return `NOT CERTIFIED under ${profile} — ${why}. ${countText}; failed MUST: ${outcome.verdict.failedMust.join(", ")}${expected}`;
}
