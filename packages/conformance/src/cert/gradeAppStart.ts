/**
 * Grading helper: the start cases, judged only from `collaboration.start` calls the app made
 * itself (the runner never clicks inside an app, so it cannot make the app start).
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import type { CaseId } from "./certCases.ts";
import { Grade } from "./Grade.ts";
import { type GradingContext, isObject } from "./gradingContext.ts";
import { describePageError } from "./PageError.ts";
import type { SimTraceEntry } from "./RunRecord.ts";

/** The cases {@link gradeAppStart} grades. */
export type AppStartCaseId = Extract<
  CaseId,
  | "A3.start.canceled-handled"
  | "A3.start.attendee-rejected"
  | "A3.start.failed-handled"
  | "A2.start.status-handled"
>;

/**
 * Grades `id` from the app's own start calls: UNIMPLEMENTED when it never made one under the
 * case's condition; FAILED (or NON-STRICT for the SHOULD) when a page error followed.
 */
export function gradeAppStart(id: AppStartCaseId, ctx: GradingContext): Grading {
  const { startCalls, outcomeOf, roles, after } = ctx;
  if (startCalls.length === 0)
    return {
      grade: Grade.UNIMPLEMENTED,
      message:
        "the app never called collaboration.start itself (sessions were started from the client's 一起用 button), so its handling of start statuses could not be observed",
    };
  const classify = (call: SimTraceEntry): "SUCCESS" | "CANCELED" | "FAILED" => {
    const out = outcomeOf(call);
    if (!out || out.kind === "error") return "FAILED";
    const status = isObject(out.data) ? out.data.status : undefined;
    return status === 1 ? "CANCELED" : status === 2 ? "FAILED" : "SUCCESS";
  };
  const codeOf = (call: SimTraceEntry): string | undefined => {
    const out = outcomeOf(call);
    return out?.kind === "error" && isObject(out.data) && typeof out.data.code === "string"
      ? out.data.code
      : undefined;
  };
  const check = (picked: readonly SimTraceEntry[], what: string, none: string): Grading => {
    if (picked.length === 0) return { grade: Grade.UNIMPLEMENTED, message: none };
    const errors = picked.flatMap((e) => after(e.participantId ?? "", e.t));
    if (errors.length > 0)
      return {
        grade: Grade.FAILED,
        message: `${what}, and the app did not handle it: ${errors
          .slice(0, 3)
          .map(describePageError)
          .join("; ")}`,
      };
    return { grade: Grade.OK, message: `${what}; the app handled it with no page error` };
  };
  switch (id) {
    case "A3.start.canceled-handled":
      return check(
        startCalls.filter((c) => classify(c) === "CANCELED"),
        "the app's own start met a dismissed confirmation (CANCELED)",
        "the app called collaboration.start, but never while the confirmation was dismissed (it only starts on its own after loading), so a CANCELED start was not observed",
      );
    case "A3.start.attendee-rejected":
      return check(
        startCalls.filter(
          (c) => (roles.get(c.participantId ?? "") ?? 0) >= 3 && codeOf(c) === "NOT_PERMITTED",
        ),
        "an attendee's instance called collaboration.start and it was rejected NOT_PERMITTED",
        "the app never called collaboration.start from an attendee's instance; the client hides the 一起用 button from attendees, so this cannot be driven from outside the app",
      );
    case "A3.start.failed-handled":
      return check(
        startCalls.filter((c) => codeOf(c) === "SESSION_ACTIVE"),
        "the app called collaboration.start while a session was active and it was rejected SESSION_ACTIVE",
        "the app never called collaboration.start while a session was active",
      );
    case "A2.start.status-handled": {
      const seen = new Set(startCalls.map(classify));
      const errors = startCalls.flatMap((e) => after(e.participantId ?? "", e.t));
      if (errors.length > 0)
        return {
          grade: Grade.NON_STRICT,
          message: `a start status was not handled: ${errors.slice(0, 3).map(describePageError).join("; ")}`,
        };
      const all = ["SUCCESS", "CANCELED", "FAILED"] as const;
      const missing = all.filter((s) => !seen.has(s));
      return missing.length === 0
        ? { grade: Grade.OK, message: "SUCCESS, CANCELED and FAILED starts were all handled" }
        : {
            grade: Grade.UNIMPLEMENTED,
            message: `observed ${[...seen].join(", ")} (handled); ${missing.join(", ")} never happened to the app's own start calls`,
          };
    }
  }
}
