/**
 * The leave phase (the last joiner leaves) and the rejoin phase (they join again). Decide
 * `A3.leave.closes-cleanly` and `A3.leave.rejoin`.
 *
 * @module
 */
import { Grade } from "../../cert/Grade.ts";
import type { EventDeliveryObservation } from "../../cert/gradeEventDelivery.ts";
import { gradeNoUncaughtErrors } from "../../cert/gradeNoUncaughtErrors.ts";
import type { FlowContext, Opened } from "./FlowContext.ts";

/** `leaver` leaves: the others get `leave`, their instance closes, nobody throws. */
export async function leavePhase(ctx: FlowContext, leaver: string): Promise<void> {
  const t = Date.now();
  const before = await ctx.harness.members();
  const r = await ctx.harness.ui("leave", leaver);
  const remaining = before.filter((p) => p !== leaver);
  // A refused leave sends no event and closes nothing: waiting for them would only time out.
  const observed: EventDeliveryObservation = r.ok
    ? await ctx.observeEvent("leave", remaining, t)
    : { action: "leave", expected: remaining, received: [], handled: [], reacted: [], errors: [] };
  const closed = r.ok
    ? await ctx.waitFor(`${leaver}'s instance to close after leave`, async () => {
        const entries = await ctx.harness.trace();
        return entries.some(
          (e) => e.name === "instance.closed" && e.participantId === leaver && e.t >= t,
        )
          ? true
          : undefined;
      })
    : { timedOut: `the leave was refused: ${r.error?.errMsg}` };
  await ctx.settleAfter(observed, t);
  const w = { from: t, to: Date.now() };
  const phase = ctx.record("leave", w, [await ctx.withErrors(observed, w)]);
  const errors = ctx.errorsOf("all", w);
  ctx.decided(
    phase,
    "A3.leave.closes-cleanly",
    !r.ok
      ? { grade: Grade.FAILED, message: `${leaver} could not leave: ${r.error?.errMsg}` }
      : "timedOut" in closed
        ? { grade: Grade.FAILED, message: `${leaver}'s instance did not close: ${closed.timedOut}` }
        : errors.length > 0
          ? gradeNoUncaughtErrors(errors, `while ${leaver} left`)
          : {
              grade: Grade.OK,
              message: `${leaver}'s instance closed on leave; no page error in any instance`,
            },
  );
  await ctx.snap(phase, "left", `${leaver} left the session`);
}

/** `leaver` joins again: the members get `join` and the new instance works. */
export async function rejoinPhase(ctx: FlowContext, leaver: string): Promise<void> {
  const t = Date.now();
  const expected = await ctx.harness.members();
  const r = await ctx.harness.ui("join", leaver);
  const observed = await ctx.observeEvent("join", expected, t);
  const reopened: Opened = r.ok
    ? await ctx.newInstance(leaver, t)
    : { problem: `rejoin refused: ${r.error?.errMsg}` };
  await ctx.settleAfter(observed, t);
  const w = { from: t, to: Date.now() };
  const phase = ctx.record("rejoin", w, [await ctx.withErrors(observed, w)]);
  ctx.decided(
    phase,
    "A3.leave.rejoin",
    ctx.gradeNewInstance(leaver, reopened, w, "rejoined instance"),
  );
  await ctx.snap(phase, "rejoined", `${leaver} joined again`);
  ctx.progress(`· ${leaver} left and joined again`);
}
