/**
 * Every call of reference §7 (collaboration) and §8 (events), and every event, through the
 * real client and the simulator: one test per call and event, titled with its name and
 * section. Events are version-, platform- and scene-gated (decision 0118).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AppHandleRespType,
  type CollaborationChangeEvent,
  JSAPI_CLIENT_CALLS,
  JSAPI_EVENTS,
  JSAPI_TABLE,
  RoleType,
} from "@yiqi/jsapi";
import {
  type ReferenceCase,
  type ReferenceMeeting,
  testReferenceCases,
  tick,
  until,
} from "./testing/referenceFixture.ts";

const started = async (f: ReferenceMeeting) => {
  const host = f.open("p1");
  await host.wemeet.collaboration.start();
  return host;
};

const CASES: Record<string, ReferenceCase> = {
  "collaboration.start": [
    "the host starts; the callback says SUCCESS",
    async (f) => {
      const statuses: number[] = [];
      await f.open("p1").wemeet.collaboration.start({ callback: (r) => statuses.push(r.status) });
      assert.deepEqual(statuses, [AppHandleRespType.SUCCESS]);
      assert.ok(f.meeting.session());
    },
  ],
  "collaboration.end": [
    "the starter ends",
    async (f) => {
      const host = await started(f);
      await host.wemeet.collaboration.end();
      assert.equal(f.meeting.session(), null);
    },
  ],
  "collaboration.join": [
    "an attendee joins the active session",
    async (f) => {
      await started(f);
      await f.open("p2").wemeet.collaboration.join();
      assert.deepEqual(f.meeting.session()?.joined, ["p2"]);
    },
  ],
  "collaboration.leave": [
    "a joined attendee leaves",
    async (f) => {
      await started(f);
      const alice = f.open("p2");
      await alice.wemeet.collaboration.join();
      await alice.wemeet.collaboration.leave();
      assert.deepEqual(f.meeting.session()?.joined, []);
    },
  ],
  "collaboration.getContext": [
    "{ activeID, url } of the session",
    async (f) => {
      const host = await started(f);
      const ctx = await host.wemeet.collaboration.getContext();
      assert.equal(ctx.activeID, f.meeting.session()?.activeId);
    },
  ],
  "collaboration.setCollaborationConfig": [
    "visible: false hides the start button",
    async (f) => {
      f.meeting.ui.openApp("p1");
      await f.open("p1").wemeet.collaboration.setCollaborationConfig({ visible: false });
      assert.equal(f.meeting.view("p1").startButton.visible, false);
    },
  ],
  "event.addEventListener": [
    "and its alias wemeet.addEventListener receive events",
    async (f) => {
      const app = f.open("p2");
      const got: string[] = [];
      app.wemeet.event.addEventListener("user-audio-status", () => got.push("event"));
      app.wemeet.addEventListener("user-audio-status", () => got.push("alias"));
      await app.wemeet.app.getAppInfo();
      f.meeting.setAudio("p1", true);
      await tick();
      assert.deepEqual(got, ["event", "alias"]);
    },
  ],
  "event.removeEventListener": [
    "stops one listener",
    async (f) => {
      const app = f.open("p2");
      let n = 0;
      const l = (): void => {
        n++;
      };
      app.wemeet.event.addEventListener("user-audio-status", l);
      app.wemeet.event.removeEventListener("user-audio-status", l);
      await app.wemeet.app.getAppInfo();
      f.meeting.setAudio("p1", true);
      await tick();
      assert.equal(n, 0);
    },
  ],
  "event.removeEventListeners": [
    "stops every listener of one event",
    async (f) => {
      const app = f.open("p2");
      let n = 0;
      app.wemeet.event.addEventListener("user-audio-status", () => n++);
      app.wemeet.event.addEventListener("user-audio-status", () => n++);
      app.wemeet.event.removeEventListeners("user-audio-status");
      await app.wemeet.app.getAppInfo();
      f.meeting.setAudio("p1", true);
      await tick();
      assert.equal(n, 0);
    },
  ],
  "event.removeAllEventListener": [
    "stops every listener (singular, sic)",
    async (f) => {
      const app = f.open("p2");
      let n = 0;
      app.wemeet.event.addEventListener("user-audio-status", () => n++);
      app.wemeet.event.addEventListener("user-join", () => n++);
      app.wemeet.event.removeAllEventListener();
      await app.wemeet.app.getAppInfo();
      f.meeting.setAudio("p1", true);
      f.meeting.addParticipant({ nickname: "Dan" });
      await tick();
      assert.equal(n, 0);
    },
  ],
  "collaboration-change": [
    "start reaches the starter's instance",
    async (f) => {
      const host = f.open("p1");
      const got: CollaborationChangeEvent[] = [];
      host.wemeet.addEventListener("collaboration-change", (e) => got.push(e));
      await host.wemeet.collaboration.start();
      await tick();
      assert.deepEqual(
        got.map((e) => e.action),
        ["start"],
      );
    },
  ],
  "sidebar-position-changed": [
    "Windows/Mac only: after ui.changeWebAppPosition; an iOS instance never gets it",
    async (f) => {
      const app = f.open("p1");
      const got: unknown[] = [];
      app.wemeet.addEventListener("sidebar-position-changed", (e) => got.push(e));
      await app.wemeet.ui.changeWebAppPosition({ position: "major_meeting" });
      await tick();
      assert.deepEqual(got, [{ WebAppPosition: 4 }]);
      // The call is Windows/Mac only too: let it through to test the event's own platform gate.
      f.meeting.setDecisions({ platformGates: false });
      const ios = f.open("p3");
      const iosGot: unknown[] = [];
      ios.wemeet.addEventListener("sidebar-position-changed", (e) => iosGot.push(e));
      await ios.wemeet.ui.changeWebAppPosition({ position: "popup" });
      await tick();
      assert.deepEqual(iosGot, [], "EVT-LIST: sidebar-position-changed is WM only");
      f.meeting.setDecisions({ eventGates: false });
      await ios.wemeet.ui.changeWebAppPosition({ position: "side_bar" });
      await tick();
      assert.equal(iosGot.length, 1, "without the event gate it would arrive");
    },
  ],
  "inmeeting-user-info": [
    "a role change reaches that participant (from 3.8.6: 3.8.5 gets nothing)",
    async (f) => {
      f.meeting.updateParticipant("p2", { clientVersion: "3.8.6" });
      f.meeting.updateParticipant("p3", { clientVersion: "3.8.5" });
      const app = f.open("p2");
      const old = f.open("p3");
      const got: unknown[] = [];
      const oldGot: unknown[] = [];
      app.wemeet.addEventListener("inmeeting-user-info", (e) => got.push(e));
      old.wemeet.addEventListener("inmeeting-user-info", (e) => oldGot.push(e));
      await Promise.all([app.wemeet.app.getAppInfo(), old.wemeet.app.getAppInfo()]);
      f.meeting.updateParticipant("p2", { role: RoleType.COHOST });
      f.meeting.updateParticipant("p3", { role: RoleType.COHOST });
      await tick();
      assert.deepEqual(got, [{ isHost: false, isCohost: true, nickname: "Alice" }]);
      assert.deepEqual(oldGot, [], "3.8.5 is before the event's 3.8.6");
    },
  ],
  "speaking-members-changed": [
    "one MeetingUser per speaking member, as documented; not before 3.9.2",
    async (f) => {
      f.meeting.updateParticipant("p3", { clientVersion: "3.9.1" });
      const alice = f.open("p2");
      const old = f.open("p3");
      const got: unknown[] = [];
      const oldGot: unknown[] = [];
      alice.wemeet.addEventListener("speaking-members-changed", (e) => got.push(e));
      old.wemeet.addEventListener("speaking-members-changed", (e) => oldGot.push(e));
      await Promise.all([alice.wemeet.app.getAppInfo(), old.wemeet.app.getAppInfo()]);
      f.meeting.setSpeaking(["p1"]);
      await tick();
      const host = f.meeting.participant("p1");
      assert.deepEqual(got, [
        { index: "p1", nickname: "Host", msOpenId: host.msOpenId, roleType: RoleType.HOST },
      ]);
      assert.deepEqual(oldGot, [], "events are version-gated");
    },
  ],
  "user-audio-status": [
    "{ msOpenId, isAudioOn }, from 3.9.0 (3.8.x gets nothing)",
    async (f) => {
      f.meeting.updateParticipant("p2", { clientVersion: "3.9.0" });
      f.meeting.updateParticipant("p3", { clientVersion: "3.8.9" });
      const app = f.open("p2");
      const old = f.open("p3");
      const got: unknown[] = [];
      const oldGot: unknown[] = [];
      app.wemeet.addEventListener("user-audio-status", (e) => got.push(e));
      old.wemeet.addEventListener("user-audio-status", (e) => oldGot.push(e));
      await Promise.all([app.wemeet.app.getAppInfo(), old.wemeet.app.getAppInfo()]);
      f.meeting.setAudio("p1", false);
      await tick();
      assert.deepEqual(got, [{ msOpenId: f.meeting.participant("p1").msOpenId, isAudioOn: false }]);
      assert.deepEqual(oldGot, [], "3.8.9 is before the event's 3.9.0");
    },
  ],
  "user-join": [
    "the newcomer with userId and avatar (not avatarUrl), from 3.9.0 (3.8.x gets nothing)",
    async (f) => {
      f.meeting.updateParticipant("p2", { clientVersion: "3.9.0" });
      f.meeting.updateParticipant("p3", { clientVersion: "3.8.9" });
      const app = f.open("p2");
      const old = f.open("p3");
      const got: Record<string, unknown>[] = [];
      const oldGot: unknown[] = [];
      app.wemeet.addEventListener("user-join", (e) => got.push({ ...e }));
      old.wemeet.addEventListener("user-join", (e) => oldGot.push(e));
      await Promise.all([app.wemeet.app.getAppInfo(), old.wemeet.app.getAppInfo()]);
      f.meeting.addParticipant({ id: "p9", nickname: "Dan", avatarUrl: "https://a/d.png" });
      await until(() => got.length > 0, "the 3.9.0 app hears user-join");
      // A call's answer comes after any event sent before it on the same link.
      await old.wemeet.app.getAppInfo();
      assert.deepEqual(oldGot, [], "3.8.9 is before the event's 3.9.0");
      assert.equal(got[0]?.nickname, "Dan");
      assert.equal(got[0]?.avatar, "https://a/d.png");
      assert.equal(got[0]?.userId, "u-p9");
    },
  ],
};

test("reference §7–§8: every call and event of the API table there has a test here", () => {
  const names = [
    ...Object.values(JSAPI_TABLE)
      .filter((e) => e.ref === "§7")
      .map((e) => e.name),
    ...JSAPI_CLIENT_CALLS.filter((e) => e.ref === "§8").map((e) => e.name),
    ...Object.keys(JSAPI_EVENTS),
  ];
  assert.deepEqual(Object.keys(CASES).sort(), names.sort());
});

testReferenceCases(CASES);
