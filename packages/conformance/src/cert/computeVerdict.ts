/**
 * The verdict rule: an app is certified under a profile when no MUST case is FAILED.
 *
 * @module
 */
import type { CertCaseResult } from "./CertCaseResult.ts";
import { GRADES, type Grade } from "./Grade.ts";

/** The verdict of a run. */
export interface Verdict {
  /** True when no MUST case is FAILED. */
  certified: boolean;
  /** `CERTIFIED` or `NOT CERTIFIED` (for humans). */
  label: "CERTIFIED" | "NOT CERTIFIED";
  /** Ids of the MUST cases that FAILED, in result order. */
  failedMust: string[];
}

/** How many results have each grade (every grade present, 0 when none). */
export type GradeCounts = Record<Grade, number>;

/** Counts the results per grade. */
export function countGrades(results: readonly CertCaseResult[]): GradeCounts {
  const counts = Object.fromEntries(GRADES.map((g) => [g, 0])) as GradeCounts;
  for (const r of results) counts[r.grade] += 1;
  return counts;
}

/**
 * Certified when no MUST case is FAILED. NON-STRICT, INFORMATIONAL and UNIMPLEMENTED never
 * decide it (and cannot occur on a MUST as a violation: `certResult` normalises those to
 * FAILED).
 *
 * @example
 * ```ts
 * computeVerdict(results).certified; // false when e.g. A1.load.no-uncaught-error FAILED
 * ```
 */
export function computeVerdict(results: readonly CertCaseResult[]): Verdict {
  const failedMust = results
    .filter((r) => r.level === "MUST" && r.grade === "FAILED")
    .map((r) => r.id);
  const certified = failedMust.length === 0;
  return { certified, label: certified ? "CERTIFIED" : "NOT CERTIFIED", failedMust };
}
