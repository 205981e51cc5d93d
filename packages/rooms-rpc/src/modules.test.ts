import assert from "node:assert/strict";
import { test } from "node:test";
import { createDeviceApi } from "./device.ts";
import { createInviteApi } from "./invite.ts";
import { createMeetingApi } from "./meeting.ts";
import { createMeetingControlApi } from "./meetingControl.ts";
import { createAbilityApi, createMembersApi } from "./members.ts";
import { actionSince, ROOMS_ACTIONS, ROOMS_QUERY_PATHS } from "./modules.ts";
import type { RoomsCaller } from "./share.ts";

/** A caller that records what each helper sends. */
const recorder = () => {
  const sent: string[] = [];
  const caller: RoomsCaller = {
    query: async <D>(path: readonly string[]) => {
      sent.push(`Query ${path.join("/")}`);
      return {} as D;
    },
    call: async <D>(module: string, action: string, params?: object) => {
      sent.push(`Call/${module} ${action} ${JSON.stringify(params ?? null)}`);
      return { error_code: 0, message: "", action, data: ["1", "2"] as D };
    },
  };
  return { sent, caller };
};

test("the typed helpers send each module's actions and query paths", async () => {
  const { sent, caller } = recorder();
  const meeting = createMeetingApi(caller);
  await meeting.start();
  await meeting.join({ meeting_code: "123456789", password: "" });
  await meeting.queryInfo();
  await meeting.queryList();
  const device = createDeviceApi(caller);
  await device.enableCamera(false);
  await device.setSpeakerVolume(35);
  await device.testSpeaker(true);
  await device.queryMic();
  const control = createMeetingControlApi(caller);
  assert.deepEqual(await control.listMemberIds({ begin_count: 0, end_count: 1, type: 1 }), [
    "1",
    "2",
  ]);
  await control.startRecord("it@example.com");
  await control.removeMember("u1", true);
  await createInviteApi(caller).dialPstn({ phone_number: "+861380000" });
  await createMembersApi(caller).query();
  await createAbilityApi(caller).query();
  assert.deepEqual(sent, [
    'Call/Meeting StartMeeting {"meeting_type":"instant"}',
    'Call/Meeting JoinMeeting {"meeting_code":"123456789","password":""}',
    "Query Meeting/MeetingInfo",
    "Query Meeting/MeetingList",
    'Call/Device EnableCamera {"enable":false}',
    'Call/Device SetSpeakerVolume {"volume":35}',
    'Call/Device TestSpeaker {"test":true}',
    "Query Device/MicInfo",
    'Call/MeetingControl ListMemberIds {"begin_count":0,"end_count":1,"type":1}',
    'Call/MeetingControl StartRecord {"mobile_address":"it@example.com"}',
    'Call/MeetingControl RemoveMember {"user_id":"u1","allow_join":true}',
    'Call/Invite DialPstn {"phone_number":"+861380000"}',
    "Query Members",
    "Query Ability",
  ]);
});

test("the action table: versions per module, 13 query paths", () => {
  assert.equal(actionSince("Device", "TestMic"), "3.9.150");
  assert.equal(actionSince("MeetingControl", "RequestRecord"), "3.9.150");
  assert.equal(actionSince("Meeting", "StartMeeting"), "3.8.10");
  assert.equal(actionSince("Share", "toString"), undefined);
  assert.equal(actionSince("constructor", "x"), undefined);
  const count = Object.values(ROOMS_ACTIONS).reduce((n, a) => n + Object.keys(a).length, 0);
  // The reference tables: Meeting 5, Device 5, MeetingControl 7, Share 8; Invite 4 (decision 0211).
  assert.equal(count, 29);
  assert.equal(ROOMS_QUERY_PATHS.length, 13);
});
