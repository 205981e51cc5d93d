/**
 * When a phase has settled (decision 0313): the settle time after an action is an upper bound,
 * not a fixed sleep. A phase settles as soon as its evidence arrived (every instance an event was
 * delivered to handled it or reacted), every instance went quiet (no call, result, DOM change,
 * listener run, page error or console error for {@link QUIET_MS}) and a round trip to every app
 * frame came back with nothing new (whatever the renderer sent before its answer has arrived).
 * When that does not happen within the settle time, the settle time is what it waits, as before.
 *
 * @module
 */
import type { Frame } from "playwright-core";
import type { Observations, SimTraceEntry } from "../../cert/RunRecord.ts";
import { participantOfUrl } from "../participantOfUrl.ts";

/** How long every instance must have been quiet before a phase can settle early. */
export const QUIET_MS = 150;
/** How often a settling phase looks again. */
export const SETTLE_POLL_MS = 50;

/** What settling reads: the trace, the observations, the app frames. */
export interface SettleSource {
  /** The simulator trace so far. */
  trace(): Promise<readonly SimTraceEntry[]>;
  readonly observations: Observations;
  /** The app frames open now. */
  frames(): readonly Frame[];
  /** True once the run stopped (a hang, the budget): settling gives up at once. */
  stopped(): boolean;
  /** The clock (default: `Date.now` and `setTimeout`); tests pass a virtual one. */
  clock?: SettleClock;
}

/** What settling reads the time from and waits with. */
export interface SettleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const REAL_CLOCK: SettleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

const newest = (xs: readonly { t: number }[]): number => xs.at(-1)?.t ?? 0;

/** When anything last happened in any instance (ms), as far as Node has heard. */
export function lastActivity(trace: readonly SimTraceEntry[], o: Observations): number {
  return Math.max(
    newest(trace),
    newest(o.pageErrors),
    newest(o.consoleErrors),
    newest(o.handled),
    newest(o.reactions),
    o.appCalls.reduce((t, c) => Math.max(t, c.t ?? 0), 0),
  );
}

/** How many signals Node has heard so far (a change means something new arrived). */
function heard(trace: readonly SimTraceEntry[], o: Observations): number {
  return (
    (trace.at(-1)?.seq ?? 0) +
    o.pageErrors.length +
    o.consoleErrors.length +
    o.handled.length +
    o.reactions.length +
    o.appCalls.length
  );
}

/** Every app frame evaluates `true` (or `ms` passes): the renderer's earlier messages arrived. */
async function roundTrip(frames: readonly Frame[], ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.all(frames.map((f) => f.evaluate(() => true).catch(() => false))),
    new Promise((r) => {
      timer = setTimeout(r, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Waits until the phase settled or `settleMs` passed (see the module). `evidence` (default:
 * none needed) is asked with the trace on every look.
 */
export async function settleWithin(
  src: SettleSource,
  settleMs: number,
  evidence: (trace: readonly SimTraceEntry[]) => boolean = () => true,
): Promise<void> {
  const clock = src.clock ?? REAL_CLOCK;
  const deadline = clock.now() + settleMs;
  for (;;) {
    if (src.stopped()) return;
    const left = deadline - clock.now();
    if (left <= 0) return;
    const trace = await src.trace();
    if (evidence(trace) && clock.now() - lastActivity(trace, src.observations) >= QUIET_MS) {
      const before = heard(trace, src.observations);
      await roundTrip(src.frames(), left);
      if (heard(await src.trace(), src.observations) === before) return;
      continue; // something arrived during the round trip: wait for quiet again
    }
    await clock.sleep(Math.min(SETTLE_POLL_MS, left));
  }
}

/**
 * Waits until `evidence` holds in the trace or the clock reaches `until` (at once when it already
 * holds, or the run stopped): for reports that may still arrive after a phase settled, such as
 * the clients' reports of the end, which the host waits for up to its report grace.
 */
export async function awaitEvidence(
  src: Pick<SettleSource, "trace" | "stopped" | "clock">,
  until: number,
  evidence: (trace: readonly SimTraceEntry[]) => boolean,
): Promise<boolean> {
  const clock = src.clock ?? REAL_CLOCK;
  for (;;) {
    if (evidence(await src.trace())) return true;
    const left = until - clock.now();
    if (left <= 0 || src.stopped()) return false;
    await clock.sleep(Math.min(SETTLE_POLL_MS, left));
  }
}

/** The app frames of `frames` (the harness page's own frame and others excluded). */
export function appFrames(frames: readonly Frame[]): Frame[] {
  return frames.filter((f) => !f.isDetached() && participantOfUrl(f.url()) !== undefined);
}
