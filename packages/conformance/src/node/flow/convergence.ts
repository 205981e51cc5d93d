/**
 * Convergence (collab-full): reads `window.yiqiDigest()` in each member's frame until the
 * digests agree or the bound passes. Grading is `gradeConvergence`'s.
 *
 * @module
 */
import { DIGEST_HOOK } from "../../cert/certCases.ts";
import type { DigestSample } from "../../cert/gradeConvergence.ts";
import { type FlowContext, sleep } from "./FlowContext.ts";

/** Samples the digests of `members` into `ctx.digests`. */
export async function sampleDigests(ctx: FlowContext, members: readonly string[]): Promise<void> {
  const bound = Math.min(ctx.cfg.timeoutMs, 5000);
  const deadline = Date.now() + bound;
  for (;;) {
    const round: DigestSample[] = [];
    for (const pid of members) {
      const frame = await ctx.harness.frameOf(pid);
      const digest = frame
        ? await Promise.race([
            frame
              .evaluate(async (hookName) => {
                const hook = (globalThis as Record<string, unknown>)[hookName];
                return typeof hook === "function" ? String(await hook()) : null;
              }, DIGEST_HOOK)
              .catch(() => null),
            sleep(2000).then(() => null),
          ])
        : null;
      round.push({ participantId: pid, digest, t: Date.now() });
    }
    ctx.digests.push(...round);
    const values = new Set(round.map((s) => s.digest));
    if (round.every((s) => s.digest === null)) return;
    if (values.size === 1 || Date.now() >= deadline) return;
    await sleep(250);
  }
}
