/**
 * The developer's setup steps (`--setup FILE`, or `setup` in the expectations file): run in each
 * participant's app frame every time a document loads there (the first instance, and every
 * join, rejoin and reload), for apps that load the SDK on a user action such as a menu click.
 * The runner itself never clicks inside an app; these steps are the developer's
 * (docs/decisions/0308-certify-setup.md).
 *
 * @module
 */
import type { Frame } from "playwright-core";
import { participantOfUrl } from "../participantOfUrl.ts";
import type { FlowContext } from "./FlowContext.ts";

/**
 * Runs `ctx.cfg.setup` in every app frame that navigates from now on, each bounded by the step
 * timeout. A failure is a progress line and the reason an instance never reached the host.
 */
export function installSetup(ctx: FlowContext): void {
  const { setup } = ctx.cfg;
  if (!setup) return;
  const page = ctx.harness.page;
  /** How many documents each frame has committed: a run of the steps is for one of them. */
  const documents = new WeakMap<Frame, number>();
  page.on("framenavigated", (frame: Frame) => {
    if (frame === page.mainFrame()) return;
    const participantId = participantOfUrl(frame.url());
    if (!participantId) return;
    const document = (documents.get(frame) ?? 0) + 1;
    documents.set(frame, document);
    void runSetup(ctx, frame, participantId, () => documents.get(frame) === document);
  });
}

/**
 * Runs the steps in `frame` once its document has loaded (`DOMContentLoaded`: the app's own
 * scripts have run, so a click reaches the handlers they attach, as in a browser a user waits
 * for the page), unless another document replaced it meanwhile (`current()` false: that one
 * runs the steps).
 */
async function runSetup(
  ctx: FlowContext,
  frame: Frame,
  participantId: string,
  current: () => boolean,
): Promise<void> {
  const { setup, timeoutMs } = ctx.cfg;
  if (!setup || ctx.stopped) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const ran = await Promise.race([
      frame.waitForLoadState("domcontentloaded", { timeout: timeoutMs }).then(async () => {
        if (!current()) return false;
        await setup(frame, { participantId });
        return true;
      }),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`did not finish within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
      }),
    ]);
    if (ran) ctx.setupDone.add(participantId);
  } catch (error) {
    // A frame replaced while the steps ran (a join) is not the developer's failure.
    if (frame.isDetached() || ctx.stopped || !current()) return;
    const why = (error as Error).message?.split("\n")[0] ?? String(error);
    ctx.setupProblems.set(participantId, why);
    ctx.progress(`· setup failed in ${participantId}'s app frame: ${why}`);
  } finally {
    clearTimeout(timer);
  }
}
