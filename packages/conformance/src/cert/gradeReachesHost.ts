/**
 * Grading helper: every instance completes the handshake within the timeout.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";

/** How long one instance took to reach the host. */
export interface HandshakeObservation {
  participantId: string;
  /** ms from navigation to the handshake, or `null` when it never happened. */
  ms: number | null;
  /** Why it did not connect, when the page told us (e.g. "SDK script never requested"). */
  reason?: string;
}

/**
 * `OK` when every instance connected within `timeoutMs`, `FAILED` naming the others;
 * `FAILED` too when there is no instance at all (nothing was observed).
 *
 * @example
 * ```ts
 * gradeReachesHost([{ participantId: "p1", ms: 120 }, { participantId: "p2", ms: null }], 10_000);
 * // FAILED: "p2 never reached the host (timeout 10000 ms)"
 * ```
 */
export function gradeReachesHost(
  observations: readonly HandshakeObservation[],
  timeoutMs: number,
): Grading {
  if (observations.length === 0)
    return { grade: Grade.FAILED, message: "no app instance was observed; was the app opened?" };
  const late = observations.filter((o) => o.ms === null || o.ms > timeoutMs);
  if (late.length === 0) {
    const slowest = Math.max(...observations.map((o) => o.ms ?? 0));
    return {
      grade: Grade.OK,
      message: `${observations.length} instance(s) reached the host, the slowest in ${slowest} ms (timeout ${timeoutMs} ms)`,
    };
  }
  const why = late.map((o) =>
    o.ms === null
      ? `${o.participantId} never reached the host${o.reason ? ` (${o.reason})` : ""}`
      : `${o.participantId} took ${o.ms} ms`,
  );
  return { grade: Grade.FAILED, message: `${why.join("; ")} (timeout ${timeoutMs} ms)` };
}
