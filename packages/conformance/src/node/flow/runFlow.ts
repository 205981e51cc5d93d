/**
 * The flow of a run, phase by phase in the order and with the actors of `a3Flow`
 * (`@yiqi/harness/scenarios`, which the built-in `a3-flow` scenario is built from too): load
 * (open), start, join, (reload), leave, rejoin, (convergence), end; then a drain for late errors
 * and a last look at every instance. A watchdog (`watchdog.ts`) stops the flow when an app
 * frame stops answering or the run's budget runs out; what was seen until then is graded. The runner only creates conditions and observes; it never
 * clicks inside an app.
 *
 * @module
 */
import { type A3Phase, a3Flow } from "@yiqi/harness/scenarios";
import { REPORT_GRACE_MS } from "@yiqi/mock-host";
import type { FlowRecord } from "../../cert/RunRecord.ts";
import { frameAnswers } from "../harnessPage.ts";
import { sampleDigests } from "./convergence.ts";
import { endPhase } from "./end.ts";
import { type FlowContext, sleep } from "./FlowContext.ts";
import { joinPhase, reloadPhase } from "./join.ts";
import { leavePhase, rejoinPhase } from "./leave.ts";
import { loadPhase } from "./load.ts";
import { awaitEvidence } from "./settle.ts";
import { installSetup } from "./setup.ts";
import { startPhase } from "./start.ts";
import { startWatchdog, type Watchdog } from "./watchdog.ts";

/** How long the run keeps listening for page errors after the session ended. */
const DRAIN_MS = 2000;

/**
 * How long after the end the run waits for reports of the end still missing: the host's wait
 * for a closing instance's reports (`REPORT_GRACE_MS`), the harness page's half second more
 * for its socket, and a margin (decision 0313, amendment).
 */
const END_REPORTS_MS = REPORT_GRACE_MS + 1000;

/** Runs every phase against the harness at `harnessUrl` and returns what they recorded. */
export async function runFlow(ctx: FlowContext, harnessUrl: string): Promise<FlowRecord> {
  const { budgetMs, startedAt } = ctx.cfg;
  const dog = startWatchdog(ctx.harness.page, {
    ...(budgetMs === undefined
      ? {}
      : { budgetMs, budgetLeftMs: Math.max(0, startedAt + budgetMs - Date.now()) }),
    doing: () => ctx.doing,
  });
  ctx.watchdog = dog;
  installSetup(ctx);
  try {
    return await watchedFlow(ctx, harnessUrl, dog);
  } finally {
    dog.dispose();
  }
}

async function watchedFlow(
  ctx: FlowContext,
  harnessUrl: string,
  dog: Watchdog,
): Promise<FlowRecord> {
  const [open, ...session] = a3Flow(ctx.pids, { reload: ctx.cfg.profile === "collab-full" });
  const loaded = await ctx.timed("load", () =>
    loadPhase(ctx, harnessUrl, (open as A3Phase<string>).actors),
  );
  let notRun: string | null = null;
  if (!dog.stop) {
    if (!loaded.hostReached)
      notRun = "not run: the host's app instance never reached the host (see A1.load.reaches-host)";
    // A phase stuck on a spinning renderer is left behind: the run goes on to grade and report.
    else notRun = await Promise.race([sessionFlow(ctx, session), dog.stopped.then(() => null)]);
  }
  const stopped = dog.stop;
  if (stopped) ctx.cfg.progress(`· stopped: ${stopped.reason}`);
  const { run, trace, responsive } = await ctx.timed("drain", () =>
    drain(ctx, loaded.from, loaded.everyone),
  );
  return {
    phases: ctx.phases,
    run,
    handshakes: loaded.handshakes,
    joins: ctx.joins,
    digests: ctx.digests,
    lastActionAt: ctx.lastActionAt,
    notRun,
    stopped,
    responsive,
    trace,
  };
}

/**
 * Listens for late errors, then reads the trace and asks every instance still open whether it
 * answers. Errors thrown late (a timer after end, a handler that runs after teardown) still count:
 * the run listens for {@link DRAIN_MS} (or the settle time, if longer) after the session ended,
 * counted from when the end closed the joined instances (its settle and screenshot are part of
 * it), or from now when the flow did not get that far; 500 ms after a stop.
 */
async function drain(
  ctx: FlowContext,
  from: number,
  everyone: readonly string[],
): Promise<Pick<FlowRecord, "run" | "trace" | "responsive">> {
  const stopped = ctx.watchdog?.stop ?? null;
  const ended = stopped || ctx.endedAt === undefined ? Date.now() : ctx.endedAt;
  await sleep(ended + (stopped ? 500 : Math.max(ctx.cfg.settleMs, DRAIN_MS)) - Date.now());
  // The end closed the instances at once, but their clients' reports of the end may still be on
  // their way (held for a quiet moment, then through the harness page and its socket): the host
  // keeps waiting for them up to its report grace, so the grading does too, and no longer.
  if (!stopped && ctx.endResponded) {
    const source = { trace: () => ctx.harness.trace(), stopped: () => ctx.stopped };
    await awaitEvidence(source, ended + END_REPORTS_MS, ctx.endResponded);
  }
  const run = { from, to: Date.now() };
  const trace = await ctx.harness.traceWithin(5000);
  // Which instances still answer at the end (a rejected call must not leave an app hung).
  // Asked all at once; kept in participant order.
  const answers = await Promise.all(
    everyone.map(async (pid) => {
      const frame = await ctx.harness.frameOf(pid).catch(() => null);
      if (!frame) return undefined; // closed by leave/end: nothing to ask
      // After a hang every instance of the app shares the spinning renderer: none answers.
      return stopped?.kind === "hang" ? false : await frameAnswers(frame);
    }),
  );
  const responsive = new Map<string, boolean>();
  everyone.forEach((pid, i) => {
    const a = answers[i];
    if (a !== undefined) responsive.set(pid, a);
  });
  return { run, trace, responsive };
}

/**
 * The phases after loading: start, joins, (reload), leave and rejoin, (convergence), end.
 * Returns why it stopped, or null.
 */
async function sessionFlow(
  ctx: FlowContext,
  phases: readonly A3Phase<string>[],
): Promise<string | null> {
  for (const { phase, actors } of phases) {
    if (ctx.stopped) return null;
    if (phase === "open") continue; // loadPhase opened them
    ctx.doing = `${phase} (${actors.join(", ")})`;
    const stop = await ctx.timed(phase, () => runPhase(ctx, phase, actors));
    if (stop) return stop;
  }
  return null;
}

/** Runs one phase of the session; returns why the session cannot go on, or null. */
async function runPhase(
  ctx: FlowContext,
  phase: A3Phase<string>["phase"],
  actors: readonly string[],
): Promise<string | null> {
  const actor = actors[0] as string;
  switch (phase) {
    case "open":
      return null; // loadPhase opened them (not called)
    case "start":
      return (await startPhase(ctx, actor)) ? null : "not run: no session could be started";
    case "join":
      await joinPhase(ctx, actors);
      return null;
    case "reload":
      await reloadPhase(ctx, actor);
      return null;
    case "leave":
      await leavePhase(ctx, actor);
      return null;
    case "rejoin":
      await rejoinPhase(ctx, actor);
      return null;
    case "end":
      // Nothing acts between the phase before the end and the end: convergence is measured
      // from here (collab-full samples the members' digests now).
      ctx.lastActionAt = Date.now();
      if (ctx.cfg.profile === "collab-full") await sampleDigests(ctx, await ctx.harness.members());
      await endPhase(ctx, actor);
      return null;
    default:
      return phase satisfies never; // a new phase of `a3Flow` needs a module here
  }
}
