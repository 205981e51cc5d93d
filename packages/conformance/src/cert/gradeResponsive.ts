/**
 * Grading helper: every instance keeps answering and the run ends within its budget
 * (`A3.session.responsive`, docs/decisions/0307-certify-ends.md).
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import type { FlowRecord } from "./RunRecord.ts";

/**
 * `FAILED` when the run stopped on a hang or on its budget (the message is the watchdog's), or
 * when an instance still open at the end did not answer; `OK` otherwise.
 *
 * @example
 * ```ts
 * gradeResponsive({ stopped: null, responsive: new Map([["p1", true]]) }); // OK
 * ```
 */
export function gradeResponsive(flow: Pick<FlowRecord, "stopped" | "responsive">): Grading {
  if (flow.stopped) return { grade: Grade.FAILED, message: flow.stopped.reason };
  const silent = [...flow.responsive].filter(([, answers]) => !answers).map(([pid]) => pid);
  if (silent.length > 0)
    return {
      grade: Grade.FAILED,
      message: `${silent.join(", ")}'s instance did not answer at the end of the run: a busy loop or a blocking call in the app`,
    };
  return {
    grade: Grade.OK,
    message: `every instance answered the heartbeat throughout the run (${flow.responsive.size} still open at the end)`,
  };
}
