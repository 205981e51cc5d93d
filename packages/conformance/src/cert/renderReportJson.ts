/**
 * `report.json`: the machine-readable report.
 *
 * @module
 */
import type { ExpectationChange } from "./applyExpectations.ts";
import type { CertEvidence } from "./CertCaseResult.ts";
import { type CertRun, isoTime, SPEC_REVISION } from "./CertRun.ts";
import { computeVerdict, countGrades, type GradeCounts } from "./computeVerdict.ts";
import type { Grade, Level } from "./Grade.ts";

/** The version of the `report.json` layout (bump on incompatible changes). */
export const REPORT_FORMAT = 1;

/** One result in `report.json`. */
export interface ReportJsonResult {
  id: string;
  title: string;
  section: string;
  level: Level;
  grade: Grade;
  message: string;
  evidence: CertEvidence;
  duration_ms?: number;
  /** Present when an expectations file recorded this case. */
  expected?: { grade: Grade; reason: string; status: string };
}

/** The shape of `report.json`. */
export interface ReportJson {
  format: number;
  run_info: {
    yiqi_version: string;
    spec_revision: string;
    app_url: string;
    browser: { name: string; version: string };
    profile: string;
    participants?: number;
    started_at: string;
    ended_at: string;
    duration_ms: number;
    /** The network fence: origins allowed, requests refused (one per origin). */
    network?: {
      allowed: string[];
      blocked: { url: string; participant_id?: string }[];
    };
    /** Wall time of each phase of the run, in run order (decision 0313). */
    phases?: { name: string; ms: number }[];
  };
  verdict: { certified: boolean; label: string; rule: string; failed_must: string[] };
  counts: GradeCounts & { total: number };
  /** Present when an expectations file was applied. */
  expectations?: {
    app?: string;
    changes: ExpectationChange[];
    stale: string[];
    unexpected_failures: string[];
    ci_exit_code: 0 | 1;
  };
  results: ReportJsonResult[];
}

/** The verdict rule, as stated in every report. */
export const VERDICT_RULE = "certified when no MUST case is FAILED";

/** Builds the `report.json` object of a run (see {@link renderReportJson} for the text). */
export function buildReportJson(run: CertRun): ReportJson {
  const verdict = computeVerdict(run.results);
  const started = isoTime(run.info.startedAt);
  const ended = isoTime(run.info.endedAt);
  const duration = Date.parse(ended) - Date.parse(started);
  const exp = run.expectations;
  return {
    format: REPORT_FORMAT,
    run_info: {
      yiqi_version: run.info.yiqiVersion,
      spec_revision: run.info.specRevision ?? SPEC_REVISION,
      app_url: run.info.appUrl,
      browser: { name: run.info.browser.name, version: run.info.browser.version },
      profile: run.info.profile,
      ...(run.info.participants === undefined ? {} : { participants: run.info.participants }),
      started_at: started,
      ended_at: ended,
      duration_ms: Number.isFinite(duration) ? duration : 0,
      ...(run.info.network === undefined
        ? {}
        : {
            network: {
              allowed: [...run.info.network.allowed],
              blocked: run.info.network.blocked.map((b) => ({
                url: b.url,
                ...(b.participantId === undefined ? {} : { participant_id: b.participantId }),
              })),
            },
          }),
      ...(run.info.phases === undefined
        ? {}
        : { phases: run.info.phases.map((p) => ({ name: p.name, ms: Math.round(p.ms) })) }),
    },
    verdict: {
      certified: verdict.certified,
      label: verdict.label,
      rule: VERDICT_RULE,
      failed_must: verdict.failedMust,
    },
    counts: { ...countGrades(run.results), total: run.results.length },
    ...(exp
      ? {
          expectations: {
            ...(exp.app === undefined ? {} : { app: exp.app }),
            changes: exp.changes,
            stale: exp.stale.map((e) => e.id),
            unexpected_failures: exp.unexpectedFailures,
            ci_exit_code: exp.unexpectedFailures.length > 0 ? 1 : 0,
          },
        }
      : {}),
    results: run.results.map((r) => ({
      id: r.id,
      title: r.title,
      section: r.section,
      level: r.level,
      grade: r.grade,
      message: r.message,
      ...(r.ref === undefined ? {} : { ref: r.ref }),
      evidence: r.evidence,
      ...(r.durationMs === undefined ? {} : { duration_ms: r.durationMs }),
      ...(r.expectation
        ? {
            expected: {
              grade: r.expectation.grade,
              reason: r.expectation.reason,
              status: r.expectation.status,
            },
          }
        : {}),
    })),
  };
}

/**
 * Renders `report.json` (pretty-printed, newline-terminated).
 *
 * @example
 * ```ts
 * await Deno.writeTextFile(`${dir}/report.json`, renderReportJson(run));
 * ```
 */
export function renderReportJson(run: CertRun): string {
  return `${JSON.stringify(buildReportJson(run), null, 2)}\n`;
}
