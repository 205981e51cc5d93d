/**
 * What the phases of the flow share: the harness page, the observations, the options, the
 * phases recorded so far, and the steps every phase uses (bounded waits, the settle time,
 * screenshots, event delivery, a participant's new instance).
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type CertCaseResult, certResult, type Grading } from "../../cert/CertCaseResult.ts";
import type { CertRunPhase } from "../../cert/CertRun.ts";
import { type CaseId, certCases } from "../../cert/certCases.ts";
import { type HandlingReport, handlingReports } from "../../cert/eventHandling.ts";
import { formatCaseLine } from "../../cert/formatProgress.ts";
import { Grade } from "../../cert/Grade.ts";
import type { DigestSample } from "../../cert/gradeConvergence.ts";
import type { EventDeliveryObservation } from "../../cert/gradeEventDelivery.ts";
import { gradeNoUncaughtErrors } from "../../cert/gradeNoUncaughtErrors.ts";
import { isObject } from "../../cert/gradingContext.ts";
import {
  type JoinRecord,
  type Observations,
  type PageSignal,
  type PhaseName,
  type PhaseRecord,
  pageErrorsIn,
  type SimTraceEntry,
  type TimeWindow,
} from "../../cert/RunRecord.ts";
import type { HarnessPage } from "../harnessPage.ts";
import type { RunConfig } from "../options.ts";
import { appFrames, settleWithin } from "./settle.ts";
import type { Watchdog } from "./watchdog.ts";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A participant's new app instance (its `instance.opened` entry), or why none came. */
export type Opened = { entry: SimTraceEntry } | { problem: string };

/** The state of one run of the flow. */
export class FlowContext {
  /** The phases that ended, in order. */
  readonly phases: PhaseRecord[] = [];
  /** `p1` (the host) .. `pN`. */
  readonly pids: string[];
  readonly joins: JoinRecord[] = [];
  readonly digests: DigestSample[] = [];
  lastActionAt = 0;
  /** What the flow is doing now (`join`), for the watchdog's messages. */
  doing = "loading";
  /** Participants whose setup steps (`--setup`) finished at least once, and the last failures. */
  readonly setupDone: Set<string> = new Set();
  readonly setupProblems: Map<string, string> = new Map();
  /** Set by `runFlow`: stops the flow when an instance hangs or the budget runs out. */
  watchdog: Watchdog | undefined;
  /** Wall time of each phase so far (`run_info.phases`, decision 0313). */
  readonly timings: CertRunPhase[] = [];
  /** When the end phase saw every joined instance close (the drain counts from here). */
  endedAt: number | undefined;
  /** Whether the end's event has been handled (or reacted to) everywhere, set by the end phase. */
  endResponded: ((trace: readonly SimTraceEntry[]) => boolean) | undefined;

  constructor(
    readonly harness: HarnessPage,
    readonly observations: Observations,
    readonly cfg: RunConfig,
  ) {
    this.pids = Array.from({ length: cfg.participants }, (_, i) => `p${i + 1}`);
  }

  /** True once the watchdog stopped the run: the phases still awaiting something give up. */
  get stopped(): boolean {
    return this.watchdog?.stop != null;
  }

  /** Writes one progress line (none once the run stopped: a stale phase has nothing to say). */
  progress(line: string): void {
    if (!this.stopped) this.cfg.progress(line);
  }

  /** Polls `check` until it returns a value (not undefined) or the step timeout passes. */
  async waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    timeoutMs: number = this.cfg.timeoutMs,
  ): Promise<{ value: T } | { timedOut: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.stopped) return { timedOut: `the run stopped while waiting for ${what}` };
      const v = await check();
      if (v !== undefined) return { value: v };
      if (Date.now() >= deadline)
        return { timedOut: `timed out after ${timeoutMs / 1000} s waiting for ${what}` };
      await sleep(50);
    }
  }

  /** Runs `step` and records its wall time as the phase `name`. */
  async timed<T>(name: string, step: () => Promise<T>): Promise<T> {
    const from = performance.now();
    try {
      return await step();
    } finally {
      this.timings.push({ name, ms: performance.now() - from });
    }
  }

  /**
   * Watches for errors after an action: until `evidence` holds and every instance went quiet
   * (`settle.ts`), at most the settle time; at once when the run stopped.
   */
  settle(evidence?: (trace: readonly SimTraceEntry[]) => boolean): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return settleWithin(
      {
        trace: () => this.harness.trace(),
        observations: this.observations,
        frames: () => appFrames(this.harness.page.frames()),
        stopped: () => this.stopped,
      },
      this.cfg.settleMs,
      evidence,
    );
  }

  /**
   * Settles after `o`: its evidence is every expected participant handling the event or
   * reacting (what the event cases grade) since `since`.
   */
  settleAfter(o: EventDeliveryObservation, since: number): Promise<void> {
    return this.settle(this.respondedTo(o, since));
  }

  /**
   * Whether, in a trace, every expected participant of `o` handled the event or reacted since
   * `since` (a client that reports handling: once its report arrived, decision 0306).
   */
  respondedTo(
    o: EventDeliveryObservation,
    since: number,
  ): (trace: readonly SimTraceEntry[]) => boolean {
    return (trace) => {
      const r = this.responders(o, { from: since, to: Number.POSITIVE_INFINITY }, trace);
      const reported = (p: string): boolean | undefined => {
        const mine = r.reports.filter((x) => x.participantId === p);
        return mine.length === 0 ? undefined : mine.every((x) => x.listeners !== null);
      };
      return o.expected.every(
        (p) => reported(p) ?? (r.handled.includes(p) || r.reacted.includes(p)),
      );
    };
  }

  /** Page errors of `pids` (or all) within `w`. */
  errorsOf(pids: readonly string[] | "all", w: TimeWindow): PageSignal[] {
    return pageErrorsIn(this.observations.pageErrors, pids, w);
  }

  /** Records a finished phase. */
  record(
    name: PhaseName,
    window: TimeWindow,
    events: EventDeliveryObservation[] = [],
  ): PhaseRecord {
    const phase: PhaseRecord = { name, window, screenshots: [], notes: {}, events };
    // A phase that finishes after the run stopped is not part of the record that was graded.
    if (!this.stopped) this.phases.push(phase);
    this.doing = `the step after ${name}`;
    return phase;
  }

  /**
   * Records the grade of a case decided in `phase` and shows it at once, with the verdict so far
   * (the numbered list of every case follows when the run ends).
   */
  decided(phase: PhaseRecord, id: CaseId, grading: Grading): void {
    if (this.stopped) return;
    phase.notes[id] = grading;
    const asResult = (k: string, g: Grading): CertCaseResult[] => {
      const c = certCases.find((x) => x.id === k);
      return c ? [certResult(c, g)] : [];
    };
    const [result] = asResult(id, grading);
    if (!result) return;
    const soFar = this.phases.flatMap((p) =>
      Object.entries(p.notes).flatMap(([k, g]) => (g ? asResult(k, g) : [])),
    );
    this.progress(`  ${formatCaseLine(result, soFar)}`);
  }

  /** Saves a screenshot of the harness as evidence of `phase` (only with a report directory). */
  async snap(phase: PhaseRecord, name: string, caption: string): Promise<void> {
    // A page whose app renderer spins cannot be captured; the run stopped anyway.
    if (!this.cfg.reportDir || this.stopped) return;
    const file = `screenshots/${name}.png`;
    try {
      mkdirSync(join(this.cfg.reportDir, "screenshots"), { recursive: true });
      await this.harness.screenshot(
        join(this.cfg.reportDir, file),
        Math.min(this.cfg.timeoutMs, 10_000),
      );
      phase.screenshots.push({ file, caption });
    } catch {
      // A screenshot is evidence, not a verdict: a page that cannot be captured is still graded.
    }
  }

  /** The newest `instance.opened` of `pid` at or after `since`. */
  openedSince(
    entries: readonly SimTraceEntry[],
    pid: string,
    since: number,
  ): SimTraceEntry | undefined {
    return entries
      .filter(
        (e) =>
          e.kind === "state" &&
          e.name === "instance.opened" &&
          e.participantId === pid &&
          e.t >= since,
      )
      .at(-1);
  }

  /** Waits until every `expected` participant received `action` after `since`. */
  async observeEvent(
    action: string,
    expected: readonly string[],
    since: number,
  ): Promise<EventDeliveryObservation> {
    let received: string[] = [];
    await this.waitFor(`collaboration-change ${action} at ${expected.join(", ")}`, async () => {
      const entries = await this.harness.trace();
      received = [
        ...new Set(
          entries
            .filter(
              (e) =>
                e.kind === "event" &&
                e.name === "collaboration-change" &&
                e.t >= since &&
                isObject(e.data) &&
                e.data.action === action &&
                e.participantId !== undefined,
            )
            .map((e) => e.participantId as string),
        ),
      ];
      return expected.every((p) => received.includes(p)) ? true : undefined;
    });
    return { action, expected, received, handled: [], reacted: [], errors: [] };
  }

  /**
   * `o` with what followed within `w`: the expected participants whose app listener ran for the
   * action, those whose instance reacted (a DOM change, a call), and their page errors.
   */
  async withErrors(o: EventDeliveryObservation, w: TimeWindow): Promise<EventDeliveryObservation> {
    return {
      ...o,
      ...this.responders(o, w, await this.harness.trace()),
      errors: this.errorsOf(o.expected, w),
    };
  }

  /**
   * What the clients of `o`'s expected participants reported about handling its action within
   * `w` (decision 0306), and the fallback for clients that predate reports: those whose app
   * listener the recorder saw run, and those whose instance reacted (a DOM change, a call).
   */
  private responders(
    o: EventDeliveryObservation,
    w: TimeWindow,
    trace: readonly SimTraceEntry[],
  ): { handled: string[]; reacted: string[]; reports: HandlingReport[] } {
    const within = (x: { t: number }): boolean => x.t >= w.from && x.t <= w.to;
    const ran = this.observations.handled.filter(
      (h) => h.event === "collaboration-change" && h.action === o.action && within(h),
    );
    const calls = trace.filter((e) => e.kind === "call" && e.instanceId !== undefined && within(e));
    const reactions = [...this.observations.reactions.filter(within), ...calls];
    return {
      handled: o.expected.filter((p) => ran.some((h) => h.participantId === p)),
      reacted: o.expected.filter((p) => reactions.some((r) => r.participantId === p)),
      reports: handlingReports(o, w, trace),
    };
  }

  /** Waits for `pid`'s new instance after `since` (a join, a rejoin, a reload). */
  async newInstance(pid: string, since: number): Promise<Opened> {
    const r = await this.waitFor(`${pid}'s new app instance to reach the host`, async () =>
      this.openedSince(await this.harness.trace(), pid, since),
    );
    return "value" in r ? { entry: r.value } : { problem: r.timedOut };
  }

  /** Grades a new instance: reached the host, runs in inCollaboration, no page error. */
  gradeNewInstance(pid: string, opened: Opened, w: TimeWindow, what: string): Grading {
    if ("problem" in opened)
      return { grade: Grade.FAILED, message: `${pid}'s ${what}: ${opened.problem}` };
    const data = opened.entry.data;
    const scene = isObject(data) ? data.scene : undefined;
    const errors = this.errorsOf([pid], w);
    if (scene !== "inCollaboration")
      return {
        grade: Grade.FAILED,
        message: `${pid}'s ${what} opened in scene ${String(scene)}, not inCollaboration`,
      };
    if (errors.length > 0) return gradeNoUncaughtErrors(errors, `in ${pid}'s ${what}`);
    return {
      grade: Grade.OK,
      message: `${pid}'s ${what} reached the host at ${String(isObject(data) ? data.url : "?")} in scene inCollaboration with no page error`,
    };
  }
}
