import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "./meeting.ts";
import { DEFAULT_MAX_CLOSED_INSTANCES } from "./meetingState.ts";

const URL0 = "https://app.example.com/";

test("closed instances beyond maxClosedInstances are forgotten, each participant's latest kept (decision 0017)", async () => {
  const meeting = createMeeting({
    participants: [
      { nickname: "Host", role: RoleType.HOST },
      { nickname: "Quiet" },
      { nickname: "Busy" },
    ],
    maxClosedInstances: 3,
  });
  const quiet = meeting.openInstance("p2", { url: URL0 });
  quiet.close("done");
  const first = meeting.openInstance("p3", { url: URL0 });
  for (let i = 0; i < 20; i++) meeting.openInstance("p3", { url: URL0 }).close("cycle");
  const open = meeting.openInstance("p1", { url: URL0 });

  const kept = meeting.instances();
  const closed = kept.filter((i) => i.closed);
  assert.equal(closed.length, 3);
  assert.ok(
    kept.some((i) => i.id === open.id && !i.closed),
    "open instances are kept",
  );
  assert.ok(
    kept.some((i) => i.id === quiet.id),
    "p2's latest instance is kept, though old",
  );
  assert.ok(!kept.some((i) => i.id === first.id), "the oldest closed ones are forgotten");
  assert.deepEqual(
    kept.map((i) => i.id),
    [...kept.map((i) => i.id)].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1))),
    "in order of opening",
  );
  // The trace keeps the whole history, and a forgotten instance still refuses calls.
  const opened = meeting.trace.entries().filter((e) => e.name === "instance.opened");
  assert.equal(opened.length, 23);
  const refused = await first.api.collaborationGetContext();
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.error.code, "INSTANCE_CLOSED");
});

test("by default a meeting keeps the newest 100 closed instances; 0 keeps only the latest per participant", () => {
  assert.equal(DEFAULT_MAX_CLOSED_INSTANCES, 100);
  const meeting = createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });
  for (let i = 0; i < 150; i++) meeting.openInstance("p1", { url: URL0 }).close("cycle");
  assert.equal(meeting.instances().length, 100);
  assert.equal(meeting.instances().at(-1)?.id, "i150");

  const none = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Guest" }],
    maxClosedInstances: 0,
  });
  for (let i = 0; i < 5; i++) none.openInstance("p1", { url: URL0 }).close("cycle");
  none.openInstance("p2", { url: URL0 }).close("once");
  assert.deepEqual(
    none.instances().map((i) => i.id),
    ["i5", "i6"],
  );
  // Once its participant has left, even the latest instance may go.
  none.removeParticipant("p2");
  none.openInstance("p1", { url: URL0 }).close("again");
  assert.deepEqual(
    none.instances().map((i) => i.id),
    ["i7"],
  );
});

test("the version gate follows a participant's client version when it changes", async () => {
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST, clientVersion: "3.11.5" }],
  });
  meeting.ui.openApp("p1");
  const inst = meeting.openInstance("p1", { url: URL0 });
  const before = await inst.api.collaborationGetContext();
  assert.equal(!before.ok && before.error.code, "UNSUPPORTED_VERSION");
  meeting.updateParticipant("p1", { clientVersion: "3.12.0" });
  const after = await inst.api.collaborationGetContext();
  assert.equal(!after.ok && after.error.code, "NO_ACTIVE_SESSION");
  meeting.updateParticipant("p1", { clientVersion: "3.11.5" });
  const again = await inst.api.collaborationGetContext();
  assert.equal(!again.ok && again.error.code, "UNSUPPORTED_VERSION");
});
