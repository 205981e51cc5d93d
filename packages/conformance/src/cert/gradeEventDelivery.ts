/**
 * Grading helper: every open instance receives a `collaboration-change` action and the app
 * handles it. Delivery to the client proves nothing about the app; a case is OK only when the
 * app's own listener ran for the event in every instance without throwing and no page error
 * followed (decision 0306). The evidence is the client's report (`eventHandling.ts`); for a
 * client that predates reports, the instance reacting (a DOM change, a call) is a labelled,
 * weaker fallback.
 *
 * @module
 */
import type { Grading } from "./CertCaseResult.ts";
import { type HandlingReport, stackHead } from "./eventHandling.ts";
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
   * What the clients that report handling said about each delivery (the first-class evidence,
   * decision 0306); a participant with a report is graded from it alone.
   */
  reports?: readonly HandlingReport[];
  /**
   * Fallback for a client that predates reports: participants in which a `collaboration-change`
   * listener of the app was seen to run by the page's call recorder.
   */
  handled: readonly string[];
  /**
   * Fallback for a client that predates reports: participants whose instance reacted within the
   * window (its DOM changed or it made a call). Weaker: an animation also mutates the DOM.
   */
  reacted: readonly string[];
  /** Page errors in the settle window after the event. */
  errors: readonly PageError[];
}

/** How a grade says the app did not handle an event by the fallback evidence. */
export const NOT_HANDLED =
  'the app did not handle it: its client does not report handling, and no collaboration-change listener of the app was seen to run (wemeet.addEventListener("collaboration-change", …)) and the instance did not react (no DOM change, no call)';

/** Why `r` says the app did not handle the event, or `undefined` when it did. */
function reportProblem(r: HandlingReport, action: string): string | undefined {
  const p = r.participantId;
  if (r.listeners === null)
    return `${p}'s client reports handling but sent no report for collaboration-change ${action} within the settle time`;
  if (r.listeners === 0)
    return `${p} registers no listener for collaboration-change (${action} was delivered; wemeet.addEventListener("collaboration-change", …) was never called or the listener was removed)`;
  if (r.threw > 0) {
    const [e] = r.errors;
    const what = e ? `${e.name ? `${e.name}: ` : ""}${e.message}` : "(no message)";
    const where = e?.stack ? `\n${stackHead(e.stack, what)}` : "";
    return `${p}'s collaboration-change listener threw on ${action} (${r.threw} of ${r.listeners} listener(s)): ${what}${where}`;
  }
  return undefined;
}

/**
 * `OK` when every expected participant received each action, the app's listener ran for it
 * without throwing (reported by its client; or, for a client that predates reports, the
 * instance reacted) and no page error followed; `FAILED` otherwise; `UNIMPLEMENTED` when the
 * action never happened (the runner could not drive it, e.g. nobody joined).
 *
 * @example
 * ```ts
 * gradeEventDelivery([
 *   { action: "join", expected: ["p1"], received: ["p1"], errors: [], handled: [], reacted: [],
 *     reports: [{ participantId: "p1", listeners: 1, threw: 0, errors: [] }] },
 * ]); // OK
 * ```
 */
export function gradeEventDelivery(observations: readonly EventDeliveryObservation[]): Grading {
  if (observations.length === 0)
    return { grade: Grade.UNIMPLEMENTED, message: "the action never happened in this run" };
  const problems: string[] = [];
  const fallback = new Set<string>();
  for (const o of observations) {
    const missing = o.expected.filter((p) => !o.received.includes(p));
    if (missing.length > 0)
      problems.push(`${missing.join(", ")} did not receive collaboration-change ${o.action}`);
    const unhandled: string[] = [];
    for (const p of o.expected.filter((x) => o.received.includes(x))) {
      const reports = (o.reports ?? []).filter((r) => r.participantId === p);
      if (reports.length > 0) {
        for (const r of reports) {
          const problem = reportProblem(r, o.action);
          if (problem) problems.push(problem);
        }
      } else if (o.handled.includes(p) || o.reacted.includes(p)) fallback.add(p);
      else unhandled.push(p);
    }
    if (unhandled.length > 0)
      problems.push(
        `${unhandled.join(", ")} received collaboration-change ${o.action} but ${NOT_HANDLED}`,
      );
    for (const e of o.errors) problems.push(`after ${o.action}, ${describePageError(e)}`);
  }
  if (problems.length > 0) return { grade: Grade.FAILED, message: problems.join("; ") };
  const n = new Set(observations.flatMap((o) => o.expected)).size;
  const how =
    fallback.size === 0
      ? "the app's listener ran without throwing, as its client reported"
      : `the app's listener ran without throwing, as its client reported; for ${[...fallback].join(", ")} only by the weaker fallback evidence (a client that predates handling reports: the instance reacted with a DOM change or a call)`;
  return {
    grade: Grade.OK,
    message: `${observations.length} event(s) delivered to ${n} instance(s) and handled (${how}), no page error after`,
  };
}
