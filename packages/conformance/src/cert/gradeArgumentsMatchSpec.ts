/**
 * Grading helper: the arguments an app passes match the documented types.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import { apiMetadata } from "./jsapiMetadata.ts";
import type { RecordedCall } from "./RecordedCall.ts";

/** Methods that carry no app arguments to check. */
const NOT_CHECKED = new Set(["getEnvironment", "invokeUnknown"]);

/** At most this many problems are named in a message. */
const SHOWN = 5;

/**
 * Checks every recorded call's arguments against the documented type of its API (see
 * `JSAPI_METADATA`). `FAILED` lists the first problems (with the participant); a call the shim or
 * host rejected as `INVALID_ARGUMENT` counts as a problem too. Keys the reference does not define
 * and extra arguments are mentioned but do not fail. `UNIMPLEMENTED` when the app made no
 * checkable call. Unknown calls are not checked here: see `gradeUnknownCalls`.
 *
 * @example
 * ```ts
 * gradeArgumentsMatchSpec([{ method: "collaborationStart", args: [{ url: 42, pageUrl: "https://app/" }] }]);
 * // { grade: "FAILED", message: "1 call(s) do not match the documented types (docs/reference/jsapi.md): collaboration.start: url must be string, got number" }
 * ```
 */
export function gradeArgumentsMatchSpec(calls: readonly RecordedCall[]): Grading {
  const problems: string[] = [];
  const notes = new Set<string>();
  let checked = 0;
  let bad = 0;
  for (const call of calls) {
    if (NOT_CHECKED.has(call.method)) continue;
    const who = call.participantId ? `${call.participantId}: ` : "";
    const meta = apiMetadata(call.method);
    if (!meta) continue; // not an emulated API: gradeUnknownCalls lists it
    checked += 1;
    const check = meta.validate(call.args);
    const mine = check.problems.map((p) => `${who}${p}`);
    if (call.error?.code === "INVALID_ARGUMENT")
      mine.push(
        `${who}${meta.api} was rejected INVALID_ARGUMENT: ${call.error.errMsg ?? "(no message)"}`,
      );
    if (mine.length > 0) bad += 1;
    problems.push(...mine);
    for (const n of check.notes) notes.add(n);
  }
  const noteText = notes.size > 0 ? ` Notes: ${[...notes].join("; ")}.` : "";
  if (checked === 0)
    return {
      grade: Grade.UNIMPLEMENTED,
      message: "the app made no JSAPI call with arguments to check",
    };
  if (problems.length === 0)
    return {
      grade: Grade.OK,
      message: `${checked} call(s) match the documented types (docs/reference/jsapi.md).${noteText}`,
    };
  const shown = problems.slice(0, SHOWN).join("; ");
  const more = problems.length > SHOWN ? ` (and ${problems.length - SHOWN} more)` : "";
  return {
    grade: Grade.FAILED,
    message: `${bad} of ${checked} call(s) do not match the documented types (docs/reference/jsapi.md): ${shown}${more}.${noteText}`,
  };
}
