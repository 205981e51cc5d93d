/**
 * The collaboration session state machine (SPEC A3; docs/decisions/0100 rules, 0101 events,
 * 0102 confirmation, 0103 instances, 0104 versions): start, end, join, leave. It reads and
 * changes only the {@link MeetingState} it is given, so it is tested alone
 * (`sessionMachine.test.ts`). Every failure is a `HostResult` error; nothing throws. Internal.
 *
 * @module
 */
import type { AppHandleResp, HostResult } from "@yiqi/jsapi";
import { AppHandleRespType } from "@yiqi/jsapi";
import type { ConfirmationPolicy } from "./decisions.ts";
import { fail, ok } from "./errors.ts";
import { closeInstance, collaborationAudience, emitCollaboration } from "./instances.ts";
import {
  changed,
  entryLabel,
  HOSTISH,
  type IState,
  type MeetingState,
  newKey,
  type PState,
  recordState,
  roleName,
  type Session,
  slotInstance,
} from "./meetingState.ts";
import { appUrlProblem } from "./sessionUrl.ts";
import { API_GATES, supportsCollaboration, versionError } from "./version.ts";

/**
 * The confirmation dialog before a start or end (decision 0102): `accept` / `cancel` answer at
 * once; `ask` waits for `ui.answerConfirmation` (the participant's view shows the dialog).
 */
function confirm(
  st: MeetingState,
  ps: PState,
  kind: "start" | "end",
  policy: ConfirmationPolicy,
): Promise<boolean> | boolean {
  if (policy === "accept" || policy === "cancel") {
    const accepted = policy === "accept";
    recordState(st, "confirmation.auto", { kind, accepted, policy }, { participantId: ps.p.id });
    return accepted;
  }
  const message =
    kind === "start"
      ? `Start ${entryLabel(st)} "${st.app.name}" for everyone in the meeting?`
      : `End ${entryLabel(st)} "${st.app.name}" for everyone?`;
  return new Promise<boolean>((resolve) => {
    ps.confirmation = { kind, message, resolve };
    recordState(st, "confirmation.pending", { kind, message }, { participantId: ps.p.id });
  });
}

/**
 * Start a session from `ps`'s instance `inst` (the app's call or the client's button), at
 * `urlArg`, else the instance's configured url, else its page URL.
 */
export async function startSession(
  st: MeetingState,
  ps: PState,
  inst: IState | null,
  urlArg: string | undefined,
): Promise<HostResult<AppHandleResp>> {
  const label = entryLabel(st);
  if (!st.app.collaboration) {
    return fail(
      "NOT_PERMITTED",
      `${label} is not enabled for app "${st.app.name}" (console setting)`,
    );
  }
  if (!HOSTISH.has(ps.p.role)) {
    return fail(
      "NOT_PERMITTED",
      `only the host and co-hosts may start ${label}; ${ps.p.nickname} is ${roleName(ps.p.role)}`,
    );
  }
  if (st.session) {
    return fail(
      "SESSION_ACTIVE",
      `a ${label} session is already active (activeId ${st.session.activeId}); end it first`,
    );
  }
  if ([...st.people.values()].some((o) => o.confirmation?.kind === "start")) {
    return fail("SESSION_ACTIVE", "another start is waiting for its confirmation dialog");
  }
  if (ps.confirmation) {
    return fail("NOT_PERMITTED", "a confirmation dialog is already open for this participant");
  }
  if (!inst) {
    return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open to start from`);
  }
  const url = urlArg ?? inst.config.url ?? inst.url;
  const badUrl = appUrlProblem(url, "collaboration.start: url");
  if (badUrl) return fail("INVALID_ARGUMENT", badUrl);
  const accepted = await confirm(st, ps, "start", st.decisions.confirmStart);
  ps.confirmation = null;
  if (!accepted) {
    changed(st);
    return ok({ status: AppHandleRespType.CANCELED, message: "the user canceled" });
  }
  // The state may have moved while the dialog was open.
  const meanwhile = st.session as Session | null;
  if (meanwhile) {
    return fail("SESSION_ACTIVE", `a session started meanwhile (activeId ${meanwhile.activeId})`);
  }
  if (inst.closed || !st.people.has(ps.p.id)) {
    return ok({ status: AppHandleRespType.CANCELED, message: "the app closed before starting" });
  }
  const s: Session = {
    activeId: st.random.string(16, "0123456789abcdef"),
    url,
    starterId: ps.p.id,
    startedAt: st.clock.now(),
    joined: new Set(),
  };
  st.session = s;
  for (const other of st.people.values()) {
    other.rejoin = null;
    other.invitation =
      other !== ps && supportsCollaboration(other.p.clientVersion) ? s.activeId : null;
  }
  recordState(
    st,
    "session.started",
    { activeId: s.activeId, url, screenShare: st.app.screenShare },
    { participantId: ps.p.id, instanceId: inst.id },
  );
  emitCollaboration(st, "start", ps, s.activeId, collaborationAudience(st));
  return ok({ status: AppHandleRespType.SUCCESS, message: "ok" });
}

/**
 * End the session with `actor` as the acting participant, without any check: every joined
 * instance closes, invitations and rejoin bars go (decision 0101 orders event and close).
 */
export function finishSession(st: MeetingState, actor: PState): void {
  const s = st.session;
  if (!s) return;
  const audience = collaborationAudience(st);
  const joinedInstances = [...s.joined]
    .map((pid) => st.people.get(pid))
    .filter((x): x is PState => x !== undefined);
  st.session = null;
  for (const o of st.people.values()) {
    o.invitation = null;
    o.rejoin = null;
  }
  recordState(st, "session.ended", { activeId: s.activeId }, { participantId: actor.p.id });
  if (st.decisions.eventBeforeClose) emitCollaboration(st, "end", actor, s.activeId, audience);
  for (const o of joinedInstances) {
    const inst = slotInstance(st, o);
    if (inst) closeInstance(st, inst, "一起用 ended");
    o.slot = null;
  }
  if (!st.decisions.eventBeforeClose) {
    emitCollaboration(
      st,
      "end",
      actor,
      s.activeId,
      audience.filter((i) => !i.closed),
    );
  }
  changed(st);
}

/** `ps` ends the session: only its starter, or any host/co-host by decision (0100). */
export async function endSession(st: MeetingState, ps: PState): Promise<HostResult<AppHandleResp>> {
  const s = st.session;
  if (!s) return fail("NO_ACTIVE_SESSION", "there is no active session to end");
  const hosts = st.decisions.endPermission === "hosts";
  const allowed = s.starterId === ps.p.id || (hosts && HOSTISH.has(ps.p.role));
  if (!allowed) {
    const who = hosts
      ? "the starter, the host or a co-host"
      : `the starter (${st.people.get(s.starterId)?.p.nickname ?? s.starterId})`;
    return fail("NOT_PERMITTED", `only ${who} may end ${entryLabel(st)}`);
  }
  if (ps.confirmation) {
    return fail("NOT_PERMITTED", "a confirmation dialog is already open for this participant");
  }
  const accepted = await confirm(st, ps, "end", st.decisions.confirmEnd);
  ps.confirmation = null;
  if (!accepted) {
    changed(st);
    return ok({ status: AppHandleRespType.CANCELED, message: "the user canceled" });
  }
  if (st.session !== s) return fail("NO_ACTIVE_SESSION", "the session ended meanwhile");
  finishSession(st, ps);
  return ok({ status: AppHandleRespType.SUCCESS, message: "ok" });
}

/**
 * `ps` joins the session: from the app (`inst`, which becomes a session instance) or from the
 * client's invitation / rejoin bar (`null`: a NEW instance opens at the session URL).
 */
export function joinSession(st: MeetingState, ps: PState, inst: IState | null): HostResult<null> {
  const { name, versions } = API_GATES.collaborationJoin;
  const gate = versionError<null>(ps.p.clientVersion, name, versions);
  if (gate) return gate;
  const s = st.session;
  if (!s) return fail("NO_ACTIVE_SESSION", "there is no active session to join");
  if (s.starterId === ps.p.id || s.joined.has(ps.p.id)) {
    return fail("ALREADY_JOINED", `${ps.p.nickname} is already in the session ${s.activeId}`);
  }
  s.joined.add(ps.p.id);
  ps.invitation = null;
  ps.rejoin = null;
  if (!inst) {
    // From the invitation / rejoin bar: the client opens a NEW instance at the session URL.
    const old = slotInstance(st, ps);
    if (old) closeInstance(st, old, "replaced by the 一起用 instance");
    ps.slot = { url: s.url, scene: "inMeeting", key: newKey(st), instanceId: null };
  }
  recordState(
    st,
    "session.joined",
    { activeId: s.activeId, via: inst ? "app" : "client", url: ps.slot?.url ?? s.url },
    { participantId: ps.p.id, ...(inst ? { instanceId: inst.id } : {}) },
  );
  emitCollaboration(st, "join", ps, s.activeId, collaborationAudience(st));
  return ok(null);
}

/** `ps` leaves the session; the starter's leave follows the `starterLeave` decision. */
export function leaveSession(st: MeetingState, ps: PState): HostResult<null> {
  const s = st.session;
  if (!s) return fail("NOT_JOINED", `${ps.p.nickname} is not in a session (none is active)`);
  if (s.starterId === ps.p.id) {
    if (st.decisions.starterLeave === "end") {
      finishSession(st, ps);
      return ok(null);
    }
    return fail("NOT_PERMITTED", "the starter cannot leave; end the session instead");
  }
  if (!s.joined.has(ps.p.id)) {
    return fail("NOT_JOINED", `${ps.p.nickname} has not joined the session ${s.activeId}`);
  }
  const audience = collaborationAudience(st);
  s.joined.delete(ps.p.id);
  ps.rejoin = s.activeId;
  recordState(st, "session.left", { activeId: s.activeId }, { participantId: ps.p.id });
  if (st.decisions.eventBeforeClose) emitCollaboration(st, "leave", ps, s.activeId, audience);
  const inst = slotInstance(st, ps);
  if (inst) closeInstance(st, inst, "left 一起用");
  ps.slot = null;
  if (!st.decisions.eventBeforeClose) {
    emitCollaboration(
      st,
      "leave",
      ps,
      s.activeId,
      audience.filter((i) => !i.closed),
    );
  }
  changed(st);
  return ok(null);
}
