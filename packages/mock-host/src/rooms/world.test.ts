import assert from "node:assert/strict";
import { test } from "node:test";
import { authProtocol } from "@yiqi/rooms-rpc";
import { RoomsDevice } from "./RoomsDevice.ts";
import { ROOMS_USER_ID } from "./state.ts";

const req = (method: string, params: Record<string, unknown> = {}, id = "1") =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

// Test reads of nested wire data: loosely typed on purpose.
// biome-ignore lint/suspicious/noExplicitAny: the tests index deep into answers
type Result = { error_code: number; message: string; action?: string; data?: any };
const q = (d: RoomsDevice, ...path: string[]): Result =>
  JSON.parse(d.handle(req("Query", { path }))).result;
const c = (d: RoomsDevice, module: string, action: string, action_params?: object): Result =>
  JSON.parse(
    d.handle(req(`Call/${module}`, action_params ? { action, action_params } : { action })),
  ).result;

/** A subscribed connection collecting `module/sub_event` of every event. */
const watch = (d: RoomsDevice, path: string[] = []) => {
  const events: string[] = [];
  const payloads: Record<string, unknown>[] = [];
  const conn = d.connect(
    {
      send: (t) => {
        const m = JSON.parse(t);
        if (m.params?.sub_event) {
          events.push(`${m.method.slice(6)}/${m.params.sub_event}`);
          payloads.push(m.params);
        }
      },
      close: () => {},
    },
    { protocols: [authProtocol("123456")] },
  );
  conn.receive(req("Subscribe", { path }));
  return { events, payloads, conn };
};

test("Meeting: idle meeting_info; JoinMeeting is acknowledged, then JoinMeetingCompleted", () => {
  const d = new RoomsDevice({ now: () => 1_767_225_600_000 });
  assert.deepEqual(q(d, "Meeting", "MeetingInfo").data, { meeting_info: { meeting_status: 0 } });
  const w = watch(d, ["Meeting"]);
  assert.equal(
    c(d, "Meeting", "JoinMeeting", { meeting_code: "123456789", password: "" }).error_code,
    0,
  );
  // Acknowledged while joining (status 2), then completed (status 1).
  assert.deepEqual(w.events, [
    "Meeting/MeetingInfoChanged",
    "Meeting/JoinMeetingCompleted",
    "Meeting/MeetingInfoChanged",
  ]);
  const info = q(d, "Meeting", "MeetingInfo").data.meeting_info;
  assert.equal(info.meeting_status, 1);
  assert.equal(info.formatted_meeting_code, "123 456 789");
  assert.equal(info.meeting_type, 0);
  assert.deepEqual(info.meeting_time, { begin_time: 1_767_225_600, end_time: 1_767_229_200 });
  assert.equal(c(d, "Meeting", "JoinMeeting", { meeting_code: "123456789" }).error_code, 10001);
  assert.equal(c(d, "Meeting", "DissolveMeeting").error_code, 10022);
  assert.equal(c(d, "Meeting", "LeaveMeeting").error_code, 0);
  assert.ok(w.events.includes("Meeting/LeaveMeetingCompleted"));
  assert.equal(c(d, "Meeting", "JoinMeeting", { meeting_code: "300400500" }).error_code, 10018);
  assert.equal(
    c(d, "Meeting", "JoinMeeting", { meeting_code: "300400500", password: "x" }).error_code,
    10020,
  );
  assert.equal(c(d, "Meeting", "JoinMeeting", { meeting_code: "12 34" }).error_code, 10010);
  // A meeting with a waiting room: status 3 until the host admits the Rooms.
  assert.equal(c(d, "Meeting", "JoinMeeting", { meeting_code: "400500600" }).error_code, 0);
  assert.equal(q(d, "Meeting", "MeetingInfo").data.meeting_info.meeting_status, 3);
  assert.ok(w.events.includes("Meeting/EnterWaitingRoom"));
  assert.equal(
    c(d, "Share", "StopShare").error_code,
    10000,
    "the waiting room is not in a meeting",
  );
  d.world.admit();
  assert.equal(q(d, "Meeting", "MeetingInfo").data.meeting_info.meeting_status, 1);
  assert.ok(w.events.includes("Meeting/LeaveWaitingRoom"));
});

test("Meeting: StartMeeting makes the Rooms host; DissolveMeeting ends it for everyone", () => {
  const d = new RoomsDevice();
  assert.equal(c(d, "Meeting", "StartMeeting", { meeting_type: "instant" }).error_code, 0);
  const self = q(d, "Meeting").data.self_info;
  assert.equal(self.user_id, ROOMS_USER_ID);
  assert.equal(self.host, true);
  assert.equal(c(d, "Meeting", "DissolveMeeting").error_code, 0);
  assert.equal(d.state.lastEnded?.reason, "dissolved");
  d.update((s) => {
    s.ability.instant = false;
  });
  assert.equal(c(d, "Meeting", "StartMeeting", { meeting_type: "instant" }).error_code, 10024);
});

test("async actions can finish later (asyncDelayMs): joining shows meeting_status 2 first", async () => {
  const d = new RoomsDevice({ asyncDelayMs: 5 });
  assert.equal(c(d, "Meeting", "JoinMeeting", { meeting_code: "123456789" }).error_code, 0);
  assert.deepEqual(q(d, "Meeting", "MeetingInfo").data.meeting_info, { meeting_status: 2 });
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(q(d, "Meeting", "MeetingInfo").data.meeting_info.meeting_status, 1);
});

test("Device: switches answer 20001/20002 when repeated; tests answer CheckSpeaker (sic) with events", () => {
  const d = new RoomsDevice();
  const w = watch(d, ["Device"]);
  assert.equal(c(d, "Device", "EnableCamera", { enable: true }).error_code, 20001);
  assert.equal(c(d, "Device", "EnableCamera", { enable: false }).error_code, 0);
  assert.equal(q(d, "Device", "CameraInfo").data.camera_info.switch, false);
  assert.equal(c(d, "Device", "EnableCamera", { enable: false }).error_code, 20002);
  assert.equal(c(d, "Device", "SetSpeakerVolume", { volume: 101 }).error_code, 8);
  assert.equal(c(d, "Device", "SetSpeakerVolume", { volume: 30 }).error_code, 0);
  assert.equal(q(d, "Device", "SpeakerInfo").data.speaker_info.volume, 30);
  const t = c(d, "Device", "TestSpeaker", { test: true });
  assert.deepEqual([t.error_code, t.action], [0, "CheckSpeaker"]);
  assert.equal(c(d, "Device", "TestSpeaker", { test: true }).error_code, 17);
  d.world.setDevices((x) => {
    x.mic.present = false;
  });
  assert.equal(c(d, "Device", "EnableMic", { enable: false }).error_code, 20004);
  assert.deepEqual(w.events, [
    "Device/EnableCamera",
    "Device/SetSpeakerVolume",
    "Device/SpeakerTestStateChange",
    "Device/SpeakerTestVolumeChange",
  ]);
  assert.equal(
    new RoomsDevice({ version: "3.8.10" })
      .handle(req("Call/Device", { action: "TestMic", action_params: { test: true } }))
      .includes('"error_code": 9'),
    true,
  );
});

test("MeetingControl: host mutes and removes; a non-host's RequestRecord goes to the host", () => {
  const d = new RoomsDevice();
  d.enterMeeting("123456789", true);
  const w = watch(d, ["MeetingControl"]);
  const ids: string[] = c(d, "MeetingControl", "ListMemberIds", {
    begin_count: 0,
    end_count: 9,
    type: 1,
  }).data;
  assert.equal(ids[0], ROOMS_USER_ID);
  assert.equal(ids.length, 5);
  assert.deepEqual(
    c(d, "MeetingControl", "ListMemberIds", { begin_count: 0, end_count: 9, type: 0 }).data.length,
    1,
  );
  assert.equal(c(d, "MeetingControl", "MuteMember", { user_id: ids[2] }).error_code, 0);
  assert.equal(c(d, "MeetingControl", "MuteMember", { user_id: ids[2] }).error_code, 17);
  assert.equal(c(d, "MeetingControl", "MuteMember", { user_id: "nobody" }).error_code, 50000);
  assert.equal(
    c(d, "MeetingControl", "RemoveMember", { user_id: ids[3], allow_join: false }).error_code,
    0,
  );
  assert.equal(q(d, "Members").data.user_list_info.length, 4);
  assert.equal(
    c(d, "MeetingControl", "RemoveMember", { user_id: ROOMS_USER_ID, allow_join: true }).error_code,
    50001,
  );
  assert.equal(
    c(d, "MeetingControl", "MuteAll", { audio_allow_unmute_by_self: false }).error_code,
    0,
  );
  assert.equal(q(d, "MeetingControl").data.meeting_info.is_mute_all, true);
  assert.equal(c(d, "MeetingControl", "StartRecord", { mobile_address: "not-mail" }).error_code, 8);
  assert.equal(c(d, "MeetingControl", "StartRecord", { mobile_address: "a@b.cn" }).error_code, 0);
  assert.equal(c(d, "MeetingControl", "RequestRecord").error_code, 50003);
  d.leaveMeeting();
  d.enterMeeting("123456789");
  assert.equal(
    c(d, "MeetingControl", "MuteAll", { audio_allow_unmute_by_self: true }).error_code,
    10022,
  );
  assert.equal(
    c(d, "MeetingControl", "StartRecord", { mobile_address: "a@b.cn" }).error_code,
    50004,
  );
  assert.equal(c(d, "MeetingControl", "RequestRecord").error_code, 0);
  assert.equal(d.state.meeting?.recordRequestPending, true);
  assert.equal(c(d, "MeetingControl", "RequestRecord").error_code, 17);
  assert.equal(d.world.answerRecordRequest(true), true);
  assert.equal(d.state.meeting?.recording, true);
  const results = w.payloads
    .filter((p) => p.sub_event === "RequestRecord")
    .map((p) => p.request_result);
  assert.deepEqual(results, ["requested", "granted"]);
  assert.ok(w.events.includes("MeetingControl/MuteAll"));
});

test("Invite: dial out, hang up; accept an incoming invitation joins its meeting", () => {
  const d = new RoomsDevice();
  assert.equal(c(d, "Invite", "DialPstn", { phone_number: "+8613800000000" }).error_code, 0);
  assert.equal(q(d, "Invite").data.pstn.PtsnInfo.dial_ui_state, "2");
  assert.equal(q(d, "Meeting", "MeetingInfo").data.meeting_info.meeting_status, 5);
  assert.equal(c(d, "Invite", "DialPstn", { phone_number: "+8613800000001" }).error_code, 40005);
  assert.equal(c(d, "Invite", "HangUpPstn").error_code, 0);
  assert.equal(c(d, "Invite", "HangUpPstn").error_code, 40006);
  assert.equal(c(d, "Invite", "AcceptInvite").error_code, 10002);
  d.world.setInvitation({ code: "200300400", inviter: "Alice Chen" });
  assert.equal(q(d, "Invite").data.rooms.invite_type, 1);
  assert.equal(c(d, "Invite", "AcceptInvite").error_code, 0);
  assert.equal(q(d, "Meeting", "MeetingInfo").data.meeting_info.meeting_title, "Weekly sync");
  assert.equal(q(d, "Invite").data.rooms.invite_type, 0);
});

test("Share rules: only the Rooms's own share can be ended; StopWindowShare stops window shares only", () => {
  const d = new RoomsDevice({ inMeeting: true });
  d.setRemoteShare("Bob Li");
  assert.equal(q(d, "Share").data.share.share_info.share_user_info.nickname, "Bob Li");
  for (const a of ["EndQuickShare", "CancelQuickShare", "StopWindowShare"])
    assert.equal(c(d, "Share", a).error_code, 1, a);
  assert.equal(d.state.share?.sharer, "remote");
  assert.equal(c(d, "Share", "StartShare", { share_type: 1, fluency_first: true }).error_code, 0);
  assert.match(c(d, "Share", "StopWindowShare").message, /StopShare/);
  assert.equal(c(d, "Share", "StopShare").error_code, 0);
  assert.equal(
    c(d, "Share", "StartWindowShare", { share_voice: false, fluency_first: true }).error_code,
    0,
  );
  assert.equal(c(d, "Share", "StopWindowShare").error_code, 0);
});

test("Members, Ability and the busy scene; queries of query-only modules reject actions with 9", () => {
  const d = new RoomsDevice({ scene: "busy" });
  const m = q(d, "Members").data;
  assert.equal(m.user_list_info[0].user_id, ROOMS_USER_ID);
  assert.deepEqual(m.user_count_info, { total_count: 5, waiting_room_count: 1 });
  assert.equal(q(d, "Share").data.share.share_info.share_user_info.nickname, "Bob Li");
  assert.equal(q(d, "MeetingControl").data.meeting_info.is_recording, true);
  assert.equal(q(d, "Invite").data.rooms.invite_type, 1);
  assert.equal(
    q(d, "Ability").data.pre_meeting_ability.start_meeting_ability.pmi_meeting_ability.pmi_code,
    "555666777",
  );
  assert.equal(c(d, "Ability", "Anything").error_code, 9);
  assert.equal(q(d, "Members", "X").error_code, 6);
});

test("rate limit (off by default): over the window answers 10 and does not act", () => {
  let now = 0;
  const d = new RoomsDevice({ now: () => now, rateLimit: { maxRequests: 2, windowMs: 1000 } });
  const frames: { result: Result }[] = [];
  const conn = d.connect(
    { send: (t) => frames.push(JSON.parse(t)), close: () => {} },
    { protocols: [authProtocol("123456")] },
  );
  for (let i = 0; i < 3; i++) conn.receive(req("Query", { path: ["Share"] }, `r${i}`));
  assert.deepEqual(
    frames.map((f) => f.result.error_code),
    [0, 0, 10],
  );
  assert.match(frames[2]?.result.message ?? "", /2 requests per 1000 ms/);
  now = 1000;
  conn.receive(req("Query", { path: ["Share"] }, "r3"));
  assert.equal(frames[3]?.result.error_code, 0);
});
