/**
 * The emulated MeetingControl module (reference §5.3): the caption query, RequestRecord,
 * StartRecord, MuteAll, ListMemberIds, MuteMember, StopVideo, RemoveMember.
 *
 * Tencent's rules: RequestRecord and StartRecord need a meeting and no recording; a Rooms that
 * is neither host nor co-host gets its RequestRecord sent to the host as a dialog. The rest
 * (who may mute, remove; the event payloads) is decision
 * `docs/decisions/0210-rooms-meeting-control.md`.
 *
 * @module
 */
import { MEETING_CONTROL_ACTIONS, type MeetingControlAction } from "@yiqi/rooms-rpc";
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
import { type MeetingState, type MemberState, ROOMS_USER_ID, roomsIsHost } from "./state.ts";
import { meetingControlQueryOf } from "./views.ts";

const E = MEETING_CONTROL_ACTIONS;

const recordState = (m: MeetingState) => ({ is_recording: m.recording });

const canRecord = (info: HandlerInfo): Outcome | undefined => {
  const m = info.state.meeting as MeetingState;
  if (!info.state.ability.record)
    return failed(50002, "recording is disabled for this Rooms account");
  if (m.recording) return failed(50003, "the meeting is already being recorded");
  return undefined;
};

/** Finds a member by `user_id`; `undefined` with the failure to answer. */
const target = (info: HandlerInfo): { member?: MemberState; self?: true; fail?: Outcome } => {
  const id = info.params.user_id as string;
  if (id === ROOMS_USER_ID) return { self: true };
  const m = info.state.meeting?.members.find((x) => x.user_id === id && !x.waiting);
  return m
    ? { member: m }
    : {
        fail: failed(
          50000,
          `user ${describeValue(id)} is not in the meeting; see Query ["Members"]`,
        ),
      };
};

const actions: Record<MeetingControlAction, ActionDef> = {
  RequestRecord: {
    since: E.RequestRecord.since,
    requires: ["inMeeting"],
    handle: (info) => {
      const bad = canRecord(info);
      if (bad) return bad;
      const host = roomsIsHost(info.state);
      if (!host && info.state.meeting?.recordRequestPending)
        return failed(17, "repeated operation: a recording request already waits for the host");
      return accepted(({ state, emit }) => {
        const m = state.meeting;
        if (!m) return;
        if (host) m.recording = true;
        else m.recordRequestPending = true;
        emit("RequestRecord", {
          error_code: 0,
          message: "",
          request_result: host ? "started" : "requested",
          ...recordState(m),
        });
      });
    },
  },
  StartRecord: {
    since: E.StartRecord.since,
    params: { mobile_address: "string" },
    requires: ["inMeeting"],
    handle: (info) => {
      const address = info.params.mobile_address as string;
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address))
        return failed(
          8,
          `parameter error: mobile_address must be an e-mail address, got ${describeValue(address)}`,
        );
      const bad = canRecord(info);
      if (bad) return bad;
      if (!roomsIsHost(info.state))
        return failed(50004, "the Rooms is not host or co-host: call RequestRecord first");
      return accepted(({ state, emit }) => {
        const m = state.meeting;
        if (!m) return;
        m.recording = true;
        emit("StartRecord", { error_code: 0, message: "", ...recordState(m) });
      });
    },
  },
  MuteAll: {
    since: E.MuteAll.since,
    params: { audio_allow_unmute_by_self: "boolean" },
    requires: ["inMeeting", "host"],
    handle: ({ params }) => {
      const allow = params.audio_allow_unmute_by_self as boolean;
      return accepted(({ state, emit }) => {
        const m = state.meeting;
        if (!m) return;
        m.muteAll = true;
        m.allowUnmuteBySelf = allow;
        for (const x of m.members) if (x.role !== 1) x.audio_on = false;
        emit("MuteAll", { error_code: 0, message: "", audio_allow_unmute_by_self: allow });
      });
    },
  },
  ListMemberIds: {
    since: E.ListMemberIds.since,
    params: { begin_count: "integer", type: "integer", end_count: "integer" },
    requires: ["inMeeting"],
    handle: ({ params, state }) => {
      const { begin_count: begin, end_count: end, type } = params as Record<string, number>;
      if (type !== 0 && type !== 1)
        return failed(
          8,
          `parameter error: type must be 1 (participants) or 0 (waiting room), got ${type}`,
        );
      if (begin! < 0 || end! < begin!)
        return failed(
          8,
          `parameter error: need 0 <= begin_count <= end_count, got ${begin}..${end}`,
        );
      const members = state.meeting?.members ?? [];
      const ids =
        type === 1
          ? [ROOMS_USER_ID, ...members.filter((m) => !m.waiting).map((m) => m.user_id)]
          : members.filter((m) => m.waiting).map((m) => m.user_id);
      return ok(ids.slice(begin, end! + 1));
    },
  },
  MuteMember: {
    since: E.MuteMember.since,
    params: { user_id: "string" },
    requires: ["inMeeting", "host"],
    handle: (info) => {
      const t = target(info);
      if (t.fail) return t.fail;
      if (t.self) {
        if (!info.state.devices.mic.switch) return failed(17, "repeated operation: already muted");
        info.state.devices.mic.switch = false;
        return ok();
      }
      if (!t.member?.audio_on) return failed(17, "repeated operation: the member is already muted");
      t.member.audio_on = false;
      return ok();
    },
  },
  StopVideo: {
    since: E.StopVideo.since,
    params: { user_id: "string" },
    requires: ["inMeeting", "host"],
    handle: (info) => {
      const t = target(info);
      if (t.fail) return t.fail;
      if (t.self) {
        if (!info.state.devices.camera.switch)
          return failed(17, "repeated operation: the video is already off");
        info.state.devices.camera.switch = false;
        return ok();
      }
      if (!t.member?.video_on)
        return failed(17, "repeated operation: the member's video is already off");
      t.member.video_on = false;
      return ok();
    },
  },
  RemoveMember: {
    since: E.RemoveMember.since,
    params: { user_id: "string", allow_join: "boolean" },
    requires: ["inMeeting", "host"],
    handle: (info) => {
      const t = target(info);
      if (t.fail) return t.fail;
      if (t.self)
        return failed(50001, "the Rooms cannot remove itself: use Call/Meeting LeaveMeeting");
      const m = info.state.meeting as MeetingState;
      const member = t.member as MemberState;
      if (member.role === 1) return failed(10022, "the host cannot be removed");
      m.members = m.members.filter((x) => x !== member);
      if (!info.params.allow_join) m.blocked.push(member.user_id);
      if (info.state.share?.userId === member.user_id) info.state.share = undefined;
      return ok();
    },
  },
};

/** The emulated MeetingControl module. */
export const meetingControlModule: ModuleDef = {
  name: "MeetingControl",
  querySince: "3.8.10",
  query: (subPath, { state }) =>
    subPath.length === 0 ? ok(meetingControlQueryOf(state)) : undefined,
  actions,
  subEvents: ["RequestRecord", "StartRecord", "MuteAll", "RecordStateChanged"],
  views: {
    RecordStateChanged: {
      payload: (s) => ({
        is_recording: s.meeting?.recording ?? false,
        record_request_pending: s.meeting?.recordRequestPending ?? false,
      }),
    },
  },
};
