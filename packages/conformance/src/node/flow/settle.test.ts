import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyObservations, type Observations, type SimTraceEntry } from "../../cert/RunRecord.ts";
import {
  awaitEvidence,
  lastActivity,
  QUIET_MS,
  type SettleSource,
  settleWithin,
} from "./settle.ts";

const SETTLE_MS = 600;

/** A run on a virtual clock: `sleep` advances it, `at` schedules what the page does when. */
function virtualRun(events: { at: number; apply: (s: VirtualRun) => void }[] = []) {
  const run: VirtualRun = {
    now: 1_000_000,
    trace: [],
    observations: emptyObservations(),
    stopped: false,
    looks: 0,
  };
  const start = run.now;
  const pending = [...events].sort((a, b) => a.at - b.at);
  const deliver = (): void => {
    while (pending[0] && pending[0].at <= run.now - start) pending.shift()?.apply(run);
  };
  const src: SettleSource = {
    trace: async () => {
      deliver();
      run.looks += 1;
      return run.trace;
    },
    observations: run.observations,
    frames: () => [],
    stopped: () => run.stopped,
    clock: {
      now: () => run.now,
      sleep: async (ms) => {
        run.now += ms;
      },
    },
  };
  return { run, src, elapsed: () => run.now - start, start };
}
interface VirtualRun {
  now: number;
  trace: SimTraceEntry[];
  observations: Observations;
  stopped: boolean;
  looks: number;
}

const handled = (participantId: string, t: number) => ({
  participantId,
  event: "collaboration-change",
  action: "join",
  t,
});

test("a phase settles once its evidence arrived and the instances were quiet, not after the whole settle time", async () => {
  const v = virtualRun([
    { at: 100, apply: (r) => r.observations.handled.push(handled("p1", r.now)) },
  ]);
  await settleWithin(v.src, SETTLE_MS, () => v.run.observations.handled.length > 0);
  assert.ok(v.elapsed() >= 100 + QUIET_MS, "not before the evidence and the quiet time");
  assert.ok(v.elapsed() < SETTLE_MS, "before the settle time is over");
});

test("without its evidence a phase waits the whole settle time (the old fixed time is the bound)", async () => {
  const v = virtualRun();
  await settleWithin(v.src, SETTLE_MS, () => false);
  assert.equal(v.elapsed(), SETTLE_MS);
  assert.ok(v.run.looks > 1, "it kept looking");
});

test("an error right after the evidence keeps the phase open until the instances are quiet again", async () => {
  const v = virtualRun([
    { at: 50, apply: (r) => r.observations.handled.push(handled("p2", r.now)) },
    {
      at: 150,
      apply: (r) =>
        r.observations.pageErrors.push({
          participantId: "p2",
          t: r.now,
          kind: "uncaught",
          name: "TypeError",
          message: "roster is undefined",
        }),
    },
  ]);
  await settleWithin(v.src, SETTLE_MS, () => v.run.observations.handled.length > 0);
  assert.ok(v.elapsed() >= 150 + QUIET_MS, "the error's quiet time counts");
});

test("an app that never goes quiet (a DOM change every 100 ms) gets the whole settle time", async () => {
  const v = virtualRun(
    Array.from({ length: 10 }, (_, i) => ({
      at: i * 100,
      apply: (r: VirtualRun) => r.observations.reactions.push({ participantId: "p1", t: r.now }),
    })),
  );
  await settleWithin(v.src, SETTLE_MS);
  assert.equal(v.elapsed(), SETTLE_MS);
});

test("a stopped run does not settle at all", async () => {
  const v = virtualRun();
  v.run.stopped = true;
  await settleWithin(v.src, SETTLE_MS, () => false);
  assert.equal(v.elapsed(), 0);
  assert.equal(v.run.looks, 0);
});

test("lastActivity is the newest of the trace and every signal", () => {
  const v = virtualRun();
  v.run.trace.push({ seq: 1, t: 10, kind: "call", name: "x", data: null });
  v.run.observations.reactions.push({ participantId: "p1", t: 30 });
  v.run.observations.handled.push(handled("p1", 20));
  assert.equal(lastActivity(v.run.trace, v.run.observations), 30);
});

test("waiting for late evidence (the end's reports) returns when it arrives, at once when present, and gives up at the deadline", async () => {
  const reported = (run: VirtualRun) => (): boolean => run.observations.handled.length > 0;
  // Arrives 2.5 s in (later than the 2 s drain, within the host's 3.5 s).
  const late = virtualRun([
    { at: 2500, apply: (s) => s.observations.handled.push(handled("p2", s.now)) },
  ]);
  assert.equal(await awaitEvidence(late.src, late.start + 4000, reported(late.run)), true);
  assert.ok(late.elapsed() >= 2500 && late.elapsed() < 2600, `returned at ${late.elapsed()} ms`);
  // Already there: no wait at all.
  const present = virtualRun([
    { at: 0, apply: (s) => s.observations.handled.push(handled("p2", s.now)) },
  ]);
  assert.equal(await awaitEvidence(present.src, present.start + 4000, reported(present.run)), true);
  assert.equal(present.elapsed(), 0);
  // Never arrives: gives up at the deadline, not later.
  const never = virtualRun();
  assert.equal(await awaitEvidence(never.src, never.start + 4000, reported(never.run)), false);
  assert.equal(never.elapsed(), 4000);
  // A stopped run does not wait.
  const stopped = virtualRun();
  stopped.run.stopped = true;
  assert.equal(
    await awaitEvidence(stopped.src, stopped.start + 4000, reported(stopped.run)),
    false,
  );
  assert.equal(stopped.elapsed(), 0);
});
