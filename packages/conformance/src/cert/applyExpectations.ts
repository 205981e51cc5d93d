/**
 * Applies an expectations file to a run's results and decides the CI exit.
 *
 * @module
 */
import type { CertCaseResult } from "./CertCaseResult.ts";
import type { Grade } from "./Grade.ts";
import type { Expectation } from "./parseExpectations.ts";

/**
 * How a result compares with its expectation: `met` (same grade), `better` or `worse` (a
 * different grade of lower or higher severity), or `changed` (a different grade of the same
 * severity, e.g. UNIMPLEMENTED instead of INFORMATIONAL).
 */
export type ExpectationStatus = "met" | "better" | "worse" | "changed";

/** A result with the expectation recorded for it, if any. */
export interface ExpectedResult extends CertCaseResult {
  expectation?: Expectation & { status: ExpectationStatus };
}

/** One line of {@link AppliedExpectations.changes}. */
export interface ExpectationChange {
  id: string;
  level: CertCaseResult["level"];
  /** The recorded grade; `OK` when nothing was recorded (every case is expected to pass). */
  expected: Grade;
  actual: Grade;
  status: Exclude<ExpectationStatus, "met">;
  /** A line for the CLI and the report. */
  message: string;
}

/** The outcome of {@link applyExpectations}. */
export interface AppliedExpectations {
  results: ExpectedResult[];
  /** Results that differ from their expectation (or from OK when none was recorded). */
  changes: ExpectationChange[];
  /** Expectations for ids that are not in this run (another profile, a retired case). */
  stale: Expectation[];
  /** Ids of MUST cases that FAILED without an expectation of FAILED: these fail CI. */
  unexpectedFailures: string[];
}

/** Severity used to call a change better or worse. */
const SEVERITY: Readonly<Record<Grade, number>> = {
  OK: 0,
  UNIMPLEMENTED: 1,
  INFORMATIONAL: 1,
  "NON-STRICT": 2,
  FAILED: 3,
};

const statusOf = (expected: Grade, actual: Grade): ExpectationStatus =>
  expected === actual
    ? "met"
    : SEVERITY[actual] < SEVERITY[expected]
      ? "better"
      : SEVERITY[actual] > SEVERITY[expected]
        ? "worse"
        : "changed";

/**
 * Marks each result with its expectation, lists every unexpected change (better or worse), and
 * the unexpected MUST failures. A case with no recorded expectation is expected to be `OK`,
 * except that `UNIMPLEMENTED` and `INFORMATIONAL` are never reported as changes (they are not
 * deviations).
 *
 * @example
 * ```ts
 * const applied = applyExpectations(results, parseExpectations(text).expectations);
 * for (const c of applied.changes) console.log(c.message);
 * process.exitCode = ciExitCode(applied);
 * ```
 */
export function applyExpectations(
  results: readonly CertCaseResult[],
  expectations: readonly Expectation[],
): AppliedExpectations {
  const byId = new Map(expectations.map((e) => [e.id, e]));
  const ids = new Set(results.map((r) => r.id));
  const changes: ExpectationChange[] = [];
  const unexpectedFailures: string[] = [];
  const out = results.map((r): ExpectedResult => {
    const e = byId.get(r.id);
    if (r.level === "MUST" && r.grade === "FAILED" && e?.grade !== "FAILED")
      unexpectedFailures.push(r.id);
    if (!e) {
      if (SEVERITY[r.grade] >= 2)
        changes.push({
          id: r.id,
          level: r.level,
          expected: "OK",
          actual: r.grade,
          status: "worse",
          message: `${r.id}: ${r.grade} (${r.level}), not in the expectations file`,
        });
      return { ...r };
    }
    const status = statusOf(e.grade, r.grade);
    if (status !== "met")
      changes.push({
        id: r.id,
        level: r.level,
        expected: e.grade,
        actual: r.grade,
        status,
        message:
          status === "better"
            ? `${r.id}: now ${r.grade}, expected ${e.grade}: update the expectations file (remove the entry if it is OK)`
            : `${r.id}: ${r.grade}, expected ${e.grade} (${status})`,
      });
    return { ...r, expectation: { ...e, status } };
  });
  const stale = expectations.filter((e) => !ids.has(e.id));
  return { results: out, changes, stale, unexpectedFailures };
}

/**
 * The CI exit code: 1 when a MUST case FAILED without being expected to, else 0. Other changes
 * (better, worse on a SHOULD, stale entries) are reported, never fatal.
 */
export function ciExitCode(applied: AppliedExpectations): 0 | 1 {
  return applied.unexpectedFailures.length > 0 ? 1 : 0;
}
