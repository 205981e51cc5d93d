/**
 * The views of a {@link RunRecord} the case graders share, computed once per run: the app's
 * calls, the roles, the start calls and their outcomes, page errors by window, and the trace as
 * evidence entries.
 *
 * @module
 */
import type { Grading, TraceExcerptEntry } from "./CertCaseResult.ts";
import type { CaseId } from "./certCases.ts";
import { Grade } from "./Grade.ts";
import type { EventDeliveryObservation } from "./gradeEventDelivery.ts";
import { apiMetadata } from "./jsapiMetadata.ts";
import { stackLocation } from "./PageError.ts";
import { type RecordedCall, recordedCallsFromTrace } from "./RecordedCall.ts";
import {
  type PageSignal,
  type PhaseName,
  type PhaseRecord,
  pageErrorsIn,
  type RunRecord,
  type SimTraceEntry,
  type TimeWindow,
} from "./RunRecord.ts";

/** What every grader reads. */
export interface GradingContext {
  readonly record: RunRecord;
  readonly trace: readonly SimTraceEntry[];
  /** collab-full (adds cases and the old-client attendee). */
  readonly full: boolean;
  /** UNIMPLEMENTED with why, when the session flow did not run; else null. */
  readonly notRun: Grading | null;
  /** Calls the app made, from the host's record (not `getEnvironment`). */
  readonly calls: readonly RecordedCall[];
  /** Trace entries of calls the app made (they carry an instance id), as evidence entries. */
  readonly appEntries: readonly TraceExcerptEntry[];
  /** The calls whose arguments are judged: as the app made them, else the host's record. */
  readonly argCalls: readonly RecordedCall[];
  /** Each participant's role (1 host, 2 co-host, 3 attendee) from `participant.added`. */
  readonly roles: ReadonlyMap<string, number>;
  /** `collaboration.start` calls the app made itself. */
  readonly startCalls: readonly SimTraceEntry[];
  /** Page errors as evidence entries. */
  readonly pageErrorEntries: readonly TraceExcerptEntry[];
  /** The trace and the page errors as evidence entries, in time order. */
  readonly excerptEntries: readonly TraceExcerptEntry[];
  /** The phase `name`, if it ran. */
  phase(name: PhaseName): PhaseRecord | undefined;
  /** The grade a phase decided for `id`; UNIMPLEMENTED when the flow did not get there. */
  note(id: CaseId): Grading;
  /** Every delivery of `collaboration-change action`, in the order the phases ran. */
  events(action: string): EventDeliveryObservation[];
  /** Page errors of `pids` (or all) within `w`. */
  errorsOf(pids: readonly string[] | "all", w: TimeWindow): PageSignal[];
  /** Page errors of `pid` from `t` until the settle time after it (at least 1.5 s). */
  after(pid: string, t: number): PageSignal[];
  /** The result or error that answered `call`. */
  outcomeOf(call: SimTraceEntry): SimTraceEntry | undefined;
}

/** A plain object (not null, not an array): a trace entry's `data` before its fields are read. */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A trace entry as evidence (the fields a report shows). */
export const toExcerpt = (e: SimTraceEntry): TraceExcerptEntry => ({
  t: e.t,
  kind: e.kind,
  name: e.name,
  data: e.data,
  ...(e.participantId === undefined ? {} : { participantId: e.participantId }),
});

/** The APIs (`collaboration.start`) the app was seen to call, by the host or by the recorder. */
export function usedApis(record: RunRecord): Set<string> {
  return new Set(
    [
      ...record.flow.trace
        .filter((e) => e.kind === "call" && e.instanceId !== undefined)
        .map((e) => e.name),
      ...record.observations.appCalls.map((c) => c.method),
    ]
      .map((name) => apiMetadata(name)?.api)
      .filter((a): a is string => a !== undefined),
  );
}

/** Builds the {@link GradingContext} of `record`. */
export function gradingContext(record: RunRecord): GradingContext {
  const { trace, phases } = record.flow;
  const signals = record.observations.pageErrors;
  // Page errors sit in the excerpts with the simulator's entries, in time order.
  // Each carries where it was thrown (`at`, file:line:column) and the stack, when the page gave one.
  const pageErrorEntries: TraceExcerptEntry[] = signals.map((s) => {
    const error = s.name && !s.message.startsWith(s.name) ? `${s.name}: ${s.message}` : s.message;
    const at = stackLocation(s.stack);
    return {
      t: s.t,
      kind: "pageerror",
      name: s.kind ?? "uncaught",
      data: s.stack ? { error, ...(at ? { at } : {}), stack: s.stack.slice(0, 2000) } : error,
      participantId: s.participantId,
    };
  });
  const excerptEntries = [...trace.map(toExcerpt), ...pageErrorEntries].sort((a, b) => a.t - b.t);
  // Calls the app made (not the client UI's `ui.*`): they carry an instance id.
  const appEntries = trace.filter((e) => e.instanceId !== undefined).map(toExcerpt);
  const calls = recordedCallsFromTrace(appEntries).filter((c) => c.method !== "getEnvironment");
  const { appCalls } = record.observations;
  const roles = new Map<string, number>();
  for (const e of trace)
    if (e.name === "participant.added" && isObject(e.data) && typeof e.data.role === "number")
      roles.set(e.participantId ?? "", e.data.role);
  const errorsOf = (pids: readonly string[] | "all", w: TimeWindow): PageSignal[] =>
    pageErrorsIn(signals, pids, w);
  return {
    record,
    trace,
    full: record.profile === "collab-full",
    notRun: record.flow.notRun ? { grade: Grade.UNIMPLEMENTED, message: record.flow.notRun } : null,
    calls,
    appEntries,
    // Arguments are judged as the app passed them (the shim refuses bad ones before the host
    // sees them); the host's record is the fallback for an app whose calls were not observed.
    argCalls: appCalls.length > 0 ? appCalls : calls,
    roles,
    startCalls: trace.filter(
      (e) => e.kind === "call" && e.name === "collaboration.start" && e.instanceId !== undefined,
    ),
    pageErrorEntries,
    excerptEntries,
    phase: (name) => phases.find((p) => p.name === name),
    note: (id) => {
      for (const p of phases) {
        const g = p.notes[id];
        if (g) return g;
      }
      return { grade: Grade.UNIMPLEMENTED, message: "not run: the session did not get this far" };
    },
    events: (action) => phases.flatMap((p) => p.events.filter((o) => o.action === action)),
    errorsOf,
    after: (pid, t) => errorsOf([pid], { from: t, to: t + Math.max(record.settleMs, 500) + 1000 }),
    outcomeOf: (call) =>
      trace.find(
        (e) =>
          e.seq > call.seq &&
          (e.kind === "result" || e.kind === "error") &&
          e.name === call.name &&
          e.instanceId === call.instanceId,
      ),
  };
}
