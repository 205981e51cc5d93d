/**
 * What a certification run records, as plain data: the instrumentation's {@link Observations},
 * the flow's {@link PhaseRecord}s and the simulator trace. The runner (`../node/`) fills it in a
 * browser; the graders of {@link caseGraders} read only this, so they stay pure.
 *
 * @module
 */

import type { Profile } from "./CertCase.ts";
import type { CertScreenshot, Grading } from "./CertCaseResult.ts";
import type { CaseId } from "./certCases.ts";
import type { DigestSample } from "./gradeConvergence.ts";
import type { EventDeliveryObservation } from "./gradeEventDelivery.ts";
import type { HandshakeObservation } from "./gradeReachesHost.ts";
import type { PageError } from "./PageError.ts";
import type { RecordedCall } from "./RecordedCall.ts";

/** A window of wall time `[from, to]`, in ms (the clock of the trace and of page signals). */
export interface TimeWindow {
  /** Start of the window, inclusive (ms, on the clock of the trace and of page signals). */
  from: number;
  /** End of the window, inclusive (same clock and unit as `from`; `Infinity` for open-ended). */
  to: number;
}

/** A page error or console error with its participant and the wall time it arrived. */
export type PageSignal = PageError & { participantId: string; t: number };

/** A request the network fence refused (the first of its origin). */
export interface BlockedRequest {
  url: string;
  participantId?: string;
}

/** The app's own listener ran for an event (reported by the recorder's listener wrapper). */
export interface HandledEvent {
  participantId: string;
  /** The event name, e.g. `collaboration-change`. */
  event: string;
  /** The payload's `action` (`join`), empty when it has none. */
  action: string;
  t: number;
}

/** Everything the instrumentation of the browser saw, apart from the simulator trace. */
export interface Observations {
  /** Uncaught errors and unhandled rejections in app frames, in arrival order. */
  readonly pageErrors: PageSignal[];
  /** `console.error` calls in app frames and failed sub-resource loads. */
  readonly consoleErrors: PageSignal[];
  /** `wemeet` calls as the app made them (before the shim checks anything). */
  readonly appCalls: RecordedCall[];
  /** Each time a listener the app registered ran (bounded like the calls). */
  readonly handled: HandledEvent[];
  /** When an app frame's DOM changed (at most one per 100 ms per frame). */
  readonly reactions: { participantId: string; t: number }[];
  /** Participants whose page requested the SDK (the shim) at least once. */
  readonly sdkRequested: Set<string>;
  /** Requests the network fence refused, one per origin. */
  readonly blocked: Map<string, BlockedRequest>;
}

/** Observations before the browser saw anything (every list and set empty). */
export function emptyObservations(): Observations {
  return {
    pageErrors: [],
    consoleErrors: [],
    appCalls: [],
    handled: [],
    reactions: [],
    sdkRequested: new Set(),
    blocked: new Map(),
  };
}

/** One entry of the simulator trace (`window.yiqiHarness.meeting.trace`). */
export interface SimTraceEntry {
  /** 1-based position in the trace (kept when earlier entries are dropped); names a delivery. */
  seq: number;
  /** When the simulator recorded the entry (ms on the simulator's clock, the clock of {@link TimeWindow}). */
  t: number;
  /** The entry's kind as the simulator writes it, e.g. `call`, `event` or `state`. */
  kind: string;
  /** The participant the entry concerns, when it concerns one. */
  participantId?: string;
  /** The app instance (one open app of one participant) the entry concerns, when it concerns one. */
  instanceId?: string;
  /** A call name (`collaboration.start`), an event name (`collaboration-change`) or a state change (`event.handled`). */
  name: string;
  /** JSON-safe details of the entry (for an event, its payload; for `event.*` reports, `eventSeq` and counts). */
  data: unknown;
}

/** The phases of the flow, in the order they run (`reload` in collab-full only). */
export type PhaseName = "load" | "start" | "join" | "reload" | "leave" | "rejoin" | "end";

/** One finished phase of the flow. */
export interface PhaseRecord {
  name: PhaseName;
  /** From the phase's first action until it settled. */
  window: TimeWindow;
  /** Taken when the phase ended. */
  screenshots: CertScreenshot[];
  /** Grades the phase decided (shown as the run goes), by case id. */
  notes: Partial<Record<CaseId, Grading>>;
  /** `collaboration-change` deliveries observed in the phase. */
  events: EventDeliveryObservation[];
}

/** A joiner's new instance, graded when it opened. */
export interface JoinRecord {
  participantId: string;
  grading: Grading;
}

/** Why a run stopped before its flow ended: an instance that stopped answering, or the budget. */
export interface FlowStop {
  kind: "hang" | "budget";
  /** When it was decided (ms, the trace's clock). */
  at: number;
  /** What happened and what to do, for the case and the verdict line. */
  reason: string;
}

/** What the flow produced. */
export interface FlowRecord {
  /** The phases that ran, in order. */
  phases: PhaseRecord[];
  /** From loading the harness until the drain after the last phase. */
  run: TimeWindow;
  /** Each instance opened while loading (the old-client attendee of collab-full included). */
  handshakes: HandshakeObservation[];
  /** Each joiner of the join phase. */
  joins: JoinRecord[];
  /** `window.yiqiDigest()` readings (collab-full). */
  digests: DigestSample[];
  /** When the last action of the session before the digests happened. */
  lastActionAt: number;
  /** Why the session flow did not run, or null when it did. */
  notRun: string | null;
  /** Why the flow stopped early (a hang, the budget), or null when it ran to its end. */
  stopped: FlowStop | null;
  /** Instances still open at the end, and whether they answered. */
  responsive: ReadonlyMap<string, boolean>;
  /** The simulator trace at the end of the run. */
  trace: readonly SimTraceEntry[];
}

/** Everything a run's cases are graded from. */
export interface RunRecord {
  profile: Profile;
  timeoutMs: number;
  settleMs: number;
  observations: Observations;
  flow: FlowRecord;
}

/** The page errors of `pids` (or every participant) within `w`. */
export function pageErrorsIn(
  signals: readonly PageSignal[],
  pids: readonly string[] | "all",
  w: TimeWindow,
): PageSignal[] {
  return signals.filter(
    (s) => (pids === "all" || pids.includes(s.participantId)) && s.t >= w.from && s.t <= w.to,
  );
}
