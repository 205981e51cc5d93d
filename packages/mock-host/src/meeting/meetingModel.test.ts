import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "./meeting.ts";
import { startAndJoin } from "./testing/modelDriver.ts";

test("a local Meeting is a MeetingModel: a driver that awaits changes runs it unchanged", async () => {
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });
  const connect = (pid: string): void => {
    meeting.openInstance(pid, { url: meeting.app().url });
  };
  const members = await startAndJoin(meeting, "p1", "p2", connect);
  assert.deepEqual(members.sort(), ["p1", "p2"]);
  assert.equal(meeting.view("p2").app?.scene, "inCollaboration");
});
