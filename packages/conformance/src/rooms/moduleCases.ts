/**
 * Contract cases for every query path and action of the reference's modules beyond Share
 * (`reference/rooms-csapi.md` §5.1–§5.7), each named after its section, plus the device's bytes
 * and envelope rules. Cases tagged `decision` check what the documents leave open.
 *
 * @module
 */

import { all, call, expectCode, fail, has, isObj, query, versioned } from "./caseHelpers.ts";
import type { RequestCase, RoomsCase } from "./cases.ts";

const queries: RequestCase[] = [
  {
    name: '§5.1 Query ["Meeting"] when idle: meeting_info is an object with meeting_status 0',
    given: ["notInMeeting"],
    send: query("Meeting"),
    expect: {
      error_code: 0,
      check: (r) => {
        const mi = isObj(r.data) ? r.data.meeting_info : undefined;
        if (!isObj(mi)) return "data.meeting_info must be an object, also when idle";
        if (mi.meeting_status !== 0) return "meeting_info.meeting_status must be 0 when idle";
        return "meeting_code" in mi ? "meeting_code must be absent when idle" : undefined;
      },
    },
  },
  {
    name: '§5.1 Query ["Meeting", "MeetingInfo"] in a meeting: status 1, type -1..3, title, formatted code, meeting_time',
    given: ["inMeeting"],
    send: query("Meeting", "MeetingInfo"),
    expect: {
      error_code: 0,
      check: all(
        (r) => {
          const mi = isObj(r.data) && isObj(r.data.meeting_info) ? r.data.meeting_info : {};
          if (mi.meeting_status !== 1) return "meeting_status must be 1 in a meeting";
          if (![-1, 0, 1, 2, 3].includes(mi.meeting_type as number))
            return "meeting_type must be -1..3";
          return undefined;
        },
        has("string", "meeting_info", "meeting_title"),
        has("string", "meeting_info", "formatted_meeting_code"),
        has("string", "meeting_info", "meeting_creator_name"),
        has("number", "meeting_info", "meeting_time", "begin_time"),
        has("number", "meeting_info", "meeting_time", "end_time"),
      ),
    },
  },
  {
    name: '§5.1 Query ["Meeting", "MeetingList"]: meeting_list items with meeting_time, title, formatted code, type',
    send: query("Meeting", "MeetingList"),
    expect: {
      error_code: 0,
      check: (r) => {
        const list = isObj(r.data) ? r.data.meeting_list : undefined;
        if (!Array.isArray(list)) return "data.meeting_list must be an array";
        const bad = list.find(
          (m) =>
            !isObj(m) ||
            !isObj(m.meeting_time) ||
            typeof m.meeting_title !== "string" ||
            typeof m.formatted_meeting_code !== "string" ||
            typeof m.meeting_type !== "number",
        );
        return bad === undefined ? undefined : `malformed meeting_list item ${JSON.stringify(bad)}`;
      },
    },
  },
  {
    name: '§5.2 Query ["Device"]: mic_info, speaker_info, camera_info (frame mode), ptz_info',
    send: query("Device"),
    expect: {
      error_code: 0,
      check: all(
        has("object", "device_info"),
        has("boolean", "mic_info", "switch"),
        has("number", "mic_info", "volume"),
        has("boolean", "speaker_info", "switch"),
        has("number", "speaker_info", "volume"),
        has("boolean", "camera_info", "switch"),
        has("number", "camera_info", "camera_frame_mode", "mode"),
        has("string", "camera_info", "camera_frame_mode", "name"),
        has("boolean", "ptz_info", "support"),
      ),
    },
  },
  {
    name: '§5.2 Query ["Device", "CameraInfo"]: camera_info.switch',
    send: query("Device", "CameraInfo"),
    expect: { error_code: 0, check: has("boolean", "camera_info", "switch") },
  },
  {
    name: '§5.2 Query ["Device", "MicInfo"]: mic_info.switch',
    send: query("Device", "MicInfo"),
    expect: { error_code: 0, check: has("boolean", "mic_info", "switch") },
  },
  {
    name: '§5.2 Query ["Device", "SpeakerInfo"]: speaker_info.volume 0..100',
    send: query("Device", "SpeakerInfo"),
    expect: { error_code: 0, check: has("number", "speaker_info", "volume") },
  },
  {
    name: '§5.3 Query ["MeetingControl"]: caption state and settings',
    send: query("MeetingControl"),
    expect: {
      error_code: 0,
      check: all(
        has("boolean", "is_caption_open"),
        has("boolean", "is_caption_support"),
        has("number", "current_font_size"),
        has("array", "source_lang_settings_list"),
        has("array", "translate_lang_settings_list"),
        has("array", "support_size_arr"),
      ),
    },
  },
  {
    name: '§5.4 Query ["Invite"]: pstn.IsPstnEnable, PtsnInfo (sic), rooms.invite_type',
    send: query("Invite"),
    expect: {
      error_code: 0,
      check: all(
        has("boolean", "pstn", "IsPstnEnable"),
        has("string", "pstn", "PtsnInfo", "dial_ui_state"),
        has("number", "rooms", "invite_type"),
        has("object", "rooms", "buttons"),
      ),
    },
  },
  {
    name: '§5.5 Query ["Members"] in a meeting: user_list_info with user_id and nickname',
    given: ["inMeeting"],
    send: query("Members"),
    expect: {
      error_code: 0,
      check: (r) => {
        const list = isObj(r.data) ? r.data.user_list_info : undefined;
        if (!Array.isArray(list) || list.length === 0)
          return "data.user_list_info must be a non-empty array";
        const bad = list.find(
          (u) => !isObj(u) || typeof u.user_id !== "string" || typeof u.nickname !== "string",
        );
        return bad === undefined
          ? undefined
          : `malformed user_list_info item ${JSON.stringify(bad)}`;
      },
    },
  },
  {
    name: '§5.6 Query ["Share", "CastCode"]: message "成功" as the example prints it',
    send: query("Share", "CastCode"),
    expect: {
      error_code: 0,
      check: (r) =>
        r.message === "成功"
          ? undefined
          : `message must be "成功", got ${JSON.stringify(r.message)}`,
    },
  },
  {
    name: '§5.7 Query ["Ability"]: pre_meeting_ability.start_meeting_ability and whiteboard_ability',
    send: query("Ability"),
    expect: {
      error_code: 0,
      check: all(
        has(
          "boolean",
          "pre_meeting_ability",
          "start_meeting_ability",
          "instant_meeting_ability",
          "instant_meeting_ability_enable",
        ),
        has(
          "boolean",
          "pre_meeting_ability",
          "start_meeting_ability",
          "pmi_meeting_ability",
          "pmi_meeting_ability_enable",
        ),
        has("boolean", "pre_meeting_ability", "whiteboard_ability", "whiteboard_ability_enable"),
      ),
    },
  },
];

const meeting: RoomsCase[] = [
  {
    name: "§5.1 StartMeeting while in a meeting → 10001",
    decision: true,
    given: ["inMeeting"],
    send: call("Meeting", "StartMeeting", { meeting_type: "instant" }),
    expect: { error_code: 10001 },
  },
  {
    name: "§5.1 StartMeeting with meeting_type 7 → 8",
    decision: true,
    given: ["notInMeeting"],
    send: call("Meeting", "StartMeeting", { meeting_type: 7 }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.1 StartMeeting (instant) → 0, then meeting_status 1 and JoinMeetingCompleted with meeting_info",
    decision: true,
    run: async (ctx) => {
      await ctx.ensure(["notInMeeting"]);
      const p = await ctx.expectEvent("Meeting", "JoinMeetingCompleted", () =>
        expectCode(
          ctx,
          "Call/Meeting",
          call("Meeting", "StartMeeting", { meeting_type: "instant" }).params,
          0,
        ),
      );
      if (!isObj(p.meeting_info) || p.meeting_info.meeting_status !== 1)
        fail(`JoinMeetingCompleted lacks meeting_info with meeting_status 1: ${JSON.stringify(p)}`);
    },
  },
  {
    name: "§5.1 JoinMeeting without meeting_code → 8",
    given: ["notInMeeting"],
    send: call("Meeting", "JoinMeeting", { password: "" }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.1 JoinMeeting → 0, then JoinMeetingCompleted (Event/Meeting) with meeting_info, self_user_info, mic_info",
    run: async (ctx) => {
      await ctx.ensure(["notInMeeting"]);
      const p = await ctx.expectEvent("Meeting", "JoinMeetingCompleted", () =>
        expectCode(
          ctx,
          "Call/Meeting",
          call("Meeting", "JoinMeeting", { meeting_code: "100200300", password: "" }).params,
          0,
        ),
      );
      for (const k of ["meeting_info", "self_user_info", "mic_info", "speaker_info", "camera_info"])
        if (!isObj(p[k])) fail(`JoinMeetingCompleted lacks ${k}: ${JSON.stringify(p)}`);
    },
  },
  {
    name: "§5.1 LeaveMeeting in a meeting → 0",
    given: ["inMeeting"],
    send: call("Meeting", "LeaveMeeting"),
    expect: { error_code: 0 },
  },
  {
    name: "§5.1 DissolveMeeting when not in a meeting → 10000",
    decision: true,
    given: ["notInMeeting"],
    send: call("Meeting", "DissolveMeeting"),
    expect: { error_code: 10000 },
  },
  {
    name: "§5.1 DissolveMeeting as an attendee → 10022",
    decision: true,
    given: ["attendeeMeeting"],
    send: call("Meeting", "DissolveMeeting"),
    expect: { error_code: 10022 },
  },
  {
    name: "§5.1 DissolveMeeting as host → 0",
    decision: true,
    given: ["hostMeeting"],
    send: call("Meeting", "DissolveMeeting"),
    expect: { error_code: 0 },
  },
  {
    name: "§5.1 LeaveWaitingRoom outside a waiting room → 1",
    decision: true,
    given: ["inMeeting"],
    send: call("Meeting", "LeaveWaitingRoom"),
    expect: { error_code: 1 },
  },
];

const device: RoomsCase[] = [
  {
    name: "§5.2 EnableCamera without enable → 8",
    send: call("Device", "EnableCamera"),
    expect: { error_code: 8 },
  },
  {
    name: "§5.2 EnableCamera false when off → 20002",
    decision: true,
    given: ["cameraOff"],
    send: call("Device", "EnableCamera", { enable: false }),
    expect: { error_code: 20002 },
  },
  {
    name: "§5.2 EnableCamera true → 0, then Event/Device EnableCamera and camera_info.switch true",
    run: async (ctx) => {
      await ctx.ensure(["cameraOff"]);
      await ctx.expectEvent("Device", "EnableCamera", () =>
        expectCode(ctx, "Call/Device", call("Device", "EnableCamera", { enable: true }).params, 0),
      );
      const r = await ctx.request("Query", { path: ["Device", "CameraInfo"] });
      if (!isObj(r.data) || !isObj(r.data.camera_info) || r.data.camera_info.switch !== true)
        fail("camera_info.switch is not true afterwards");
    },
  },
  {
    name: "§5.2 EnableMic with a mistyped enable → 8",
    send: call("Device", "EnableMic", { enable: "yes" }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.2 EnableMic true when on → 20005",
    decision: true,
    given: ["micOn"],
    send: call("Device", "EnableMic", { enable: true }),
    expect: { error_code: 20005 },
  },
  {
    name: "§5.2 EnableMic false → 0, then Event/Device EnableMic",
    run: async (ctx) => {
      await ctx.ensure(["micOn"]);
      await ctx.expectEvent("Device", "EnableMic", () =>
        expectCode(ctx, "Call/Device", call("Device", "EnableMic", { enable: false }).params, 0),
      );
      await ctx.ensure(["micOn"]);
    },
  },
  {
    name: "§5.2 SetSpeakerVolume 150 → 8",
    decision: true,
    send: call("Device", "SetSpeakerVolume", { volume: 150 }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.2 SetSpeakerVolume 35 → 0, then Event/Device SetSpeakerVolume and speaker_info.volume 35",
    run: async (ctx) => {
      await expectCode(
        ctx,
        "Call/Device",
        call("Device", "SetSpeakerVolume", { volume: 60 }).params,
        0,
      );
      await ctx.expectEvent("Device", "SetSpeakerVolume", () =>
        expectCode(
          ctx,
          "Call/Device",
          call("Device", "SetSpeakerVolume", { volume: 35 }).params,
          0,
        ),
      );
      const r = await ctx.request("Query", { path: ["Device", "SpeakerInfo"] });
      if (!isObj(r.data) || !isObj(r.data.speaker_info) || r.data.speaker_info.volume !== 35)
        fail("speaker_info.volume is not 35 afterwards");
    },
  },
  {
    name: "§5.2 TestSpeaker start → 0 (action CheckSpeaker, sic) and SpeakerTestStateChange; stop → 0",
    run: async (ctx) => {
      await ctx.expectEvent("Device", "SpeakerTestStateChange", () =>
        expectCode(ctx, "Call/Device", call("Device", "TestSpeaker", { test: true }).params, 0),
      );
      await expectCode(
        ctx,
        "Call/Device",
        call("Device", "TestSpeaker", { test: false }).params,
        0,
      );
    },
  },
  {
    name: "§5.2 TestMic start → 0 and MicTestStateChange; stop → 0",
    run: async (ctx) => {
      await ctx.expectEvent("Device", "MicTestStateChange", () =>
        expectCode(ctx, "Call/Device", call("Device", "TestMic", { test: true }).params, 0),
      );
      await expectCode(ctx, "Call/Device", call("Device", "TestMic", { test: false }).params, 0);
    },
  },
  {
    name: "§5.2 TestMic without test → 8",
    decision: true,
    send: call("Device", "TestMic"),
    expect: { error_code: 8 },
  },
];

/** Query paths §5.1–§5.7, Meeting §5.1 and Device §5.2 actions. */
export const moduleContractCases: readonly RoomsCase[] = [...queries, ...meeting, ...device].map(
  versioned,
);
