/**
 * Grading helper: every open instance receives and survives a `collaboration-change` action.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import { describePageError, type PageError } from "./PageError.ts";

/** What the runner saw around one `collaboration-change` action. */
export interface EventDeliveryObservation {
  /** `start`, `join`, `leave` or `end`. */
  action: string;
  /** Participants whose instance was open and should have received it. */
  expected: readonly string[];
  /** Participants whose instance received it (from the trace). */
  received: readonly string[];
  /** Page errors in the settle window after the event. */
  errors: readonly PageError[];
}

/**
 * `OK` when every expected participant received each action and no page error followed;
 * `FAILED` otherwise; `UNIMPLEMENTED` when the action never happened (the runner could not
 * drive it, e.g. nobody joined).
 *
 * @example
 * ```ts
 * gradeEventDelivery([{ action: "join", expected: ["p1", "p2"], received: ["p1", "p2"], errors: [] }]);
 * ```
 */
export function gradeEventDelivery(observations: readonly EventDeliveryObservation[]): Grading {
  if (observations.length === 0)
    return { grade: Grade.UNIMPLEMENTED, message: "the action never happened in this run" };
  const problems: string[] = [];
  for (const o of observations) {
    const missing = o.expected.filter((p) => !o.received.includes(p));
    if (missing.length > 0)
      problems.push(`${missing.join(", ")} did not receive collaboration-change ${o.action}`);
    for (const e of o.errors) problems.push(`after ${o.action}, ${describePageError(e)}`);
  }
  if (problems.length === 0) {
    const n = new Set(observations.flatMap((o) => o.expected)).size;
    return {
      grade: Grade.OK,
      message: `${observations.length} event(s) delivered to ${n} instance(s), no page error after`,
    };
  }
  return { grade: Grade.FAILED, message: problems.join("; ") };
}
