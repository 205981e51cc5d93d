/**
 * Scenes (docs/reference/jsapi.md#scenes, decision 0112): an app opens in every documented
 * scene; outside a meeting there is no 一起用 and meeting-only calls reject UNSUPPORTED_SCENE;
 * the waiting room needs client 3.18; Linux clients cannot start 一起用 (platform lists).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { openHeadlessApp } from "../headless.ts";
import { OPEN_SCENES } from "./scenes.ts";
import { referenceMeeting } from "./testing/referenceFixture.ts";

test("scenes: an app opens in every documented scene and getRunningContext says which", async () => {
  for (const scene of OPEN_SCENES) {
    const f = referenceMeeting();
    try {
      const opened = f.meeting.ui.openApp("p1", { scene });
      assert.equal(opened.ok, true, scene);
      assert.equal(f.meeting.view("p1").app?.scene, scene);
      const app = f.open("p1");
      assert.equal((await app.wemeet.app.getRunningContext()).scene, scene);
      assert.equal(f.meeting.instances().at(-1)?.scene, scene);
    } finally {
      f.done();
    }
  }
});

test("scenes: outside a meeting no 一起用 (no button, start rejects UNSUPPORTED_SCENE), no events", async () => {
  const f = referenceMeeting();
  try {
    f.meeting.ui.openApp("p1", { scene: "preMeetingDetail" });
    assert.equal(f.meeting.view("p1").startButton.visible, false);
    const app = f.open("p1");
    await assert.rejects(app.wemeet.collaboration.start(), { code: "UNSUPPORTED_SCENE" });
    const click = await f.meeting.ui.clickStart("p1");
    assert.equal(click.ok ? null : click.error.code, "UNSUPPORTED_SCENE");
    await assert.rejects(app.wemeet.app.shareOpenApp(), { code: "UNSUPPORTED_SCENE" });
    // Calls the table allows in any scene still work.
    await app.wemeet.app.setShareOpenAppConfig({ shareEnable: true });
    const got: unknown[] = [];
    app.wemeet.addEventListener("user-audio-status", (e) => got.push(e));
    f.meeting.setAudio("p2", true);
    await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(got, []);
    f.meeting.setDecisions({ sceneGates: false });
    await app.wemeet.collaboration.start();
    assert.ok(f.meeting.session(), "sceneGates: false lifts the rule");
  } finally {
    f.done();
  }
});

test("scenes: the waiting room needs client 3.18 (CTX)", () => {
  const f = referenceMeeting();
  f.meeting.updateParticipant("p2", { clientVersion: "3.17.9" });
  const r = f.meeting.ui.openApp("p2", { scene: "inWaitingRoom" });
  assert.equal(r.ok ? null : r.error.code, "UNSUPPORTED_VERSION");
  assert.throws(
    () => f.meeting.openInstance("p2", { url: f.meeting.app().url, scene: "inWaitingRoom" }),
    {
      code: "INVALID_ARGUMENT",
    },
  );
  const bad = f.meeting.ui.openApp("p1", { scene: "inCollaboration" as "inMeeting" });
  assert.equal(bad.ok ? null : bad.error.code, "INVALID_ARGUMENT");
});

test("platforms: a Linux client cannot start 一起用 (Tencent lists Windows, Mac, iOS, Android)", async () => {
  const f = referenceMeeting();
  try {
    f.meeting.updateParticipant("p1", { platform: "Linux" });
    f.meeting.ui.openApp("p1");
    assert.equal(f.meeting.view("p1").startButton.visible, false);
    const app = openHeadlessApp(f.meeting, "p1");
    await assert.rejects(app.wemeet.collaboration.start(), { code: "UNSUPPORTED_PLATFORM" });
    assert.equal(f.meeting.session(), null);
    app.close();
  } finally {
    f.done();
  }
});
