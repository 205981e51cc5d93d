/**
 * Convergence (collab-full): reads `window.yiqiDigest()` in each member's frame until the
 * digests agree or the bound passes. Grading is `gradeConvergence`'s.
 *
 * @module
 */

import type { Frame } from "playwright-core";
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
      const digest = frame ? await readDigest(frame) : null;
      round.push({ participantId: pid, digest, t: Date.now() });
    }
    ctx.digests.push(...round);
    const values = new Set(round.map((s) => s.digest));
    if (round.every((s) => s.digest === null)) return;
    if (values.size === 1 || Date.now() >= deadline) return;
    await sleep(250);
  }
}

/** `frame`'s digest, or null when it has no hook or does not answer within 2 s. */
async function readDigest(frame: Frame): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    frame
      .evaluate(async (hookName) => {
        const hook = (globalThis as Record<string, unknown>)[hookName];
        return typeof hook === "function" ? String(await hook()) : null;
      }, DIGEST_HOOK)
      .catch(() => null),
    new Promise<null>((r) => {
      timer = setTimeout(() => r(null), 2000);
    }),
  ]).finally(() => clearTimeout(timer));
}
