import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "./meeting.ts";
import type { MeetingModel } from "./meetingModel.ts";

/** A driver written against the model: awaits every change, reads at once. */
async function startAndJoin(
  m: MeetingModel,
  host: string,
  guest: string,
  connect: (pid: string) => void,
): Promise<string[]> {
  const opened = await m.ui.openApp(host);
  assert.equal(opened.ok, true);
  connect(host);
  const started = await m.ui.clickStart(host);
  assert.equal(started.ok, true);
  const joined = await m.ui.join(guest);
  assert.equal(joined.ok, true);
  const session = m.session();
  return session ? [session.starterId, ...session.joined] : [];
}

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
