/**
 * One plain-text line per finished case, for the CLI.
 *
 * @module
 */
import type { CertCaseResult } from "./CertCaseResult.ts";
import { computeVerdict } from "./computeVerdict.ts";

/** The widest grade name, for alignment. */
const GRADE_WIDTH = "UNIMPLEMENTED".length;

/** Longest message shown on a progress line. */
const MESSAGE_MAX = 100;

/**
 * Formats one finished case with the verdict so far:
 * `[ 3/18] FAILED        MUST   A3.event.join — p2 did not receive … | so far: NOT CERTIFIED (1 MUST failed)`.
 *
 * @param result The case that just finished.
 * @param index Its 0-based position.
 * @param total How many cases the profile runs.
 * @param soFar Every result so far, this one included (default: just this one).
 */
export function formatProgress(
  result: CertCaseResult,
  index: number,
  total: number,
  soFar: readonly CertCaseResult[] = [result],
): string {
  const width = String(total).length;
  return `[${String(index + 1).padStart(width)}/${total}] ${formatCaseLine(result, soFar)}`;
}

/**
 * One case without its position: `FAILED        MUST   A3.event.join — … | so far: …`. For a
 * case decided before the numbered list (the runner shows them as the run goes).
 */
export function formatCaseLine(
  result: CertCaseResult,
  soFar: readonly CertCaseResult[] = [result],
): string {
  const oneLine = result.message.replace(/\s+/g, " ").trim();
  const msg = oneLine.length > MESSAGE_MAX ? `${oneLine.slice(0, MESSAGE_MAX - 1)}…` : oneLine;
  const verdict = computeVerdict(soFar.includes(result) ? soFar : [...soFar, result]);
  const sofar = verdict.certified
    ? "so far: certified"
    : `so far: NOT CERTIFIED (${verdict.failedMust.length} MUST failed)`;
  return `${result.grade.padEnd(GRADE_WIDTH)} ${result.level.padEnd(6)} ${result.id} — ${msg} | ${sofar}`;
}
