/**
 * Changes to the device's world that the Rooms itself, its users or the other participants make
 * (not the control API): what the `RoomsDevice` controls, the `yiqi rooms` console and the
 * harness panel apply. Pure functions over the state; the device diffs them into events.
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";
import { describeValue } from "./describe.ts";
import {
  adHocPlan,
  admitRooms,
  DEFAULT_MEETING_CODE,
  endMeeting,
  type MemberState,
  meetingFrom,
  memberState,
  type RoomsDeviceState,
} from "./state.ts";

/** Enters a meeting at once (no-op when already in one); the Rooms is an attendee unless `host`. */
export function enterMeeting(
  s: RoomsDeviceState,
  nowSeconds: number,
  code: string = DEFAULT_MEETING_CODE,
  host = false,
): void {
  if (s.meeting) return;
  const plan = s.meetingList.find((p) => p.code === code) ?? adHocPlan(code, nowSeconds);
  s.meeting = meetingFrom({ ...plan, waitingRoom: false }, host ? 1 : 3);
  s.invite.incoming = undefined;
}

/** Leaves the meeting (or waiting room); any share and quick cast end with it. */
export function leaveMeeting(s: RoomsDeviceState): void {
  endMeeting(s, "left");
}

/**
 * Sets the quick-cast (会前投屏) state: 1 preparing; 2 a laptop casts (a cast meeting,
 * `meeting_status` 4, when not in one); 0 stops it.
 */
export function setQuickCast(s: RoomsDeviceState, state: 0 | 1 | 2, nowSeconds: number): void {
  s.quickCastingState = state;
  if (state === 2) {
    if (!s.meeting)
      s.meeting = meetingFrom(adHocPlan(s.castCode.padEnd(9, "0"), nowSeconds, 3), 1, 4);
    s.share = {
      sharer: "quickcast",
      shareType: 0,
      shareVoice: true,
      fluencyFirst: false,
      selectIndex: 0,
    };
  } else if (s.share?.sharer === "quickcast") {
    s.share = undefined;
    if (state === 0 && s.meeting?.status === 4) endMeeting(s, "left");
  }
}

/**
 * Another participant starts sharing (`who`: a nickname or user id; a new member when unknown)
 * or stops (`undefined`). Needs a meeting.
 */
export function setRemoteShare(s: RoomsDeviceState, who: string | undefined): void {
  if (who === undefined) {
    if (s.share?.sharer === "remote") s.share = undefined;
    return;
  }
  const m = s.meeting;
  if (m?.status !== 1) return;
  let member = m.members.find((x) => (x.nickname === who || x.user_id === who) && !x.waiting);
  if (!member) member = addMember(s, who);
  if (!member) return;
  s.share = {
    sharer: "remote",
    shareType: 0,
    shareVoice: false,
    fluencyFirst: false,
    selectIndex: 0,
    userId: member.user_id,
  };
}

/** Adds a participant to the meeting (or its waiting room); returns it. */
export function addMember(
  s: RoomsDeviceState,
  nickname: string,
  extra: Partial<MemberState> = {},
): MemberState | undefined {
  const m = s.meeting;
  if (!m) return undefined;
  const n = m.members.length + 10;
  const member = memberState(2, n, nickname, 3, extra);
  m.members.push(member);
  return member;
}

/** Finds a member by nickname or user id. */
export const findMember = (s: RoomsDeviceState, who: string): MemberState | undefined =>
  s.meeting?.members.find((x) => x.nickname === who || x.user_id === who);

/** A participant leaves (their share ends with them). */
export function removeMember(s: RoomsDeviceState, who: string): void {
  const m = s.meeting;
  const member = findMember(s, who);
  if (!m || !member) return;
  m.members = m.members.filter((x) => x !== member);
  if (s.share?.userId === member.user_id) s.share = undefined;
}

/** Admits a member from the waiting room, or the Rooms itself (`who` omitted). */
export function admit(s: RoomsDeviceState, who?: string): void {
  if (who === undefined) {
    admitRooms(s);
    return;
  }
  const member = findMember(s, who);
  if (member) member.waiting = false;
}

/** The Rooms's roles in its meeting: 1 host, 2 co-host, 3 attendee. */
export const ROOMS_ROLES = { host: 1, cohost: 2, attendee: 3 } as const;

/** A role of {@link ROOMS_ROLES}. */
export type RoomsRole = (typeof ROOMS_ROLES)[keyof typeof ROOMS_ROLES];

/**
 * Checks a role for {@link setRoomsRole}.
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` naming the value and the allowed ones.
 */
export function assertRoomsRole(role: unknown): asserts role is RoomsRole {
  if ((Object.values(ROOMS_ROLES) as unknown[]).includes(role)) return;
  const allowed = Object.entries(ROOMS_ROLES)
    .map(([name, n]) => `${n} (${name})`)
    .join(", ");
  throw new MeetingError(
    "INVALID_ARGUMENT",
    `setRoomsRole(${describeValue(role, 40)}): the Rooms's role must be ${allowed}`,
  );
}

/**
 * Sets the Rooms's role in its meeting (1 host, 2 co-host, 3 attendee).
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` for any other value, before anything changes.
 */
export function setRoomsRole(s: RoomsDeviceState, role: RoomsRole): void {
  assertRoomsRole(role);
  if (s.meeting) s.meeting.roomsRole = role;
}

/** Shows an invitation to join `code` on the Rooms, or withdraws it (`undefined`). */
export function setInvitation(
  s: RoomsDeviceState,
  invitation: { code: string; inviter?: string; title?: string; password?: string } | undefined,
): void {
  s.invite.incoming = invitation && {
    code: invitation.code,
    inviter: invitation.inviter ?? "Alice Chen",
    title: invitation.title ?? `Yiqi meeting ${invitation.code}`,
    password: invitation.password ?? "",
  };
}

/** Starts or stops the meeting's recording (someone else records, or stops). */
export function setRecording(s: RoomsDeviceState, on: boolean): void {
  if (!s.meeting) return;
  s.meeting.recording = on;
  if (on) s.meeting.recordRequestPending = false;
}

/** The host answers a pending RequestRecord: granted starts the recording. */
export function answerRecordRequest(s: RoomsDeviceState, grant: boolean): boolean {
  const m = s.meeting;
  if (!m?.recordRequestPending) return false;
  m.recordRequestPending = false;
  if (grant) m.recording = true;
  return true;
}

/** The busy world of the demo: a meeting with members, a remote sharer and an invitation. */
export function stageBusyWorld(s: RoomsDeviceState, nowSeconds: number): void {
  enterMeeting(s, nowSeconds);
  setRemoteShare(s, "Bob Li");
  setRecording(s, true);
  setInvitation(s, { code: "200300400", title: "Weekly sync" });
}
