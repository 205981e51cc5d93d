/**
 * Grading helper: a generated negative case (`A3.neg.*`), from the calls of its API the app made
 * itself under its condition, as the run's trace shows them.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { Grade } from "./Grade.ts";
import { gradeNegativeCase } from "./gradeNegativeCase.ts";
import { type GradingContext, isObject } from "./gradingContext.ts";
import type { NegativeScenario } from "./jsapiMetadata.ts";

const ROLE_NAMES: Readonly<Record<number, string>> = { 1: "host", 2: "cohost" };

/**
 * Finds the app's calls of `scenario.api` that the emulator rejected with the scenario's error
 * (from a participant of the scenario's role, for role conditions) and grades what followed:
 * page errors, and whether the instance still answered at the end.
 */
export function gradeObservedNegative(scenario: NegativeScenario, ctx: GradingContext): Grading {
  const matching = ctx.trace.filter((e) => {
    if (e.kind !== "call" || e.name !== scenario.api || e.instanceId === undefined) return false;
    const out = ctx.outcomeOf(e);
    const code = out?.kind === "error" && isObject(out.data) ? out.data.code : undefined;
    if (code !== scenario.error) return false;
    if (scenario.condition.kind === "role") {
      const role = ctx.roles.get(e.participantId ?? "") ?? 0;
      return (ROLE_NAMES[role] ?? "attendee") === scenario.condition.role;
    }
    return true;
  });
  const errors = matching.flatMap((e) => ctx.after(e.participantId ?? "", e.t));
  const answers = matching
    .map((e) => ctx.record.flow.responsive.get(e.participantId ?? ""))
    .filter((x): x is boolean => x !== undefined);
  const g = gradeNegativeCase(scenario, {
    called: matching.length > 0,
    ...(matching.length > 0 ? { code: scenario.error } : {}),
    errors,
    ...(answers.length > 0 ? { responsive: answers.every(Boolean) } : {}),
  });
  return g.grade === Grade.UNIMPLEMENTED
    ? {
        grade: g.grade,
        message: `${g.message}: the runner creates conditions (role, session state) and observes; it cannot make the app call ${scenario.api}`,
      }
    : g;
}
