/**
 * App instances of the meeting simulator: opening and closing them, and delivering `wemeet`
 * events to them (docs/decisions/0101 and 0103). Internal.
 *
 * @module
 */
import {
  type CollaborationAction,
  compareVersions,
  JSAPI_EVENTS,
  type WemeetEventMessage,
  type WemeetEventName,
} from "@yiqi/jsapi";
import {
  cancelConfirmation,
  type IState,
  inMeetingScene,
  inSession,
  type MeetingState,
  newKey,
  openInstances,
  type PState,
  recordState,
  sceneOf,
} from "./meetingState.ts";
import type { OpenScene } from "./model.ts";
import { expectReport, newNoticeState } from "./notices.ts";
import type { SpecRef } from "./trace.ts";

/**
 * Whether `inst` gets event `name` (decision `eventGates`, 0118): its client's version and
 * platform have the event (`JSAPI_EVENTS`) and it runs in a meeting scene.
 */
function receives(st: MeetingState, inst: IState, name: WemeetEventName): boolean {
  if (!st.decisions.eventGates) return true;
  const ps = st.people.get(inst.pid);
  if (!ps) return false;
  const e = JSAPI_EVENTS[name];
  return (
    compareVersions(ps.p.clientVersion, e.since) >= 0 &&
    e.platforms.includes(ps.p.platform) &&
    inMeetingScene(sceneOf(st, inst))
  );
}

/** Trace an event for an open instance and hand it to the instance's listeners. */
export function deliver(
  st: MeetingState,
  inst: IState,
  msg: WemeetEventMessage,
  spec: SpecRef,
): void {
  if (inst.closed || !receives(st, inst, msg.name)) return;
  const entry = st.trace.record({
    kind: "event",
    name: msg.name,
    data: msg.payload,
    spec,
    participantId: inst.pid,
    instanceId: inst.id,
  });
  // The delivery's id is its trace entry: the client's handling notice quotes it (0306).
  expectReport(inst, entry.seq, msg.name, spec);
  const delivered = { ...msg, id: entry.seq } as WemeetEventMessage;
  for (const l of inst.events) {
    try {
      l(delivered);
    } catch {
      // The adapter's listener failing is the adapter's problem.
    }
  }
}

/** Deliver an event to every open instance, except those of participant `except`. */
export function broadcast(st: MeetingState, msg: WemeetEventMessage, except?: string): void {
  for (const inst of openInstances(st)) {
    if (inst.pid !== except) deliver(st, inst, msg, "A4");
  }
}

/** Who gets `collaboration-change` now (the `eventAudience` decision). */
export function collaborationAudience(st: MeetingState): IState[] {
  return st.decisions.eventAudience === "all-open"
    ? openInstances(st)
    : openInstances(st).filter((i) => inSession(st, i));
}

/** Deliver `collaboration-change` for `actor`'s `action` to `audience`. */
export function emitCollaboration(
  st: MeetingState,
  action: CollaborationAction,
  actor: PState,
  activeId: string,
  audience: IState[],
): void {
  const payload = {
    action,
    activeId,
    msOpenId: actor.p.msOpenId,
    ...(actor.p.authorized ? { openId: actor.p.openId } : {}),
    timestamp: st.clock.now(),
  };
  for (const inst of audience) {
    deliver(st, inst, { name: "collaboration-change", payload }, "A3");
  }
}

/**
 * Close an instance: trace it, run its close listeners, and cancel a confirmation dialog its
 * participant had open (it can no longer be answered).
 */
export function closeInstance(st: MeetingState, inst: IState, reason: string): void {
  if (inst.closed) return;
  inst.closed = true;
  inst.closeReason = reason;
  const ps = st.people.get(inst.pid);
  if (ps?.slot?.instanceId === inst.id) ps.slot.instanceId = null;
  recordState(st, "instance.closed", { reason }, { participantId: inst.pid, instanceId: inst.id });
  const listeners = [...inst.closes];
  inst.closes.clear();
  inst.events.clear();
  for (const l of listeners) {
    try {
      l(reason);
    } catch {
      // Isolated, as every listener.
    }
  }
  // A dialog raised from a closed app cannot be answered any more.
  if (ps) cancelConfirmation(ps);
  forgetClosed(st);
}

/**
 * Bound the closed instances a meeting remembers (decision 0017): beyond
 * `st.maxClosedInstances`, forget the oldest closed ones, except the latest instance of each
 * participant still in the meeting (what "their app" means to a test). The trace keeps their
 * history; a host API still held by a forgotten instance keeps refusing calls (closed).
 */
export function forgetClosed(st: MeetingState): void {
  let closed = 0;
  for (const inst of st.insts.values()) if (inst.closed) closed++;
  if (closed <= st.maxClosedInstances) return;
  const latest = new Map<string, IState>();
  for (const inst of st.insts.values()) latest.set(inst.pid, inst);
  for (const inst of st.insts.values()) {
    if (closed <= st.maxClosedInstances) break;
    if (!inst.closed || (latest.get(inst.pid) === inst && st.people.has(inst.pid))) continue;
    st.insts.delete(inst.id);
    closed--;
  }
}

/**
 * Bind a new instance to participant `pid`'s (`ps`) app panel (opening the panel at `url` if it has
 * none), after closing any other open instance of theirs ("replaced"). The caller has checked
 * the URL and traces `instance.opened`.
 */
export function addInstance(
  st: MeetingState,
  pid: string,
  ps: PState,
  url: string,
  origin: string | null,
  scene: OpenScene = ps.slot?.scene ?? "inMeeting",
): IState {
  for (const old of openInstances(st)) {
    if (old.pid === pid) closeInstance(st, old, "replaced by a new instance");
  }
  const inst: IState = {
    id: `i${++st.counters.instance}`,
    pid,
    url,
    origin,
    closed: false,
    closeReason: null,
    config: { visible: true },
    authorized: false,
    scene,
    shareOpenAppConfig: null,
    windowShared: false,
    position: "side_bar",
    events: new Set(),
    closes: new Set(),
    notices: newNoticeState(),
  };
  st.insts.set(inst.id, inst);
  if (!ps.slot) ps.slot = { url, scene, key: newKey(st), instanceId: null };
  ps.slot.instanceId = inst.id;
  return inst;
}
