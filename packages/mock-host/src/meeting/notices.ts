/**
 * The client's handling notices (decision 0306): what an instance's `@yiqi/jsapi` client says
 * about the app's listeners becomes trace entries of that instance. Who sent a notice is the
 * instance the connection is bound to, never anything in the notice; the event a `handled`
 * notice is about is the host's own record of the delivery its `eventId` names. Internal.
 *
 * | notice                        | trace entry (kind `state`)                                   |
 * | ----------------------------- | ------------------------------------------------------------ |
 * | `hello`                       | `client.reportsHandling` `{ protocol }`                      |
 * | `listener` add / remove       | `listener.add` / `listener.remove` `{ event, count }`        |
 * | `handled`, listeners > 0      | `event.handled` `{ event, eventSeq, listeners, threw }`      |
 * | `handled`, listeners = 0      | `event.unhandled` `{ event, eventSeq, listeners: 0 }`        |
 * | each error of `handled`       | `event.handlerError` `{ event, eventSeq, name, message, stack }` |
 * | `batch`                       | each of its notices' entries, in order (decision 0019)       |
 * | `batch` refused as a whole    | `notice.refused` `{ reason, notices }`                       |
 *
 * @module
 */
import {
  type HostResult,
  JSAPI_EVENTS,
  MAX_NOTICE_BATCH,
  NOTICE_LIMITS,
  type WemeetEventName,
  type WemeetNotice,
  type WemeetNoticeBatch,
} from "@yiqi/jsapi";
import { fail, ok } from "./errors.ts";
import { type IState, instanceIds, isRecord, type MeetingState } from "./meetingState.ts";
import type { SpecRef } from "./trace.ts";

/** Deliveries an instance may leave unreported before the oldest is forgotten. */
export const MAX_PENDING_REPORTS = 64;

/** The highest listener count a notice may state. */
const MAX_LISTENERS = 10_000;

/** An empty notice state, for a new instance. */
export function newNoticeState(): IState["notices"] {
  return { reporting: false, pending: new Map(), settled: new Set() };
}

/** Remembers that event `id` (`name`) was delivered to `inst`, awaiting its client's report. */
export function expectReport(inst: IState, id: number, name: WemeetEventName, spec: SpecRef): void {
  const { pending } = inst.notices;
  pending.set(id, { name, spec });
  if (pending.size > MAX_PENDING_REPORTS) pending.delete(pending.keys().next().value as number);
}

/** Resolves once `inst`'s client reported every delivered event (at once if it never reports). */
export function reportsSettled(inst: IState): Promise<void> {
  const n = inst.notices;
  if (!n.reporting || n.pending.size === 0) return Promise.resolve();
  return new Promise((resolve) => n.settled.add(resolve));
}

const str = (v: unknown, max: number): string =>
  typeof v === "string" ? (v.length > max ? `${v.slice(0, max - 1)}…` : v) : "";

const count = (v: unknown): number | undefined =>
  Number.isInteger(v) && (v as number) >= 0 && (v as number) <= MAX_LISTENERS
    ? (v as number)
    : undefined;

const bad = (why: string): HostResult<null> => fail("INVALID_ARGUMENT", `notify: ${why}`);

/** Records `notice` from `inst`'s client; a malformed one is refused and records nothing. */
export function recordNotice(st: MeetingState, inst: IState, notice: unknown): HostResult<null> {
  if (!isRecord(notice)) return bad("pass a notice object { kind, … }");
  const ids = instanceIds(inst);
  const n = notice as Partial<WemeetNotice | WemeetNoticeBatch> & Record<string, unknown>;
  switch (n.kind) {
    case "hello": {
      if (inst.closed) return fail("INSTANCE_CLOSED", `app instance ${inst.id} is closed`);
      inst.notices.reporting = true;
      const data = { protocol: Number(n.protocol) || 0 };
      st.trace.record({ kind: "state", name: "client.reportsHandling", data, spec: "A1", ...ids });
      return ok(null);
    }
    case "listener": {
      if (inst.closed) return fail("INSTANCE_CLOSED", `app instance ${inst.id} is closed`);
      const event = n.event as WemeetEventName;
      const c = count(n.count);
      if (typeof event !== "string" || !Object.hasOwn(JSAPI_EVENTS, event))
        return bad(`unknown event ${JSON.stringify(str(n.event, 100))}`);
      if (c === undefined) return bad(`count must be an integer 0..${MAX_LISTENERS}`);
      if (n.change !== "add" && n.change !== "remove")
        return bad('change must be "add" or "remove"');
      const spec: SpecRef = event === "collaboration-change" ? "A3" : "A4";
      st.trace.record({
        kind: "state",
        name: `listener.${n.change}`,
        data: { event, count: c },
        spec,
        ...ids,
      });
      return ok(null);
    }
    case "handled":
      return recordHandled(st, inst, n);
    case "batch":
      return recordBatch(st, inst, n.notices);
    default:
      return bad(`unknown kind ${JSON.stringify(str(n.kind, 100))}`);
  }
}

/**
 * A `batch` (a client that saw `noticeBatches: 1`): each notice recorded in order, as if it had
 * come alone. One that is not a list of 1..{@link MAX_NOTICE_BATCH} notices is refused as a
 * whole, records none of them and is traced (`notice.refused`): a client never sends one. A
 * refused notice inside (a nested batch too) records nothing, the others are recorded.
 */
function recordBatch(st: MeetingState, inst: IState, notices: unknown): HostResult<null> {
  const size = Array.isArray(notices) ? notices.length : undefined;
  if (size === undefined || size === 0 || size > MAX_NOTICE_BATCH) {
    const reason = `a batch carries 1..${MAX_NOTICE_BATCH} notices as a list; this one ${size === undefined ? "has no list" : `has ${size}`}`;
    const data = { reason, notices: size ?? null };
    st.trace.record({
      kind: "state",
      name: "notice.refused",
      data,
      spec: "A1",
      ...instanceIds(inst),
    });
    return bad(reason);
  }
  let refused = 0;
  let first = "";
  for (const [i, notice] of (notices as unknown[]).entries()) {
    const r =
      isRecord(notice) && notice.kind === "batch"
        ? bad("a batch cannot hold a batch")
        : recordNotice(st, inst, notice);
    if (!r.ok && refused++ === 0) first = `#${i}: ${r.error.errMsg}`;
  }
  return refused === 0 ? ok(null) : bad(`${refused} of ${size} notices refused, first ${first}`);
}

/** A `handled` notice: the delivery it names must be one of this instance's, reported once. */
function recordHandled(
  st: MeetingState,
  inst: IState,
  n: Record<string, unknown>,
): HostResult<null> {
  const eventSeq = n.eventId;
  const delivery = typeof eventSeq === "number" ? inst.notices.pending.get(eventSeq) : undefined;
  // A delivery that happened while the instance was open may be reported after it closed.
  if (!delivery)
    return bad(`eventId ${String(eventSeq)} is no unreported event delivered to this instance`);
  const listeners = count(n.listeners);
  const threw = count(n.threw);
  if (listeners === undefined || threw === undefined || threw > listeners)
    return bad("listeners and threw must be integers, threw <= listeners");
  const ids = instanceIds(inst);
  const { name: event, spec } = delivery;
  inst.notices.pending.delete(eventSeq as number);
  st.trace.record({
    kind: "state",
    name: listeners > 0 ? "event.handled" : "event.unhandled",
    data: listeners > 0 ? { event, eventSeq, listeners, threw } : { event, eventSeq, listeners },
    spec,
    ...ids,
  });
  const errors = Array.isArray(n.errors) ? n.errors.slice(0, NOTICE_LIMITS.errors) : [];
  for (const e of errors) {
    const r = isRecord(e) ? e : {};
    st.trace.record({
      kind: "state",
      name: "event.handlerError",
      data: {
        event,
        eventSeq,
        name: str(r.name, 100),
        message: str(r.message, NOTICE_LIMITS.message),
        stack: str(r.stack, NOTICE_LIMITS.stack),
      },
      spec,
      ...ids,
    });
  }
  if (inst.notices.pending.size === 0) {
    const waiting = [...inst.notices.settled];
    inst.notices.settled.clear();
    for (const w of waiting) w();
  }
  return ok(null);
}
