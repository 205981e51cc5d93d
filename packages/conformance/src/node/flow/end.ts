/**
 * The end phase: the host ends the session; every joined instance must close and the starter's
 * must not. Decides `A3.end.closes-all`.
 *
 * @module
 */
import { Grade } from "../../cert/Grade.ts";
import { gradeNoUncaughtErrors } from "../../cert/gradeNoUncaughtErrors.ts";
import type { FlowContext } from "./FlowContext.ts";

/** Ends the session as `host` (the starter). */
export async function endPhase(ctx: FlowContext, host: string): Promise<void> {
  const t = Date.now();
  const expected = await ctx.harness.members();
  const joined = expected.filter((p) => p !== host);
  const r = await ctx.harness.ui("end", host);
  const observed = await ctx.observeEvent("end", expected, t);
  const allClosed = await ctx.waitFor("every joined instance to close after end", async () => {
    const entries = await ctx.harness.trace();
    return joined.every((p) =>
      entries.some((e) => e.name === "instance.closed" && e.participantId === p && e.t >= t),
    )
      ? true
      : undefined;
  });
  // The drain after the flow counts from here: the end's settle and screenshot are part of it.
  ctx.endedAt = Date.now();
  ctx.endResponded = ctx.respondedTo(observed, t);
  await ctx.settleAfter(observed, t);
  const w = { from: t, to: Date.now() };
  const phase = ctx.record("end", w, [await ctx.withErrors(observed, w)]);
  const entries = await ctx.harness.trace();
  const hostClosed = entries.some(
    (e) => e.name === "instance.closed" && e.participantId === host && e.t >= t,
  );
  const errors = ctx.errorsOf("all", w);
  ctx.decided(
    phase,
    "A3.end.closes-all",
    !r.ok
      ? { grade: Grade.FAILED, message: `the host could not end: ${r.error?.errMsg}` }
      : "timedOut" in allClosed
        ? { grade: Grade.FAILED, message: allClosed.timedOut }
        : errors.length > 0
          ? gradeNoUncaughtErrors(errors, "while the session ended")
          : hostClosed
            ? { grade: Grade.FAILED, message: "the starter's instance closed on end" }
            : {
                grade: Grade.OK,
                message: `${joined.length} joined instance(s) closed on end with no page error; the starter's instance kept working`,
              },
  );
  await ctx.snap(phase, "ended", "the host ended the session");
  ctx.progress("· the host ended the session");
}
