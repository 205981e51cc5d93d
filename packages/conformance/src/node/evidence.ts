/**
 * Evidence of a graded case: what a grader's {@link EvidenceRequest} points at, made into the
 * trace excerpts and screenshots a report shows, and the time the case took.
 *
 * @module
 */

import { type CertEvidence, type CertScreenshot, traceExcerpt } from "../cert/CertCaseResult.ts";
import type { EvidenceRequest } from "../cert/caseGraders.ts";
import type { GradingContext } from "../cert/gradingContext.ts";
import type { TimeWindow } from "../cert/RunRecord.ts";

/** Entries per participant in an excerpt. */
const EXCERPT_LIMIT = 30;

/** A case's evidence and the time it took (JUnit's `time`), when measured. */
export interface CaseEvidence {
  evidence: Partial<CertEvidence>;
  durationMs?: number;
}

/**
 * The evidence `request` asks for: for phases, the run's trace and page errors within their
 * windows (all of it when none of them ran), their screenshots, and their span as the case's
 * duration; for entries, an excerpt of those.
 */
export function caseEvidence(
  ctx: GradingContext,
  request: EvidenceRequest | undefined,
): CaseEvidence {
  if (!request) return { evidence: {} };
  if ("entries" in request)
    return {
      evidence: { trace: traceExcerpt(request.entries, { limit: EXCERPT_LIMIT }), screenshots: [] },
      ...(request.span ? { durationMs: request.span.to - request.span.from } : {}),
    };
  const windows = request.phases
    .map((name) => ctx.phase(name)?.window)
    .filter((w): w is TimeWindow => w !== undefined);
  const from = windows.length ? Math.min(...windows.map((w) => w.from)) : undefined;
  const to = windows.length ? Math.max(...windows.map((w) => w.to)) : undefined;
  const screenshots: CertScreenshot[] = request.screenshots.flatMap(
    (name) => ctx.phase(name)?.screenshots ?? [],
  );
  return {
    evidence: {
      trace: traceExcerpt(ctx.excerptEntries, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        limit: EXCERPT_LIMIT,
      }),
      screenshots,
    },
    ...(from !== undefined && to !== undefined ? { durationMs: to - from } : {}),
  };
}
