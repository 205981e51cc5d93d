/**
 * `formatCaseResult`: the results of a Rooms contract run, one case and the whole report, and
 * their one-line printing.
 *
 * @module
 */

/** The outcome of one case. */
export interface CaseResult {
  name: string;
  ok: boolean;
  /** Why it failed. */
  problem?: string;
  /** The case checks an emulator decision (real devices may differ). */
  decision: boolean;
  ms: number;
}

/** The outcome of a run. */
export interface RoomsContractReport {
  results: CaseResult[];
  passed: number;
  failed: number;
  /** `N passed, N failed`. */
  summary: string;
}

/**
 * One line for a case result: `ok   <name>` or `FAIL <name>: <problem>`.
 *
 * @example
 * ```ts
 * await runRoomsContract({ url, password, onResult: (r) => console.log(formatCaseResult(r)) });
 * ```
 */
export function formatCaseResult(r: CaseResult): string {
  const tag = r.decision ? " [emulator decision]" : "";
  return r.ok ? `ok   ${r.name}${tag}` : `FAIL ${r.name}${tag}: ${r.problem}`;
}

/** The report of a run: its results counted, and the `N passed, N failed` summary. */
export const contractReport = (results: CaseResult[]): RoomsContractReport => {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  return { results, passed, failed, summary: `${passed} passed, ${failed} failed` };
};
