/**
 * Grading helper: calls outside the emulated surface, listed.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import { type RecordedCall, unknownCallPath } from "./RecordedCall.ts";

/** One API outside the emulated surface and who called it. */
export interface UnknownCallSummary {
  path: string;
  count: number;
  participants: string[];
}

/** A {@link Grading} that also carries the list. */
export interface UnknownCallsGrading extends Grading {
  unknown: UnknownCallSummary[];
}

/**
 * Lists the `invokeUnknown` calls by path: `INFORMATIONAL` when there are any (it is not an
 * error to call undocumented APIs, but Yiqi cannot vouch for them), `OK` when there are none.
 *
 * @example
 * ```ts
 * gradeUnknownCalls([{ method: "invokeUnknown", args: [{ path: "ui.setWebModalAction", args: [] }] }]);
 * // { grade: "INFORMATIONAL", message: "1 API outside the emulated surface: ui.setWebModalAction ×1", unknown: [...] }
 * ```
 */
export function gradeUnknownCalls(calls: readonly RecordedCall[]): UnknownCallsGrading {
  const byPath = new Map<string, UnknownCallSummary>();
  for (const call of calls) {
    const path = unknownCallPath(call);
    if (path === undefined) continue;
    const s = byPath.get(path) ?? { path, count: 0, participants: [] };
    s.count += 1;
    if (call.participantId && !s.participants.includes(call.participantId))
      s.participants.push(call.participantId);
    byPath.set(path, s);
  }
  const unknown = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  if (unknown.length === 0)
    return { grade: Grade.OK, message: "every call is inside the emulated surface", unknown };
  const list = unknown.map((u) => `${u.path} ×${u.count}`).join(", ");
  return {
    grade: Grade.INFORMATIONAL,
    message: `${unknown.length} API${unknown.length === 1 ? "" : "s"} outside the emulated surface: ${list}`,
    unknown,
  };
}
