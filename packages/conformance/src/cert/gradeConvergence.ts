/**
 * Grading helper: the optional convergence check through the `window.yiqiDigest()` hook.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";

/** One reading of one participant's digest. */
export interface DigestSample {
  participantId: string;
  /** What `window.yiqiDigest()` returned; `null` when the hook is missing or threw. */
  digest: string | null;
  /** When it was read (ms, same clock as `lastActionAt`). */
  t: number;
}

/** Options of {@link gradeConvergence}. */
export interface ConvergenceOptions {
  /** When the last action happened; default the earliest sample's time. */
  lastActionAt?: number;
}

/**
 * All joined participants must report the same digest within `boundMs` after the last action.
 * For each participant the last sample in `[lastActionAt, lastActionAt + boundMs]` counts.
 *
 * - `UNIMPLEMENTED`: no participant exposes the hook, or fewer than two were sampled;
 * - `OK`: every participant's last digest in the window is the same;
 * - `NON-STRICT` (a SHOULD): digests differ, or some instance has no hook or no sample.
 *
 * @example
 * ```ts
 * gradeConvergence([{ participantId: "p1", digest: "a", t: 10 }, { participantId: "p2", digest: "a", t: 12 }], 2000);
 * // { grade: "OK", ... }
 * ```
 */
export function gradeConvergence(
  samples: readonly DigestSample[],
  boundMs: number,
  options: ConvergenceOptions = {},
): Grading {
  if (samples.length === 0 || samples.every((s) => s.digest === null))
    return {
      grade: Grade.UNIMPLEMENTED,
      message: "the app exposes no window.yiqiDigest() hook; convergence not checked",
    };
  const from = options.lastActionAt ?? Math.min(...samples.map((s) => s.t));
  const to = from + boundMs;
  const participants = [...new Set(samples.map((s) => s.participantId))];
  if (participants.length < 2)
    return {
      grade: Grade.UNIMPLEMENTED,
      message: "fewer than two joined participants were sampled; convergence not checked",
    };
  const last = new Map<string, DigestSample>();
  for (const s of samples) {
    if (s.t < from || s.t > to) continue;
    const prev = last.get(s.participantId);
    if (!prev || s.t >= prev.t) last.set(s.participantId, s);
  }
  const problems: string[] = [];
  const values = new Map<string, string[]>();
  for (const p of participants) {
    const s = last.get(p);
    if (!s) problems.push(`${p} reported no digest within ${boundMs} ms`);
    else if (s.digest === null) problems.push(`${p} has no digest hook`);
    else values.set(s.digest, [...(values.get(s.digest) ?? []), p]);
  }
  if (problems.length === 0 && values.size === 1)
    return {
      grade: Grade.OK,
      message: `${participants.length} participants report the same digest within ${boundMs} ms of the last action`,
    };
  if (values.size > 1) {
    const groups = [...values.entries()].map(
      ([d, ps]) => `${ps.join(", ")}: ${JSON.stringify(d.length > 40 ? `${d.slice(0, 40)}…` : d)}`,
    );
    problems.unshift(`digests differ ${boundMs} ms after the last action (${groups.join("; ")})`);
  }
  return { grade: Grade.NON_STRICT, message: problems.join("; ") };
}
