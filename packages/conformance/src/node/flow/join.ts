/**
 * The join phase (every attendee joins the session) and, in collab-full, the reload phase (the
 * first joiner's frame is re-created mid-session). The reload decides `A3.reload.recovers`.
 *
 * @module
 */
import { Grade } from "../../cert/Grade.ts";
import type { EventDeliveryObservation } from "../../cert/gradeEventDelivery.ts";
import type { FlowContext } from "./FlowContext.ts";

/** Joins each of `joiners` (every participant but the host), one by one. */
export async function joinPhase(ctx: FlowContext, joiners: readonly string[]): Promise<void> {
  const from = Date.now();
  const events: EventDeliveryObservation[] = [];
  for (const pid of joiners) {
    const t = Date.now();
    const expected = await ctx.harness.members();
    const r = await ctx.harness.ui("join", pid);
    if (!r.ok) {
      ctx.joins.push({
        participantId: pid,
        grading: { grade: Grade.FAILED, message: `${pid} could not join: ${r.error?.errMsg}` },
      });
      continue;
    }
    const observed = await ctx.observeEvent("join", expected, t);
    const opened = await ctx.newInstance(pid, t);
    await ctx.settleAfter(observed, t);
    const w = { from: t, to: Date.now() };
    events.push(await ctx.withErrors(observed, w));
    ctx.joins.push({
      participantId: pid,
      grading: ctx.gradeNewInstance(pid, opened, w, "joined instance"),
    });
  }
  const phase = ctx.record("join", { from, to: Date.now() }, events);
  await ctx.snap(phase, "joined", "every participant joined");
  ctx.progress(`· ${joiners.length} participant(s) joined`);
}

/** Reloads `pid`'s app frame mid-session and grades its new instance. */
export async function reloadPhase(ctx: FlowContext, pid: string): Promise<void> {
  const t = Date.now();
  await ctx.harness.reloadFrame(pid);
  const opened = await ctx.newInstance(pid, t);
  await ctx.settle();
  const w = { from: t, to: Date.now() };
  const phase = ctx.record("reload", w);
  ctx.decided(
    phase,
    "A3.reload.recovers",
    ctx.gradeNewInstance(pid, opened, w, "reloaded instance"),
  );
  await ctx.snap(phase, "reloaded", `${pid}'s app reloaded mid-session`);
  ctx.progress(`· ${pid} reloaded mid-session`);
}
