/**
 * `yiqi certify --update-expectations`: the expectations file a run implies. Every case that
 * deviated (FAILED, NON-STRICT) gets an entry with the grade it got; a reason already written
 * for that id is kept (a human wrote it), a new entry says it was recorded from this run and
 * why the case deviated. Cases that are OK, INFORMATIONAL or UNIMPLEMENTED get none.
 *
 * @module
 */
import type { CertCaseResult } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import type { Expectation, Expectations } from "./parseExpectations.ts";

/** Options of {@link expectationsFromRun}. */
export interface ExpectationsFromRunOptions {
  /** The file being replaced, if any: its app, setup and reasons are kept. */
  previous?: Expectations;
  /** The app's name when there is no previous file (e.g. the URL's host). */
  app: string;
  /** When the run happened, for new entries' reasons (`2026-11-30`). */
  date: string;
}

const DEVIATIONS: ReadonlySet<string> = new Set([Grade.FAILED, Grade.NON_STRICT]);

/**
 * The expectations a run implies.
 *
 * @example
 * ```ts
 * const next = expectationsFromRun(outcome.run.results, { app: "Pixel Party", date: "2026-11-30" });
 * writeFileSync("yiqi-expectations.json", formatExpectations(next));
 * ```
 */
export function expectationsFromRun(
  results: readonly CertCaseResult[],
  options: ExpectationsFromRunOptions,
): Expectations {
  const reasons = new Map(options.previous?.expectations.map((e) => [e.id, e.reason]) ?? []);
  const expectations: Expectation[] = results
    .filter((r) => DEVIATIONS.has(r.grade))
    .map((r) => ({
      id: r.id,
      grade: r.grade,
      reason:
        reasons.get(r.id) ??
        `recorded by --update-expectations on ${options.date}: ${r.message.replace(/\s+/g, " ").slice(0, 200)}`,
    }));
  return {
    app: options.previous?.app ?? options.app,
    ...(options.previous?.setup === undefined ? {} : { setup: options.previous.setup }),
    expectations,
  };
}

/** The file's text: two-space JSON, one entry per case, a final newline. */
export function formatExpectations(e: Expectations): string {
  return `${JSON.stringify(e, null, 2)}\n`;
}
