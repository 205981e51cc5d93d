/**
 * The start phase: the host starts a session from the 一起用 button (unless the app already
 * started one while loading). Decides `A3.start.host-succeeds`.
 *
 * @module
 */
import type { Grading } from "../../cert/CertCaseResult.ts";
import { Grade } from "../../cert/Grade.ts";
import { gradeNoUncaughtErrors } from "../../cert/gradeNoUncaughtErrors.ts";
import type { FlowContext } from "./FlowContext.ts";

/** Starts the session as `host`; true when one is active afterwards. */
export async function startPhase(ctx: FlowContext, host: string): Promise<boolean> {
  const t = Date.now();
  let started: Grading;
  if (await ctx.harness.session()) {
    started = {
      grade: Grade.OK,
      message: "the app started the session itself while loading; the host's instance kept working",
    };
  } else {
    const r = await ctx.harness.ui("clickStart", host);
    const s = await ctx.harness.session();
    started =
      r.ok && s
        ? { grade: Grade.OK, message: "the host started a session from the 一起用 button" }
        : {
            grade: Grade.FAILED,
            message: `the host could not start: ${r.error?.code ?? ""} ${r.error?.errMsg ?? "no session became active"}`,
          };
  }
  const observed = await ctx.observeEvent("start", [host], t);
  await ctx.settleAfter(observed, t);
  const w = { from: t, to: Date.now() };
  const phase = ctx.record("start", w, [await ctx.withErrors(observed, w)]);
  const hostErrors = ctx.errorsOf([host], w);
  if (started.grade === Grade.OK && hostErrors.length > 0)
    started = gradeNoUncaughtErrors(hostErrors, "in the starter's instance after start");
  ctx.decided(phase, "A3.start.host-succeeds", started);
  await ctx.snap(phase, "started", "the host started the session");
  return (await ctx.harness.session()) !== null;
}
