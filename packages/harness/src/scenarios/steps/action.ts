/**
 * The action step: runs a simulator action and checks how it ended (success, the expected
 * callback status, or the expected error code). Shared by the `ui` namespace.
 *
 * @module
 */
import { AppHandleRespType, type WemeetErrorCodeName } from "@yiqi/jsapi";
import { DEFAULT_TIMEOUT_MS, type Step, type StepContext } from "../defineScenario.ts";
import { notYet, pass, waitUntil } from "../waitUntil.ts";

/** How a UI action is expected to end. */
export interface ActionOptions {
  /** The action must fail with this simulator error code (default: it must succeed). */
  fails?: WemeetErrorCodeName;
  /** For start / end: the callback status expected (default `SUCCESS`). */
  status?: keyof typeof AppHandleRespType;
  /** For start / end with an `ask` policy: finish the step once the dialog shows. */
  untilDialog?: boolean;
  timeoutMs?: number;
}

/** What a simulator UI action returns (its `HostResult`). */
export type ActionResult =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; errMsg: string } };

function checkResult(label: string, r: ActionResult, options: ActionOptions): void {
  if (options.fails) {
    if (r.ok) throw new Error(`${label}: expected ${options.fails}, but it succeeded`);
    if (r.error.code !== options.fails) {
      throw new Error(
        `${label}: expected ${options.fails}, got ${r.error.code} (${r.error.errMsg})`,
      );
    }
    return;
  }
  if (!r.ok) throw new Error(`${label} failed: ${r.error.code}: ${r.error.errMsg}`);
  const status = (r.value as { status?: unknown } | null)?.status;
  if (status !== undefined) {
    const want = options.status ?? "SUCCESS";
    const message = (r.value as { message?: string }).message ?? "";
    if (status !== AppHandleRespType[want]) {
      const got = Object.entries(AppHandleRespType).find(([, v]) => v === status)?.[0];
      throw new Error(
        `${label}: expected status ${want}, got ${got ?? String(status)} (${message})`,
      );
    }
  }
}

/** An action step labelled `label` that runs `run` and checks its result against `options`. */
export function action(
  label: string,
  options: ActionOptions,
  run: (ctx: StepContext) => ActionResult | Promise<ActionResult>,
): Step {
  return {
    kind: "action",
    label: options.fails ? `${label} (refused: ${options.fails})` : label,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      checkResult(label, await run(ctx), options);
    },
  };
}

/** Starts or ends; with `untilDialog`, resolves once the confirmation dialog is shown. */
export async function confirmable(
  ctx: StepContext,
  pid: string,
  label: string,
  options: ActionOptions,
  call: () => ActionResult | Promise<ActionResult>,
): Promise<ActionResult> {
  const pending = Promise.resolve(call());
  if (!options.untilDialog) return pending;
  const settled = pending.then((r) => ({ r }));
  await Promise.race([
    settled.then(({ r }) => {
      throw new Error(
        `${label}: expected a confirmation dialog, but it finished: ${JSON.stringify(r)}`,
      );
    }),
    waitUntil(
      ctx.meeting,
      () => (ctx.meeting.view(pid).confirmation ? pass : notYet("no confirmation dialog is shown")),
      `${label} shows a confirmation dialog`,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ctx.signal,
    ),
  ]);
  return { ok: true, value: null };
}
