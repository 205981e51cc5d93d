/**
 * What each instance's `@yiqi/jsapi` client reported about handling a `collaboration-change`
 * action, read from the simulator trace (decision 0306): the client says `hello`
 * (`client.reportsHandling`), then reports every delivered event as `event.handled` (its
 * listeners ran; `threw` of them threw, each as `event.handlerError`) or `event.unhandled` (it
 * has no listener). The entries name the delivery by its trace seq (`eventSeq`) and carry the
 * instance the connection belongs to, so nothing here trusts what the app says about itself.
 *
 * @module
 */
import { isObject } from "./gradingContext.ts";
import type { SimTraceEntry, TimeWindow } from "./RunRecord.ts";

/** A listener that threw, as the client reported it (bounded by the client and the host). */
export interface HandlerErrorEvidence {
  /** The error's `name` (e.g. `TypeError`); empty when the report carried none. */
  name: string;
  /** The error's `message`; empty when the report carried none. */
  message: string;
  /** The error's `stack` as reported (cut by the client; see {@link stackHead}); empty when none. */
  stack: string;
}

/** One participant's client report of one delivery. */
export interface HandlingReport {
  /** The participant whose app instance the event was delivered to. */
  participantId: string;
  /**
   * The app's listeners that ran for the event (0: it registers none). `null` when the client
   * reports handling but its report of this delivery never arrived.
   */
  listeners: number | null;
  /** How many of them threw. */
  threw: number;
  /** The first errors thrown (name, message, stack). */
  errors: readonly HandlerErrorEvidence[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * The reports of every delivery of collaboration-change `action` to `expected` within `w`, for
 * the instances whose client reports handling. Participants whose client predates reports have
 * none: their evidence is the fallback (a DOM change or a call). Pure: it reads only `trace` and
 * never throws; entries it cannot read (no `eventSeq`, non-object data) are skipped.
 *
 * @param o The delivery to look for: the `collaboration-change` payload's `action` (e.g. `join`)
 *   and the participant ids expected to receive it.
 * @param w The time window (inclusive, ms on the trace's clock) the delivery's `t` must fall in.
 * @param trace The simulator trace, as read from `window.yiqiHarness.meeting.trace`.
 * @returns One report per matching delivery, in trace order (a participant with two instances
 *   gets two); empty when no expected participant's client reports handling.
 *
 * @example
 * ```ts
 * const at = { participantId: "p1", instanceId: "i1" };
 * const trace = [
 *   { seq: 1, t: 0, kind: "state", ...at, name: "client.reportsHandling", data: {} },
 *   { seq: 2, t: 5, kind: "event", ...at, name: "collaboration-change", data: { action: "join" } },
 *   { seq: 3, t: 6, kind: "state", ...at, name: "event.handled", data: { eventSeq: 2, listeners: 1, threw: 0 } },
 * ];
 * handlingReports({ action: "join", expected: ["p1"] }, { from: 0, to: Infinity }, trace);
 * // [{ participantId: "p1", listeners: 1, threw: 0, errors: [] }]
 * ```
 */
export function handlingReports(
  o: { action: string; expected: readonly string[] },
  w: TimeWindow,
  trace: readonly SimTraceEntry[],
): HandlingReport[] {
  const reporting = new Set(
    trace.filter((e) => e.name === "client.reportsHandling").map((e) => e.instanceId),
  );
  const bySeq = new Map<number, SimTraceEntry[]>();
  for (const e of trace) {
    if (e.kind !== "state" || !e.name.startsWith("event.") || !isObject(e.data)) continue;
    const seq = e.data.eventSeq;
    if (typeof seq !== "number") continue;
    const list = bySeq.get(seq) ?? [];
    list.push(e);
    bySeq.set(seq, list);
  }
  const reports: HandlingReport[] = [];
  for (const d of trace) {
    if (
      d.kind !== "event" ||
      d.name !== "collaboration-change" ||
      d.t < w.from ||
      d.t > w.to ||
      d.participantId === undefined ||
      !o.expected.includes(d.participantId) ||
      !isObject(d.data) ||
      d.data.action !== o.action ||
      !reporting.has(d.instanceId)
    )
      continue;
    const about = (bySeq.get(d.seq) ?? []).filter((e) => e.instanceId === d.instanceId);
    const outcome = about.find((e) => e.name === "event.handled" || e.name === "event.unhandled");
    const data = isObject(outcome?.data) ? outcome.data : {};
    reports.push({
      participantId: d.participantId,
      listeners: outcome && typeof data.listeners === "number" ? data.listeners : null,
      threw: typeof data.threw === "number" ? data.threw : 0,
      errors: about
        .filter((e) => e.name === "event.handlerError" && isObject(e.data))
        .map((e) => {
          const x = e.data as Record<string, unknown>;
          return { name: str(x.name), message: str(x.message), stack: str(x.stack) };
        }),
    });
  }
  return reports;
}

/**
 * The first frames of a stack (a report cites where, not the whole stack), without V8's
 * `Name: message` header line when it repeats `what`. Never throws.
 *
 * @param stack The stack text, lines separated by `\n`.
 * @param what The `Name: message` line to drop when it is the stack's first line (default: none).
 * @param lines How many lines to keep (default 4).
 *
 * @example
 * ```ts
 * stackHead("TypeError: x\n    at a (app.js:1:1)\n    at b (app.js:2:1)", "TypeError: x", 1);
 * // "    at a (app.js:1:1)"
 * ```
 */
export function stackHead(stack: string, what = "", lines = 4): string {
  const all = stack.split("\n");
  const frames = what !== "" && all[0]?.trim() === what.trim() ? all.slice(1) : all;
  return frames.slice(0, lines).join("\n");
}
