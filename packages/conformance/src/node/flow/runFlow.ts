/**
 * The flow of a run, phase by phase: load, start, join, (reload), leave, rejoin,
 * (convergence), end; then a drain for late errors and a last look at every instance. The
 * runner only creates conditions and observes; it never clicks inside an app.
 *
 * @module
 */
import type { FlowRecord } from "../../cert/RunRecord.ts";
import { frameAnswers } from "../harnessPage.ts";
import { sampleDigests } from "./convergence.ts";
import { endPhase } from "./end.ts";
import { type FlowContext, sleep } from "./FlowContext.ts";
import { joinPhase, reloadPhase } from "./join.ts";
import { leavePhase, rejoinPhase } from "./leave.ts";
import { loadPhase } from "./load.ts";
import { startPhase } from "./start.ts";

/** How long the run keeps listening for page errors after the session ended. */
const DRAIN_MS = 2000;

/** Runs every phase against the harness at `harnessUrl` and returns what they recorded. */
export async function runFlow(ctx: FlowContext, harnessUrl: string): Promise<FlowRecord> {
  const loaded = await loadPhase(ctx, harnessUrl);
  const notRun = loaded.hostReached
    ? await sessionFlow(ctx)
    : "not run: the host's app instance never reached the host (see A1.load.reaches-host)";
  // Errors thrown late (a timer after end, a handler that runs after teardown) still count.
  await sleep(Math.max(ctx.cfg.settleMs, DRAIN_MS));
  const run = { from: loaded.from, to: Date.now() };
  const trace = await ctx.harness.trace();
  // Which instances still answer at the end (a rejected call must not leave an app hung).
  const responsive = new Map<string, boolean>();
  for (const pid of loaded.everyone) {
    const frame = await ctx.harness.frameOf(pid);
    if (!frame) continue; // closed by leave/end: nothing to ask
    responsive.set(pid, await frameAnswers(frame));
  }
  return {
    phases: ctx.phases,
    run,
    handshakes: loaded.handshakes,
    joins: ctx.joins,
    digests: ctx.digests,
    lastActionAt: ctx.lastActionAt,
    notRun,
    responsive,
    trace,
  };
}

/** Start, joins, (reload), leave and rejoin, (convergence), end. Returns why it stopped, or null. */
async function sessionFlow(ctx: FlowContext): Promise<string | null> {
  const full = ctx.cfg.profile === "collab-full";
  if (!(await startPhase(ctx))) return "not run: no session could be started";
  const joiners = await joinPhase(ctx);
  if (full) await reloadPhase(ctx, joiners[0] as string);
  const leaver = joiners.at(-1) as string;
  await leavePhase(ctx, leaver);
  await rejoinPhase(ctx, leaver);
  ctx.lastActionAt = Date.now();
  if (full) await sampleDigests(ctx, await ctx.harness.members());
  await endPhase(ctx);
  return null;
}
