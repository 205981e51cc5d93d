/**
 * `wait`: bounded waits for an app to connect or to have made a call.
 *
 * @module
 */
import { DEFAULT_TIMEOUT_MS, type Step, type StepContext } from "../defineScenario.ts";
import { notYet, pass, waitUntil } from "../waitUntil.ts";
import { instanceEntries, latestInstance } from "./latestInstance.ts";

/** Waits for participant `name`'s app frame to connect (the client's app has loaded). */
export function untilConnected(ctx: StepContext, name: string, timeoutMs: number): Promise<void> {
  const pid = ctx.pid(name);
  return waitUntil(
    ctx.meeting,
    () => {
      const v = ctx.meeting.view(pid);
      if (!v.app) return notYet(`${name} has no app open`);
      return v.app.instanceId ? pass : notYet(`${name}'s app frame has not connected`);
    },
    `${name}'s app connects`,
    timeoutMs,
    ctx.signal,
  );
}

/** The `wait` step builders. */
export interface WaitSteps {
  /** Until `name`'s app frame has connected. */
  instance(name: string, timeoutMs?: number): Step;
  /** Until `name`'s current instance has got an answer to `call` (e.g. `app.getRunningContext`). */
  call(name: string, call: string, timeoutMs?: number): Step;
}

/**
 * Waits.
 *
 * @example
 * ```ts
 * [ui.openApp("Host"), wait.call("Host", "collaboration.setCollaborationConfig")]
 * ```
 */
export const wait: WaitSteps = {
  instance: (name, timeoutMs = DEFAULT_TIMEOUT_MS) => ({
    kind: "wait",
    label: `${name}'s app connects`,
    timeoutMs,
    run: (ctx) => untilConnected(ctx, name, timeoutMs),
  }),
  call: (name, call, timeoutMs = DEFAULT_TIMEOUT_MS) => ({
    kind: "wait",
    label: `${name}'s app calls ${call}`,
    timeoutMs,
    run: (ctx) =>
      waitUntil(
        ctx.meeting,
        () => {
          const inst = latestInstance(ctx.meeting, ctx.pid(name));
          if (!inst || inst.closed) return notYet(`${name} has no open instance`);
          const answered = instanceEntries(ctx.meeting, inst.id).some(
            (e) => (e.kind === "result" || e.kind === "error") && e.name === call,
          );
          return answered ? pass : notYet(`instance ${inst.id} has not called ${call}`);
        },
        `${name}'s app calls ${call}`,
        timeoutMs,
        ctx.signal,
      ),
  }),
};
