/**
 * Grading a finished run: the profile's cases (with the negative cases generated for the APIs
 * the app used, in collab-full), each graded by its entry in `caseGraders` or, when generated,
 * from its scenario; one progress line per case.
 *
 * @module
 */

import type { CertCase } from "../cert/CertCase.ts";
import { type CertCaseResult, certResult } from "../cert/CertCaseResult.ts";
import { type CaseGrader, caseGraders } from "../cert/caseGraders.ts";
import { casesForProfile, isCaseId } from "../cert/certCases.ts";
import { formatProgress } from "../cert/formatProgress.ts";
import { gradeObservedNegative } from "../cert/gradeObservedNegative.ts";
import { type GradingContext, gradingContext, usedApis } from "../cert/gradingContext.ts";
import type { RunRecord } from "../cert/RunRecord.ts";
import { caseEvidence } from "./evidence.ts";

/** Grades every case of `record`'s profile, in catalogue order. */
export function gradeRun(record: RunRecord, progress: (line: string) => void): CertCaseResult[] {
  const ctx = gradingContext(record);
  const cases = casesForProfile(record.profile, ctx.full ? { usedApis: usedApis(record) } : {});
  const results: CertCaseResult[] = [];
  // The tally continues from the grades shown while the run went (the phases' decided cases):
  // starting the numbered list from nothing made "so far" drop back to certified.
  const shown = new Map<string, CertCaseResult>();
  for (const p of record.flow.phases)
    for (const [id, g] of Object.entries(p.notes)) {
      const c = cases.find((x) => x.id === id);
      if (c && g) shown.set(id, certResult(c, g));
    }
  progress(`· every case of ${record.profile}:`);
  cases.forEach((c, i) => {
    const r = gradeCase(c, ctx);
    results.push(r);
    shown.delete(r.id);
    progress(formatProgress(r, i, cases.length, [...shown.values(), ...results]));
  });
  return results;
}

/** One case's result with its evidence. */
function gradeCase(c: CertCase, ctx: GradingContext): CertCaseResult {
  if (c.negative) return certResult(c, gradeObservedNegative(c.negative, ctx));
  // The table covers every catalogue id (tsc checks it); anything else is a bug in Yiqi.
  if (!isCaseId(c.id)) throw new Error(`no grader for case ${c.id}`);
  const grader: CaseGrader = caseGraders[c.id];
  const { grading, evidence: request } = grader(ctx);
  const { evidence, durationMs } = caseEvidence(ctx, request);
  return certResult(c, grading, evidence, durationMs);
}
