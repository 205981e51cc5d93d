/**
 * The result of one certification case, with its evidence.
 *
 * @module
 */
import type { CertCase, SpecSection } from "./CertCase.ts";
import { type Grade, type Level, normalizeGrade } from "./Grade.ts";

/**
 * One trace entry as evidence. Deliberately generic (the harness trace has more fields, e.g.
 * `seq`, `spec`, `instanceId`; they are kept when present in `data` or dropped).
 */
export interface TraceExcerptEntry {
  /** Time in ms (the simulator clock, or ms since the run started). */
  t: number;
  /** `call`, `result`, `error`, `event`, `state`, or a page signal (`pageerror`, `console`). */
  kind: string;
  /** A call name (`collaboration.start`), an event name, or a state change. */
  name: string;
  /** JSON-safe details. */
  data?: unknown;
  /** The participant the entry belongs to, when any. */
  participantId?: string;
}

/** A screenshot taken for a case. */
export interface CertScreenshot {
  /** File name relative to the report directory (`screenshots/A3.join-p2.png`). */
  file: string;
  /** Whose view it shows. */
  participantId?: string;
  /** What it shows. */
  caption?: string;
}

/** What a case result points at. */
export interface CertEvidence {
  /** An excerpt of the trace per participant id (`meeting` for entries with no participant). */
  trace: Record<string, TraceExcerptEntry[]>;
  /** Screenshots, by file name relative to the report directory. */
  screenshots: CertScreenshot[];
}

/** The graded outcome of one case. */
export interface CertCaseResult {
  id: string;
  title: string;
  section: SpecSection;
  level: Level;
  /** Always one of the level's allowed grades (see `allowedGrades`). */
  grade: Grade;
  /** Why this grade, in one or two sentences an app developer can act on. */
  message: string;
  evidence: CertEvidence;
  /** Wall time the case took, when measured. */
  durationMs?: number;
  /** Where the rule is documented (`docs/reference/collaboration.md#session-flow`). */
  ref?: string;
}

/** What a grading helper returns: a grade and why. */
export interface Grading {
  grade: Grade;
  message: string;
}

/** The trace key for entries without a participant. */
export const MEETING_TRACE_KEY = "meeting";

/**
 * Builds the result of `c` from a {@link Grading}, normalising the grade onto the case's level
 * (a violation of a MUST is `FAILED`, of a SHOULD `NON-STRICT`, of a MAY `INFORMATIONAL`).
 *
 * @example
 * ```ts
 * const r = certResult(c, gradeNoUncaughtErrors(errors), { trace: traceExcerpt(entries) });
 * ```
 */
export function certResult(
  c: CertCase,
  grading: Grading,
  evidence: Partial<CertEvidence> = {},
  durationMs?: number,
): CertCaseResult {
  return {
    id: c.id,
    title: c.title,
    section: c.section,
    level: c.level,
    grade: normalizeGrade(c.level, grading.grade),
    message: grading.message,
    evidence: { trace: evidence.trace ?? {}, screenshots: evidence.screenshots ?? [] },
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(c.ref === undefined ? {} : { ref: c.ref }),
  };
}

/** Options of {@link traceExcerpt}. */
export interface TraceExcerptOptions {
  /** Keep entries at or after this time. */
  from?: number;
  /** Keep entries at or before this time. */
  to?: number;
  /** Keep only entries with these names (exact, or a prefix ending in `.` or `*`). */
  names?: readonly string[];
  /** At most this many entries per participant, the latest kept (default 50). */
  limit?: number;
}

/**
 * Groups trace entries by participant (entries without one go under {@link MEETING_TRACE_KEY})
 * and cuts them to a window, for a case's evidence.
 *
 * @example
 * ```ts
 * traceExcerpt(trace.entries(), { from: startedAt, names: ["collaboration."] });
 * // { p1: [...], p2: [...], meeting: [...] }
 * ```
 */
export function traceExcerpt(
  entries: readonly TraceExcerptEntry[],
  options: TraceExcerptOptions = {},
): Record<string, TraceExcerptEntry[]> {
  const limit = options.limit ?? 50;
  const matches = (name: string): boolean =>
    options.names === undefined ||
    options.names.some((n) =>
      n.endsWith("*")
        ? name.startsWith(n.slice(0, -1))
        : n.endsWith(".")
          ? name.startsWith(n)
          : name === n,
    );
  const out: Record<string, TraceExcerptEntry[]> = {};
  for (const e of entries) {
    if (options.from !== undefined && e.t < options.from) continue;
    if (options.to !== undefined && e.t > options.to) continue;
    if (!matches(e.name)) continue;
    const key = e.participantId ?? MEETING_TRACE_KEY;
    const entry: TraceExcerptEntry = { t: e.t, kind: e.kind, name: e.name };
    if (e.data !== undefined) entry.data = e.data;
    if (e.participantId !== undefined) entry.participantId = e.participantId;
    const list = out[key];
    if (list) list.push(entry);
    else out[key] = [entry];
  }
  for (const key of Object.keys(out)) {
    const list = out[key] ?? [];
    if (list.length > limit) out[key] = list.slice(list.length - limit);
  }
  return out;
}
