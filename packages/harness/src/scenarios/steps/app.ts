/**
 * `app(name)`: what happens to a participant's app frame (it reloads). A scenario never runs
 * code inside an app: apps are cross-origin.
 *
 * @module
 */
import { DEFAULT_TIMEOUT_MS, type Step } from "../defineScenario.ts";
import { notYet, pass, waitUntil } from "../waitUntil.ts";
import { latestInstance } from "./latestInstance.ts";

/** The step builders of one participant's app frame. */
export interface AppSteps {
  /**
   * The app page reloads: the frame is re-created, the bridge handshakes again and a new
   * instance opens (waits, bounded, for it).
   */
  reload(timeoutMs?: number): Step;
}

/**
 * What happens to participant `name`'s app frame.
 *
 * @example
 * ```ts
 * [app("Alice").reload(), expect.instance("Alice").runsIn("inCollaboration")]
 * ```
 */
export function app(name: string): AppSteps {
  return {
    reload: (timeoutMs = DEFAULT_TIMEOUT_MS) => ({
      kind: "action",
      label: `${name}'s app reloads`,
      timeoutMs,
      async run(ctx) {
        const pid = ctx.pid(name);
        const before = latestInstance(ctx.meeting, pid)?.id;
        if (!before) throw new Error(`${name} has no app instance to reload`);
        ctx.reloadApp(pid);
        await waitUntil(
          ctx.meeting,
          () => {
            const now = latestInstance(ctx.meeting, pid);
            return now && now.id !== before && !now.closed
              ? pass
              : notYet(`still instance ${now?.id ?? "none"}`);
          },
          `${name}'s reloaded app opens a new instance`,
          timeoutMs,
          ctx.signal,
        );
      },
    }),
  };
}
