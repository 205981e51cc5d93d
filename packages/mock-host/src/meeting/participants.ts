/**
 * Participants of the meeting simulator: adding, changing and removing them, and the events
 * that tell open app instances (`user-join`, `inmeeting-user-info`, `user-audio-status`,
 * `speaking-members-changed`; SPEC A4). Internal.
 *
 * @module
 */
import { RoleType } from "@yiqi/jsapi";
import { MeetingError } from "./errors.ts";
import { broadcast, closeInstance, deliver } from "./instances.ts";
import { meetingUser } from "./meetingDataHandlers.ts";
import {
  cancelConfirmation,
  DEFAULT_CLIENT_VERSION,
  isRecord,
  type MeetingState,
  openInstances,
  type PState,
  person,
  recordState,
  toParticipant,
} from "./meetingState.ts";
import type { Participant, ParticipantInit, ParticipantPatch } from "./model.ts";
import { finishSession, leaveSession } from "./sessionMachine.ts";
import { supportsCollaboration } from "./version.ts";

const VALID_ROLES = new Set<number>(Object.values(RoleType));

function validateRole(role: unknown): void {
  if (typeof role !== "number" || !VALID_ROLES.has(role)) {
    throw new MeetingError("INVALID_ARGUMENT", `role must be a RoleType value (0-8), got ${role}`);
  }
}

/**
 * Add a participant; open instances get `user-join`, and with a session active the newcomer
 * gets an invitation. @throws {MeetingError} `DUPLICATE_PARTICIPANT` / `INVALID_ARGUMENT`.
 */
export function addParticipant(st: MeetingState, init: ParticipantInit): Participant {
  if (!isRecord(init) || typeof init.nickname !== "string" || init.nickname === "") {
    throw new MeetingError("INVALID_ARGUMENT", "a participant needs a non-empty nickname");
  }
  const id = init.id ?? `p${++st.counters.participant}`;
  if (st.people.has(id)) {
    throw new MeetingError("DUPLICATE_PARTICIPANT", `participant "${id}" already exists`);
  }
  const role = init.role ?? RoleType.ATTENDEE;
  validateRole(role);
  const ps: PState = {
    p: {
      id,
      msOpenId: init.msOpenId ?? st.random.string(28),
      openId: init.openId ?? st.random.string(28),
      nickname: init.nickname,
      role,
      clientVersion: init.clientVersion ?? DEFAULT_CLIENT_VERSION,
      platform: init.platform ?? "Mac",
      language: init.language ?? "zh-CN",
      authorized: init.authorized ?? false,
      district: init.district ?? 0,
      deviceId: st.random.string(32, "0123456789abcdef"),
      ...(init.avatarUrl === undefined ? {} : { avatarUrl: init.avatarUrl }),
      phoneNumber: init.phoneNumber ?? "13800138000",
      countryCode: init.countryCode ?? "86",
      customerData: init.customerData ?? "",
      userId: init.userId ?? `u-${id}`,
    },
    slot: null,
    invitation: null,
    rejoin: null,
    confirmation: null,
  };
  if (st.session && supportsCollaboration(ps.p.clientVersion)) {
    ps.invitation = st.session.activeId;
  }
  st.people.set(id, ps);
  const participant = toParticipant(ps);
  recordState(st, "participant.added", participant, { participantId: id }, "A4");
  broadcast(
    st,
    {
      name: "user-join",
      payload: {
        msOpenId: ps.p.msOpenId,
        nickname: ps.p.nickname,
        ...(ps.p.authorized ? { openId: ps.p.openId } : {}),
        roleType: ps.p.role,
        ...(ps.p.avatarUrl ? { avatar: ps.p.avatarUrl } : {}),
        openCorpId: st.app.corpId,
        userId: ps.p.userId,
      },
    },
    id,
  );
  return participant;
}

/** Change a participant; a new role or nickname sends `inmeeting-user-info` to their instances. */
export function updateParticipant(
  st: MeetingState,
  id: string,
  patch: ParticipantPatch,
): Participant {
  const ps = person(st, id);
  if (patch.role !== undefined) validateRole(patch.role);
  const before = { role: ps.p.role, nickname: ps.p.nickname };
  for (const [k, v] of Object.entries(patch)) {
    if (v !== undefined) (ps.p as Record<string, unknown>)[k] = v;
  }
  recordState(st, "participant.updated", patch, { participantId: id }, "A4");
  if (before.role !== ps.p.role || before.nickname !== ps.p.nickname) {
    const payload = {
      isHost: ps.p.role === RoleType.HOST,
      isCohost: ps.p.role === RoleType.COHOST,
      nickname: ps.p.nickname,
    };
    for (const inst of openInstances(st)) {
      if (inst.pid === id) deliver(st, inst, { name: "inmeeting-user-info", payload }, "A4");
    }
  }
  return toParticipant(ps);
}

/** Remove a participant: a joined one leaves, the starter's removal ends the session. */
export function removeParticipant(st: MeetingState, id: string): void {
  const ps = person(st, id);
  if (st.session?.starterId === id) finishSession(st, ps);
  else if (st.session?.joined.has(id)) leaveSession(st, ps);
  for (const inst of openInstances(st)) {
    if (inst.pid === id) closeInstance(st, inst, "the participant left the meeting");
  }
  cancelConfirmation(ps);
  st.people.delete(id);
  recordState(st, "participant.removed", null, { participantId: id }, "A4");
}

/** Report a participant's microphone to every open instance (`user-audio-status`). */
export function setAudio(st: MeetingState, id: string, isAudioOn: boolean): void {
  const ps = person(st, id);
  broadcast(st, { name: "user-audio-status", payload: { msOpenId: ps.p.msOpenId, isAudioOn } });
}

/**
 * Report who is speaking to every open instance: one `speaking-members-changed` per speaking
 * member, its payload the documented `MeetingUser` (decision 0118).
 */
export function setSpeaking(st: MeetingState, ids: string[]): void {
  const speakers = ids.map((id) => person(st, id));
  for (const ps of speakers) {
    broadcast(st, { name: "speaking-members-changed", payload: meetingUser(ps) });
  }
}
