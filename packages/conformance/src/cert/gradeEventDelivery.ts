/**
 * Grading helper: every open instance receives a `collaboration-change` action and the app
 * handles it. Delivery to the shim proves nothing about the app; a case is OK only when the
 * app's own listener ran for the event in every instance and no page error followed.
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
  /**
   * Participants in which a `collaboration-change` listener the app registered ran for it (the
   * recorder wraps listeners).
   */
  handled: readonly string[];
  /**
   * Participants whose instance reacted within the window (its DOM changed or it made a call):
   * the evidence for apps that bundle the JSAPI, whose listeners the recorder cannot wrap.
   */
  reacted: readonly string[];
  /** Page errors in the settle window after the event. */
  errors: readonly PageError[];
}

/** How a grade says the app did not handle an event (the verdict line quotes it). */
export const NOT_HANDLED =
  'the app did not handle it: no collaboration-change listener of the app ran (wemeet.addEventListener("collaboration-change", …)) and the instance did not react (no DOM change, no call)';

/**
 * `OK` when every expected participant received each action, the app's listener ran for it (or,
 * for a bundled JSAPI, the instance reacted) and no page error followed; `FAILED` otherwise; `UNIMPLEMENTED` when the action never happened
 * (the runner could not drive it, e.g. nobody joined).
 *
 * @example
 * ```ts
 * gradeEventDelivery([
 *   { action: "join", expected: ["p1", "p2"], received: ["p1", "p2"], handled: ["p1", "p2"], reacted: [], errors: [] },
 * ]); // OK
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
    const unhandled = o.expected.filter(
      (p) => o.received.includes(p) && !o.handled.includes(p) && !o.reacted.includes(p),
    );
    if (unhandled.length > 0)
      problems.push(
        `${unhandled.join(", ")} received collaboration-change ${o.action} but ${NOT_HANDLED}`,
      );
    for (const e of o.errors) problems.push(`after ${o.action}, ${describePageError(e)}`);
  }
  if (problems.length === 0) {
    const n = new Set(observations.flatMap((o) => o.expected)).size;
    const byListener = observations.every((o) => o.expected.every((p) => o.handled.includes(p)));
    return {
      grade: Grade.OK,
      message: `${observations.length} event(s) delivered to ${n} instance(s) and handled (${byListener ? "the app's listener ran" : "the app's listener ran or the instance reacted"}), no page error after`,
    };
  }
  return { grade: Grade.FAILED, message: problems.join("; ") };
}
