/**
 * How each hand-written case is graded from a run: one pure grader per case id. The table
 * is a `Record<CaseId, CaseGrader>`, so a case added to (or renamed in) the catalogue
 * without a grader here fails `tsc` instead of falling through to "not graded".
 *
 * @module
 */
import type { Grading, TraceExcerptEntry } from "./CertCaseResult.ts";
import type { CaseId } from "./certCases.ts";
import { Grade } from "./Grade.ts";
import { gradeAppStart } from "./gradeAppStart.ts";
import { gradeArgumentsMatchSpec } from "./gradeArgumentsMatchSpec.ts";
import { gradeConvergence } from "./gradeConvergence.ts";
import { gradeEventDelivery } from "./gradeEventDelivery.ts";
import { gradeNoUncaughtErrors } from "./gradeNoUncaughtErrors.ts";
import { gradeReachesHost } from "./gradeReachesHost.ts";
import { gradeResponsive } from "./gradeResponsive.ts";
import { gradeUnknownCalls } from "./gradeUnknownCalls.ts";
import { type GradingContext, isObject } from "./gradingContext.ts";
import type { PhaseName, TimeWindow } from "./RunRecord.ts";

/**
 * The evidence a case points at: the trace within some phases' windows (the whole trace when
 * none ran) and their screenshots, the case taking the time of those phases; or entries of its
 * own, optionally timed by a window.
 */
export type EvidenceRequest =
  | { phases: readonly PhaseName[]; screenshots: readonly PhaseName[] }
  | { entries: readonly TraceExcerptEntry[]; span?: TimeWindow };

/** A grade, why, and the evidence to attach (none when absent). */
export interface CaseGrading {
  grading: Grading;
  evidence?: EvidenceRequest;
}

/** Grades one case from a run. */
export type CaseGrader = (ctx: GradingContext) => CaseGrading;

const unimplemented = (message: string): Grading => ({ grade: Grade.UNIMPLEMENTED, message });

/** The phases' trace and their own screenshots. */
const phases = (...names: PhaseName[]): EvidenceRequest => ({ phases: names, screenshots: names });

/** A case the flow decided (the phase's note), or UNIMPLEMENTED when the flow did not run. */
const decidedIn =
  (id: CaseId, evidence: EvidenceRequest): CaseGrader =>
  (ctx) => ({ grading: ctx.notRun ?? ctx.note(id), evidence });

/** Every open instance received `collaboration-change action` and survived it. */
const eventDelivered =
  (action: "start" | "join" | "leave" | "end", evidence: EvidenceRequest): CaseGrader =>
  (ctx) => ({ grading: ctx.notRun ?? gradeEventDelivery(ctx.events(action)), evidence });

/** A start case, graded only from starts the app made itself. */
const appStart =
  (id: Parameters<typeof gradeAppStart>[0]): CaseGrader =>
  (ctx) => ({
    grading: gradeAppStart(id, ctx),
    // The start phase took no screenshot of its own name: only the load's is shown.
    evidence: { phases: ["load", "start"], screenshots: ["load"] },
  });

/**
 * The grader of every hand-written case. Typed `Record<CaseId, CaseGrader>`: a catalogue id
 * missing here, or an id here that is not in the catalogue, is a type error.
 */
export const caseGraders: Readonly<Record<CaseId, CaseGrader>> = {
  "A1.load.no-uncaught-error": (ctx) => {
    const load = ctx.phase("load");
    return {
      grading: gradeNoUncaughtErrors(load ? ctx.errorsOf("all", load.window) : []),
      evidence: phases("load"),
    };
  },
  "A1.load.reaches-host": (ctx) => ({
    grading: gradeReachesHost(ctx.record.flow.handshakes, ctx.record.timeoutMs),
    evidence: phases("load"),
  }),
  "A1.load.no-console-error": (ctx) => {
    const w = ctx.phase("load")?.window;
    const errs = w
      ? ctx.record.observations.consoleErrors.filter((s) => s.t >= w.from && s.t <= w.to)
      : [];
    return {
      grading:
        errs.length === 0
          ? { grade: Grade.OK, message: "no console error while loading" }
          : {
              grade: Grade.NON_STRICT,
              message: `${errs.length} console error(s) while loading: ${errs
                .slice(0, 3)
                .map((e) => `${e.participantId}: ${e.message}`)
                .join("; ")}`,
            },
      evidence: phases("load"),
    };
  },
  "A2.args.match-spec": (ctx) => ({
    grading: gradeArgumentsMatchSpec(ctx.argCalls),
    // The calls as the app made them, per participant (functions shown as "function").
    evidence: {
      entries: ctx.argCalls.map((c) => ({
        t: c.t ?? 0,
        kind: "call",
        name: c.method,
        data: JSON.parse(
          JSON.stringify(c.args, (_k, v) => (typeof v === "function" ? "function" : v)),
        ) as unknown,
        ...(c.participantId === undefined ? {} : { participantId: c.participantId }),
      })),
    },
  }),
  "A2.start.status-handled": appStart("A2.start.status-handled"),
  "A3.start.host-succeeds": decidedIn("A3.start.host-succeeds", {
    phases: ["start"],
    screenshots: ["start"],
  }),
  "A3.event.start": eventDelivered("start", phases("start")),
  "A3.event.join": eventDelivered("join", { phases: ["join", "rejoin"], screenshots: ["join"] }),
  "A3.event.leave": eventDelivered("leave", phases("leave")),
  "A3.event.end": eventDelivered("end", phases("end")),
  "A3.join.session-url": (ctx) => {
    if (ctx.notRun) return { grading: ctx.notRun };
    const { joins } = ctx.record.flow;
    const bad = joins.filter((j) => j.grading.grade !== Grade.OK);
    return {
      grading:
        joins.length === 0
          ? unimplemented("nobody joined in this run")
          : bad.length > 0
            ? { grade: Grade.FAILED, message: bad.map((b) => b.grading.message).join("; ") }
            : {
                grade: Grade.OK,
                message: `${joins.length} joiner(s) opened the session URL, reached the host and run in scene inCollaboration with no page error`,
              },
      evidence: phases("join"),
    };
  },
  "A3.start.canceled-handled": appStart("A3.start.canceled-handled"),
  "A3.start.attendee-rejected": appStart("A3.start.attendee-rejected"),
  "A3.start.failed-handled": appStart("A3.start.failed-handled"),
  "A3.session.no-uncaught-error": (ctx) => {
    const { run } = ctx.record.flow;
    return {
      grading: gradeNoUncaughtErrors(
        ctx.errorsOf("all", run),
        "in any instance during the session",
      ),
      evidence: { entries: ctx.pageErrorEntries, span: run },
    };
  },
  "A3.session.responsive": (ctx) => ({
    grading: gradeResponsive(ctx.record.flow),
    evidence: { entries: ctx.pageErrorEntries, span: ctx.record.flow.run },
  }),
  "A3.leave.closes-cleanly": decidedIn("A3.leave.closes-cleanly", phases("leave")),
  "A3.leave.rejoin": decidedIn("A3.leave.rejoin", phases("rejoin")),
  "A3.end.closes-all": decidedIn("A3.end.closes-all", phases("end")),
  "A3.end.no-calls-after-close": (ctx) => {
    if (ctx.notRun) return { grading: ctx.notRun };
    const late = ctx.trace.filter(
      (e) => e.kind === "error" && isObject(e.data) && e.data.code === "INSTANCE_CLOSED",
    );
    return {
      grading:
        late.length === 0
          ? { grade: Grade.OK, message: "no call arrived from a closed instance during the run" }
          : {
              grade: Grade.NON_STRICT,
              message: `${late.length} call(s) from closed instances: ${late
                .slice(0, 3)
                .map((e) => `${e.participantId}: ${e.name}`)
                .join("; ")}`,
            },
      // The leave and end phases took no screenshot under their own names: none is shown.
      evidence: { phases: ["leave", "end"], screenshots: [] },
    };
  },
  "A3.reload.recovers": decidedIn("A3.reload.recovers", phases("reload")),
  "A3.convergence.digest": (ctx) => {
    if (ctx.notRun) return { grading: ctx.notRun };
    const { digests, lastActionAt } = ctx.record.flow;
    return {
      grading: gradeConvergence(digests, Math.min(ctx.record.timeoutMs, 5000), { lastActionAt }),
      evidence: phases("rejoin"),
    };
  },
  "A4.unknown.calls-listed": (ctx) => {
    if (ctx.calls.length === 0)
      return { grading: unimplemented("the app made no wemeet call at all; nothing to list") };
    const g = gradeUnknownCalls(ctx.calls);
    return {
      grading: { grade: g.grade, message: g.message },
      evidence: {
        entries: ctx.appEntries.filter(
          (e) => e.kind === "call" && isObject(e.data) && e.data.unknown === true,
        ),
      },
    };
  },
  "A4.unknown.survives-rejection": (ctx) => {
    const unknown = ctx.trace.filter(
      (e) => e.kind === "call" && isObject(e.data) && e.data.unknown === true,
    );
    if (unknown.length === 0)
      return { grading: unimplemented("the app made no call outside the emulated surface") };
    const errs = unknown.flatMap((e) => ctx.after(e.participantId ?? "", e.t));
    return {
      grading:
        errs.length > 0
          ? gradeNoUncaughtErrors(errs, "after an unknown call was rejected")
          : {
              grade: Grade.OK,
              message: `${unknown.length} unknown call(s) rejected NOT_EMULATED; the app survived`,
            },
    };
  },
};
