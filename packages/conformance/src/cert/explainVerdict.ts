/**
 * Why a run is NOT CERTIFIED, in one sentence for the verdict line: the run-wide cause when
 * there is one (the app never used the API; the run stopped on a hang or its budget), else the
 * first MUST case that FAILED with its message.
 *
 * @module
 */
import type { CertCaseResult } from "./CertCaseResult.ts";
import { computeVerdict } from "./computeVerdict.ts";
import { usedApis } from "./gradingContext.ts";
import type { RunRecord } from "./RunRecord.ts";

/** Longest cause shown on the verdict line. */
const MAX = 240;

const clip = (s: string): string => {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
};

/**
 * The cause of a NOT CERTIFIED verdict, or `undefined` when the run is certified.
 *
 * @example
 * ```ts
 * explainVerdict(results, record);
 * // "the app made no wemeet call and registered no event listener: ..."
 * ```
 */
export function explainVerdict(
  results: readonly CertCaseResult[],
  record: RunRecord,
): string | undefined {
  const verdict = computeVerdict(results);
  if (verdict.certified) return undefined;
  const { observations, flow } = record;
  const appCalls = flow.trace.some(
    (e) => e.kind === "call" && e.instanceId !== undefined && e.name !== "getEnvironment",
  );
  if (
    !appCalls &&
    observations.handled.length === 0 &&
    usedApis(record).size === 0 &&
    flow.handshakes.some((h) => h.ms !== null)
  )
    return "the app made no wemeet call and registered no event listener: it loads the SDK but never uses it, so it cannot follow a session";
  if (flow.stopped) return clip(flow.stopped.reason);
  const first = results.find((r) => r.id === verdict.failedMust[0]);
  return first ? clip(`${first.id}: ${first.message}`) : undefined;
}
