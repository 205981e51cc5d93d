/**
 * The slice of the Meeting module the Share preconditions need: join, leave, query.
 *
 * Emulator decision (non-authoritative): the seed documents only Share; these names and shapes
 * are Yiqi's.
 *
 * @module
 */
import { MEETING_ACTIONS, type MeetingQueryData } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import { failed, type ModuleDef, ok } from "./module.ts";
import { meetingInfoFor } from "./state.ts";

/** The emulated Meeting module. */
export const meetingModule: ModuleDef = {
  name: "Meeting",
  querySince: "3.8.10",
  query: (subPath, { state }) => {
    const data: MeetingQueryData = {
      meeting: state.meeting
        ? { is_in_meeting: true, meeting_info: { ...state.meeting } }
        : { is_in_meeting: false },
    };
    if (subPath.length === 0) return ok(data);
    if (subPath.length === 1 && subPath[0] === "MeetingInfo")
      return ok({ meeting_info: state.meeting ? { ...state.meeting } : null });
    return undefined;
  },
  actions: {
    JoinMeeting: {
      since: MEETING_ACTIONS.JoinMeeting.since,
      params: { meeting_code: "string", password: "string?" },
      handle: ({ params, state }) => {
        const code = params.meeting_code as string;
        if (!/^\d{6,12}$/.test(code))
          return failed(8, `meeting_code must be 6 to 12 digits, got ${describeValue(code)}`);
        if (state.meeting)
          return failed(
            10001,
            `the Rooms is already in meeting ${state.meeting.meeting_code}; LeaveMeeting first`,
          );
        state.meeting = meetingInfoFor(code);
        return ok();
      },
    },
    LeaveMeeting: {
      since: MEETING_ACTIONS.LeaveMeeting.since,
      requires: ["inMeeting"],
      handle: ({ state }) => {
        state.meeting = undefined;
        state.share = undefined;
        state.quickCastingState = 0;
        return ok();
      },
    },
  },
  subEvents: ["MeetingStateChanged"],
};
