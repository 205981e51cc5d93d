/**
 * The emulated Meeting module (reference §5.1): `Query ["Meeting"]` with `MeetingInfo` and
 * `MeetingList`, and StartMeeting, JoinMeeting, LeaveMeeting, DissolveMeeting, LeaveWaitingRoom.
 *
 * Creating and joining are asynchronous, as Tencent's event page says: the call is acknowledged
 * at once with `meeting_status` 2 (joining), and `JoinMeetingCompleted` (or `EnterWaitingRoom`)
 * follows. The actions and their rules come from a public driver and the error table only:
 * decision `docs/decisions/0208-rooms-meeting-module.md`.
 *
 * @module
 */
import { MEETING_ACTIONS, type MeetingAction } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import {
  type ActionDef,
  accepted,
  failed,
  type HandlerInfo,
  type ModuleDef,
  type Outcome,
  ok,
} from "./module.ts";
import {
  adHocPlan,
  endMeeting,
  type MeetingPlan,
  meetingFrom,
  type RoomsDeviceState,
} from "./state.ts";
import {
  cameraInfoOf,
  deviceInfoOf,
  meetingInfoOf,
  meetingListOf,
  meetingQueryOf,
  micInfoOf,
  roomsUserOf,
  speakerInfoOf,
} from "./views.ts";

const seconds = (info: HandlerInfo): number => Math.floor(info.now() / 1000);

/** The `JoinMeetingCompleted` payload (Tencent's field list). */
export function joinCompletedPayload(state: RoomsDeviceState): Record<string, unknown> {
  return {
    meeting_info: meetingInfoOf(state),
    self_user_info: roomsUserOf(state),
    device_info: deviceInfoOf(state),
    mic_info: micInfoOf(state),
    speaker_info: speakerInfoOf(state),
    camera_info: cameraInfoOf(state),
  };
}

/**
 * Enters `plan`: status 2 (joining) now; the rest (in the meeting, or the waiting room) runs as
 * the action's asynchronous part.
 */
const enter = (info: HandlerInfo, plan: MeetingPlan, roomsRole: number) => {
  info.state.meeting = { ...meetingFrom(plan, roomsRole), status: 2 };
  info.state.invite.incoming = undefined;
  return accepted(({ state }) => {
    const m = state.meeting;
    if (m?.status !== 2 || m.code !== plan.code) return;
    m.status = plan.waitingRoom && roomsRole === 3 ? 3 : 1;
  });
};

/** Why the Rooms cannot start or join a meeting now, or `undefined`. */
export const busy = (state: RoomsDeviceState, starting: boolean): Outcome | undefined => {
  if (state.meeting?.status === 4 || state.quickCastingState !== 0)
    return failed(
      starting ? 10026 : 10027,
      `cannot ${starting ? "start" : "join"} a meeting while casting: end the quick cast first (EndQuickShare)`,
    );
  if (state.meeting)
    return failed(
      10001,
      `the Rooms is already in meeting ${state.meeting.code} (meeting_status ${state.meeting.status}); LeaveMeeting first`,
    );
  return undefined;
};

const actions: Record<MeetingAction, ActionDef> = {
  StartMeeting: {
    since: MEETING_ACTIONS.StartMeeting.since,
    params: { meeting_type: "string?" },
    handle: (info) => {
      const { params, state } = info;
      const type = (params.meeting_type as string | undefined) ?? state.ability.defaultStart;
      if (type !== "instant" && type !== "pmi")
        return failed(8, `meeting_type must be "instant" or "pmi", got ${describeValue(type)}`);
      const bad = busy(state, true);
      if (bad) return bad;
      if (type === "instant" && !state.ability.instant)
        return failed(10024, "this Rooms account may not create instant meetings (Ability)");
      if (type === "pmi" && !state.ability.pmi)
        return failed(10030, "this Rooms account has no personal meeting room (Ability)");
      const code =
        type === "pmi"
          ? state.ability.pmiCode
          : String(600_000_000 + (seconds(info) % 100_000_000));
      const plan: MeetingPlan = {
        ...adHocPlan(code, seconds(info)),
        title: type === "pmi" ? `${state.roomsName}的个人会议室` : `${state.roomsName}的快速会议`,
        creatorName: state.roomsName,
      };
      return enter(info, plan, 1);
    },
  },
  JoinMeeting: {
    since: MEETING_ACTIONS.JoinMeeting.since,
    params: { meeting_code: "string", password: "string?" },
    handle: (info) => {
      const { params, state } = info;
      const code = params.meeting_code as string;
      if (!/^\d{6,12}$/.test(code))
        return failed(
          10010,
          `meeting code ${describeValue(code)} is invalid: 6 to 12 digits, spaces removed`,
        );
      const bad = busy(state, false);
      if (bad) return bad;
      if (!state.ability.join) return failed(10007, "this Rooms account may not join meetings");
      const plan = state.meetingList.find((p) => p.code === code) ?? adHocPlan(code, seconds(info));
      const password = (params.password as string | undefined) ?? "";
      if (plan.password && !password)
        return failed(10018, `meeting ${code} needs a password: pass action_params.password`);
      if (plan.password && password !== plan.password)
        return failed(10020, `wrong password for meeting ${code}`);
      return enter(info, plan, 3);
    },
  },
  LeaveMeeting: {
    since: MEETING_ACTIONS.LeaveMeeting.since,
    handle: ({ state }) => {
      if (!state.meeting || state.meeting.status === 2)
        return failed(10000, "the Rooms is not in a meeting");
      endMeeting(state, "left");
      return ok();
    },
  },
  DissolveMeeting: {
    since: MEETING_ACTIONS.DissolveMeeting.since,
    requires: ["inMeeting"],
    handle: ({ state }) => {
      if (state.meeting?.roomsRole !== 1)
        return failed(
          10022,
          "only the host can dissolve (end) the meeting; LeaveMeeting leaves it",
        );
      endMeeting(state, "dissolved");
      return ok();
    },
  },
  LeaveWaitingRoom: {
    since: MEETING_ACTIONS.LeaveWaitingRoom.since,
    handle: ({ state }) => {
      if (state.meeting?.status !== 3)
        return failed(
          1,
          "precondition failed: LeaveWaitingRoom needs the Rooms to be in a waiting room",
        );
      endMeeting(state, "left");
      return ok();
    },
  },
};

const ifStatus = (state: RoomsDeviceState, status: number) =>
  state.meeting?.status === status ? state.meeting : undefined;

/** The emulated Meeting module. */
export const meetingModule: ModuleDef = {
  name: "Meeting",
  querySince: "3.8.10",
  query: (subPath, { state }) => {
    if (subPath.length === 0) return ok(meetingQueryOf(state));
    if (subPath.length > 1) return undefined;
    if (subPath[0] === "MeetingInfo") return ok({ meeting_info: meetingInfoOf(state) });
    if (subPath[0] === "MeetingList") return ok(meetingListOf(state));
    return undefined;
  },
  actions,
  subEvents: [
    "JoinMeetingCompleted",
    "LeaveMeetingCompleted",
    "DissolveMeetingCompleted",
    "EnterWaitingRoom",
    "LeaveWaitingRoom",
    "MeetingInfoChanged",
  ],
  views: {
    // A transition event keys only the state it announces, so it fires on entering that state.
    JoinMeetingCompleted: {
      key: (s) => (ifStatus(s, 1) ? `${s.meeting?.code}` : undefined),
      payload: joinCompletedPayload,
    },
    EnterWaitingRoom: {
      key: (s) => ifStatus(s, 3)?.code,
      payload: (s) => ({ meeting_code: s.meeting?.code ?? "" }),
    },
    LeaveWaitingRoom: {
      key: (s) =>
        s.meeting?.status === 3 || !s.lastWaitingExit
          ? undefined
          : `${s.lastWaitingExit.code}:${s.lastWaitingExit.admitted}`,
      payload: (s) => ({
        meeting_code: s.lastWaitingExit?.code ?? "",
        admitted: s.lastWaitingExit?.admitted ?? false,
      }),
    },
    LeaveMeetingCompleted: {
      key: (s) =>
        !s.meeting && s.lastEnded && s.lastEnded.reason !== "dissolved"
          ? `${s.lastEnded.code}:${s.lastEnded.reason}`
          : undefined,
      payload: (s) => ({ meeting_code: s.lastEnded?.code ?? "", reason: s.lastEnded?.reason }),
    },
    DissolveMeetingCompleted: {
      key: (s) =>
        !s.meeting && s.lastEnded?.reason === "dissolved" ? s.lastEnded.code : undefined,
      payload: (s) => ({ meeting_code: s.lastEnded?.code ?? "" }),
    },
    MeetingInfoChanged: { payload: (s) => ({ meeting_info: meetingInfoOf(s) }) },
  },
};
