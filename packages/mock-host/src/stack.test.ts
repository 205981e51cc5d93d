/**
 * SPEC A3 through the real stack: @yiqi/jsapi -> @yiqi/bridge (MessageChannel) -> the simulator,
 * with three participants. The same file runs in Node and in Deno.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AppHandleRespType,
  type CollaborationChangeEvent,
  RoleType,
  WemeetError,
} from "@yiqi/jsapi";
import { type HeadlessApp, openHeadlessApp } from "./headless.ts";
import { createMeeting } from "./meeting/meeting.ts";

const tick = (ms = 10): Promise<void> => new Promise((r) => setTimeout(r, ms));

function threeParticipants() {
  const meeting = createMeeting({
    seed: "stack",
    app: { name: "Board", url: "https://board.example/app" },
    participants: [
      { nickname: "Host", role: RoleType.HOST },
      { nickname: "Alice", role: RoleType.ATTENDEE },
      { nickname: "Bob", role: RoleType.ATTENDEE },
    ],
  });
  const opened: HeadlessApp[] = [];
  const open = (pid: string): HeadlessApp => {
    const app = openHeadlessApp(meeting, pid);
    opened.push(app);
    return app;
  };
  const events = new Map<HeadlessApp, CollaborationChangeEvent[]>();
  const listen = (app: HeadlessApp): void => {
    const list: CollaborationChangeEvent[] = [];
    events.set(app, list);
    app.wemeet.addEventListener("collaboration-change", (e) => list.push(e));
  };
  const done = (): void => {
    for (const a of opened) a.close();
  };
  return { meeting, open, listen, events, done };
}

describe("SPEC A3 through jsapi -> bridge -> simulator", () => {
  test("start, invite, join, leave, rejoin, end", async () => {
    const { meeting, open, listen, events, done } = threeParticipants();
    try {
      const [host, alice, bob] = meeting.participants();
      assert.ok(host && alice && bob);

      // The host opens the app and starts 一起用.
      meeting.ui.openApp(host.id);
      const hostApp = open(host.id);
      listen(hostApp);
      assert.equal((await hostApp.wemeet.app.getRunningContext()).scene, "inMeeting");
      const callbacks: number[] = [];
      const resp = await hostApp.wemeet.collaboration.start({
        callback: (r) => callbacks.push(r.status),
      });
      assert.equal(resp.status, AppHandleRespType.SUCCESS);
      assert.deepEqual(callbacks, [AppHandleRespType.SUCCESS]);
      const session = meeting.session();
      assert.ok(session);
      assert.equal(meeting.view(host.id).statusBar?.text, "正在一起使用 Board");

      // The others are invited and see the share.
      for (const p of [alice, bob]) {
        assert.equal(
          meeting.view(p.id).invitation?.activeId,
          session.activeId,
          `${p.nickname} invited`,
        );
        assert.equal(meeting.view(p.id).screenShare?.fromParticipantId, host.id);
      }

      // Alice joins from her invitation: the client opens her own instance at the session URL.
      assert.equal(meeting.ui.join(alice.id).ok, true);
      const aliceView = meeting.view(alice.id);
      assert.equal(aliceView.app?.scene, "inCollaboration");
      assert.equal(aliceView.app?.url, session.url);
      const aliceApp = open(alice.id);
      listen(aliceApp);
      assert.deepEqual(
        await aliceApp.wemeet.app.getRunningContext().then((c) => c.scene),
        "inCollaboration",
      );
      assert.deepEqual(await aliceApp.wemeet.collaboration.getContext(), {
        activeID: session.activeId,
        url: session.url,
      });
      await tick();
      const hostEvents = events.get(hostApp) ?? [];
      assert.deepEqual(
        hostEvents.map((e) => [e.action, e.msOpenId]),
        [
          ["start", host.msOpenId],
          ["join", alice.msOpenId],
        ],
      );
      assert.ok(
        hostEvents.every((e) => e.activeId === session.activeId && typeof e.timestamp === "number"),
      );

      // Alice leaves: her instance closes, she sees the share again and the join-again bar.
      await aliceApp.wemeet.collaboration.leave();
      assert.match(await aliceApp.closed, /left/);
      assert.equal(meeting.view(alice.id).app, null);
      assert.ok(meeting.view(alice.id).rejoinBar);
      assert.ok(meeting.view(alice.id).screenShare);
      await assert.rejects(aliceApp.wemeet.collaboration.getContext(), { code: "INSTANCE_CLOSED" });
      await tick();
      assert.deepEqual(
        (events.get(hostApp) ?? []).map((e) => e.action),
        ["start", "join", "leave"],
      );
      assert.deepEqual(
        (events.get(aliceApp) ?? []).map((e) => e.action),
        ["leave"],
        "alice's instance saw its own leave, then nothing after its close",
      );

      // Alice joins again from the bar: a new instance, in the session again.
      assert.equal(meeting.ui.join(alice.id).ok, true);
      const alice2 = open(alice.id);
      listen(alice2);
      assert.equal((await alice2.wemeet.app.getRunningContext()).scene, "inCollaboration");

      // Bob joins from the app itself? He has no instance: he joins from the invitation.
      meeting.ui.join(bob.id);
      const bobApp = open(bob.id);
      listen(bobApp);
      assert.equal((await bobApp.wemeet.collaboration.getContext()).activeID, session.activeId);

      // The host ends: every joined instance closes, the session is gone.
      const ended = await hostApp.wemeet.collaboration.end();
      assert.equal(ended.status, AppHandleRespType.SUCCESS);
      assert.match(await alice2.closed, /ended/);
      assert.match(await bobApp.closed, /ended/);
      assert.equal(meeting.session(), null);
      for (const p of [alice, bob]) {
        const v = meeting.view(p.id);
        assert.equal(v.app, null);
        assert.equal(v.invitation, null);
        assert.equal(v.rejoinBar, null);
        assert.equal(v.screenShare, null);
      }
      await tick();
      assert.equal((events.get(hostApp) ?? []).at(-1)?.action, "end");
      assert.equal((events.get(bobApp) ?? []).at(-1)?.action, "end");
      const openNow = meeting.instances().filter((i) => !i.closed);
      assert.deepEqual(
        openNow.map((i) => i.participantId),
        [host.id],
        "only the starter's own app stays open",
      );
      assert.equal((await hostApp.wemeet.app.getRunningContext()).scene, "inMeeting");
    } finally {
      done();
    }
  });

  test("an attendee's start reports FAILED through the callback and rejects", async () => {
    const { meeting, open, done } = threeParticipants();
    try {
      const alice = meeting.participants()[1]!;
      meeting.ui.openApp(alice.id);
      const app = open(alice.id);
      const seen: number[] = [];
      await assert.rejects(
        app.wemeet.collaboration.start({ callback: (r) => seen.push(r.status) }),
        (e: unknown) =>
          e instanceof WemeetError && e.code === "NOT_PERMITTED" && /host/.test(e.errMsg),
      );
      assert.deepEqual(seen, [AppHandleRespType.FAILED]);
      assert.equal(meeting.session(), null);
    } finally {
      done();
    }
  });

  test("a client older than 3.12.0 gets the version error", async () => {
    const { meeting, open, done } = threeParticipants();
    try {
      const old = meeting.addParticipant({
        nickname: "Old",
        role: RoleType.HOST,
        clientVersion: "3.11.5.100",
      });
      meeting.ui.openApp(old.id);
      const app = open(old.id);
      await assert.rejects(app.wemeet.collaboration.start(), (e: unknown) => {
        assert.ok(e instanceof WemeetError);
        assert.equal(e.code, "UNSUPPORTED_VERSION");
        assert.match(e.errMsg, /3\.11\.5\.100/);
        assert.match(e.errMsg, /3\.12\.0/);
        return true;
      });
      assert.equal(String(app.wemeet.app.version), "3.11.5.100");
      assert.equal(
        (await app.wemeet.app.getRunningContext()).scene,
        "inMeeting",
        "3.11 has getRunningContext",
      );
    } finally {
      done();
    }
  });

  test("the participant is bound by the attachment: two instances are two different users", async () => {
    const { meeting, open, done } = threeParticipants();
    try {
      const [host, alice] = meeting.participants();
      meeting.ui.openApp(host!.id);
      meeting.ui.openApp(alice!.id);
      const a = await open(host!.id).wemeet.app.getRunningContext();
      const b = await open(alice!.id).wemeet.app.getRunningContext();
      assert.equal(a.msOpenId, host!.msOpenId);
      assert.equal(b.msOpenId, alice!.msOpenId);
      assert.notEqual(a.msOpenId, b.msOpenId);
    } finally {
      done();
    }
  });
});
