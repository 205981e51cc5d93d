import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { WemeetEventMessage } from "@yiqi/jsapi";
import { AppHandleRespType, RoleType, WemeetErrorCode } from "@yiqi/jsapi";
import { type CreateMeetingOptions, createMeeting, type Meeting } from "./meeting.ts";
import type { AppInstance } from "./model.ts";

const URL = "https://app.example.com/";

/** A meeting with a host, a co-host and an attendee (p1, p2, p3). */
function threePeople(options: CreateMeetingOptions = {}): Meeting {
  return createMeeting({
    seed: 7,
    participants: [
      { nickname: "Host", role: RoleType.HOST, authorized: true },
      { nickname: "Cohost", role: RoleType.COHOST },
      { nickname: "Ann" },
    ],
    ...options,
  });
}

/** Open the app for `pid` the way the client + bridge adapter do. */
function open(meeting: Meeting, pid: string): { inst: AppInstance; events: WemeetEventMessage[] } {
  if (!meeting.view(pid).app) meeting.ui.openApp(pid);
  const url = meeting.view(pid).app?.url ?? URL;
  const inst = meeting.openInstance(pid, { url, origin: new globalThis.URL(url).origin });
  const events: WemeetEventMessage[] = [];
  inst.onEvent((m) => events.push(m));
  return { inst, events };
}

function actions(events: WemeetEventMessage[]): string[] {
  return events.map((e) =>
    e.name === "collaboration-change" ? `${e.payload.action}:${e.payload.msOpenId}` : e.name,
  );
}

describe("SPEC A3 flow", () => {
  test("start, invite, join, leave, rejoin, end", async () => {
    const meeting = threePeople();
    const [host, , ann] = meeting.participants();
    assert.ok(host && ann);
    const h = open(meeting, "p1");
    assert.deepEqual(meeting.view("p1").startButton, { visible: true, label: "一起用" });

    const started = await h.inst.api.collaborationStart({ pageUrl: URL, url: `${URL}room` });
    assert.deepEqual(started, {
      ok: true,
      value: { status: AppHandleRespType.SUCCESS, message: "ok" },
    });
    const session = meeting.session();
    assert.ok(session);
    assert.equal(session.url, `${URL}room`);
    assert.deepEqual(actions(h.events), [`start:${host.msOpenId}`]);
    const start = h.events[0];
    assert.ok(start?.name === "collaboration-change");
    assert.equal(start.payload.openId, host.openId, "the host authorised the app");
    assert.equal(start.payload.activeId, session.activeId);

    // The starter: presenter mode + status bar; everyone else: invitation + screen share.
    const hv = meeting.view("p1");
    assert.equal(hv.presenter, true);
    assert.deepEqual(hv.statusBar, { text: "正在一起使用 Yiqi Demo" });
    assert.equal(hv.app?.scene, "inCollaboration");
    assert.equal(hv.startButton.visible, false);
    assert.equal(hv.endButton, true);
    const av = meeting.view("p3");
    assert.deepEqual(av.invitation, {
      activeId: session.activeId,
      appName: "Yiqi Demo",
      from: "Host",
    });
    assert.deepEqual(av.screenShare, { fromParticipantId: "p1", appName: "Yiqi Demo" });
    assert.equal(av.app, null);

    // Ann joins from the invitation: the client must open a new instance at the session URL.
    assert.deepEqual(meeting.ui.join("p3"), { ok: true, value: null });
    const slot = meeting.view("p3").app;
    assert.ok(slot);
    assert.equal(slot.url, `${URL}room`);
    assert.equal(slot.scene, "inCollaboration");
    assert.equal(slot.instanceId, null);
    assert.equal(meeting.view("p3").invitation, null);
    assert.equal(meeting.view("p3").screenShare, null);
    assert.deepEqual(actions(h.events), [`start:${host.msOpenId}`, `join:${ann.msOpenId}`]);
    const joinEvent = h.events[1];
    assert.ok(joinEvent?.name === "collaboration-change");
    assert.equal("openId" in joinEvent.payload, false, "Ann did not authorise the app");

    const a = open(meeting, "p3");
    assert.equal(meeting.view("p3").app?.instanceId, a.inst.id);
    const ctx = await a.inst.api.appGetRunningContext();
    assert.ok(ctx.ok);
    assert.equal(ctx.value.scene, "inCollaboration");
    assert.equal(ctx.value.msOpenId, ann.msOpenId);
    assert.deepEqual(await a.inst.api.collaborationGetContext(), {
      ok: true,
      value: { activeID: session.activeId, url: `${URL}room` },
    });

    // Ann leaves: her instance closes, she sees the share again and a rejoin bar.
    const closes: string[] = [];
    a.inst.onClose((reason) => closes.push(reason));
    assert.deepEqual(await a.inst.api.collaborationLeave(), { ok: true, value: null });
    assert.equal(a.inst.closed, true);
    assert.deepEqual(closes, ["left 一起用"]);
    assert.deepEqual(actions(a.events), [`leave:${ann.msOpenId}`], "own leave, then nothing");
    assert.deepEqual(actions(h.events).at(-1), `leave:${ann.msOpenId}`);
    const left = meeting.view("p3");
    assert.equal(left.app, null);
    assert.deepEqual(left.rejoinBar, { text: "重新加入", activeId: session.activeId });
    assert.ok(left.screenShare);
    const closedCall = await a.inst.api.collaborationGetContext();
    assert.equal(closedCall.ok, false);
    assert.equal(!closedCall.ok && closedCall.error.code, "INSTANCE_CLOSED");

    // Rejoin from the bar: a new key, a new instance.
    assert.equal(meeting.ui.join("p3").ok, true);
    const rejoined = meeting.view("p3").app;
    assert.ok(rejoined);
    assert.notEqual(rejoined.key, slot.key);
    assert.equal(meeting.view("p3").rejoinBar, null);
    const a2 = open(meeting, "p3");

    // The host ends: every joined instance closes, the starter's goes back to inMeeting.
    const ended = await meeting.ui.end("p1");
    assert.equal(ended.ok && ended.value.status, AppHandleRespType.SUCCESS);
    assert.equal(meeting.session(), null);
    assert.equal(a2.inst.closed, true);
    assert.equal(a2.inst.closeReason, "一起用 ended");
    assert.deepEqual(actions(a2.events), [`end:${host.msOpenId}`]);
    assert.equal(actions(h.events).at(-1), `end:${host.msOpenId}`);
    assert.equal(h.inst.closed, false);
    const after = await h.inst.api.appGetRunningContext();
    assert.equal(after.ok && after.value.scene, "inMeeting");
    for (const v of meeting.views()) {
      assert.equal(v.invitation, null);
      assert.equal(v.rejoinBar, null);
      assert.equal(v.screenShare, null);
      assert.equal(v.statusBar, null);
    }
    assert.equal(meeting.view("p3").app, null);
  });

  test("an attendee's start is FAILED: an error result (callback FAILED + reject)", async () => {
    const meeting = threePeople();
    const a = open(meeting, "p3");
    assert.equal(meeting.view("p3").startButton.visible, false, "hidden for attendees");
    const r = await a.inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(r.ok, false);
    assert.ok(!r.ok);
    assert.equal(r.error.code, "NOT_PERMITTED");
    assert.equal(r.error.errCode, WemeetErrorCode.NOT_PERMITTED);
    assert.match(r.error.errMsg, /only the host and co-hosts may start 一起用; Ann is attendee/);
    assert.equal(meeting.session(), null);
    // The same rule through the client UI.
    const ui = await meeting.ui.clickStart("p3");
    assert.equal(!ui.ok && ui.error.code, "NOT_PERMITTED");
  });

  test("a co-host may start; start while active is FAILED", async () => {
    const meeting = threePeople();
    const c = open(meeting, "p2");
    const h = open(meeting, "p1");
    assert.equal((await c.inst.api.collaborationStart({ pageUrl: URL })).ok, true);
    const again = await h.inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(!again.ok && again.error.code, "SESSION_ACTIVE");
    assert.equal(meeting.session()?.starterId, "p2");
    // The url defaults to the starter's page URL.
    assert.equal(meeting.session()?.url, URL);
  });

  test("the client blocks a too-old client with UNSUPPORTED_VERSION", async () => {
    const meeting = createMeeting({
      participants: [
        { nickname: "Old host", role: RoleType.HOST, clientVersion: "3.11.5" },
        { nickname: "Older", clientVersion: "3.10.2.100" },
      ],
    });
    const old = open(meeting, "p1");
    const r = await old.inst.api.collaborationStart({ pageUrl: URL });
    assert.deepEqual(r, {
      ok: false,
      error: {
        code: "UNSUPPORTED_VERSION",
        errCode: WemeetErrorCode.UNSUPPORTED_VERSION,
        errMsg: "collaboration.start is unsupported in client 3.11.5 (needs 3.12.0)",
      },
    });
    const ctx = await old.inst.api.appGetRunningContext();
    assert.deepEqual(ctx, { ok: true, value: { scene: "inMeeting" } }, "no ids before 3.14");
    const older = open(meeting, "p2");
    const r2 = await older.inst.api.appGetRunningContext();
    assert.equal(
      !r2.ok && r2.error.errMsg,
      "app.getRunningContext is unsupported in client 3.10.2.100 (needs 3.11.0)",
    );
    assert.equal(meeting.view("p1").startButton.visible, false);
  });

  test("participants on clients older than 3.12 get no invitation and cannot join", async () => {
    const meeting = createMeeting({
      participants: [
        { nickname: "Host", role: RoleType.HOST },
        { nickname: "Old", clientVersion: "3.11.9" },
      ],
    });
    await open(meeting, "p1").inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(meeting.view("p2").invitation, null);
    assert.ok(meeting.view("p2").screenShare);
    const r = meeting.ui.join("p2");
    assert.equal(!r.ok && r.error.code, "UNSUPPORTED_VERSION");
  });
});

describe("emulator decisions (SPEC A3)", () => {
  test("join without a session, join twice, leave when not joined", async () => {
    const meeting = threePeople();
    const a = open(meeting, "p3");
    const none = await a.inst.api.collaborationJoin();
    assert.equal(!none.ok && none.error.code, "NO_ACTIVE_SESSION");
    const notJoined = await a.inst.api.collaborationLeave();
    assert.equal(!notJoined.ok && notJoined.error.code, "NOT_JOINED");

    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    const stillNot = await a.inst.api.collaborationLeave();
    assert.equal(!stillNot.ok && stillNot.error.code, "NOT_JOINED");

    // Joining by an app call keeps the calling instance (no new key) and makes it a member.
    const key = meeting.view("p3").app?.key;
    assert.deepEqual(await a.inst.api.collaborationJoin(), { ok: true, value: null });
    assert.equal(meeting.view("p3").app?.key, key);
    assert.equal(a.inst.closed, false);
    const ctx = await a.inst.api.appGetRunningContext();
    assert.equal(ctx.ok && ctx.value.scene, "inCollaboration");
    assert.deepEqual(actions(a.events).slice(-1), [`join:${meeting.participant("p3").msOpenId}`]);

    const twice = await a.inst.api.collaborationJoin();
    assert.equal(!twice.ok && twice.error.code, "ALREADY_JOINED");
    const starterJoin = await h.inst.api.collaborationJoin();
    assert.equal(!starterJoin.ok && starterJoin.error.code, "ALREADY_JOINED");
  });

  test("only the starter may end by default; any host/co-host with endPermission 'hosts'", async () => {
    const meeting = threePeople();
    const c = open(meeting, "p2");
    const h = open(meeting, "p1");
    await c.inst.api.collaborationStart({ pageUrl: URL });
    const byHost = await h.inst.api.collaborationEnd({});
    assert.equal(!byHost.ok && byHost.error.code, "NOT_PERMITTED");
    assert.match(!byHost.ok ? byHost.error.errMsg : "", /only the starter \(Cohost\)/);
    assert.equal(meeting.view("p1").endButton, false);

    meeting.setDecisions({ endPermission: "hosts" });
    assert.equal(meeting.view("p1").endButton, true);
    meeting.ui.join("p3");
    const a = open(meeting, "p3");
    const byAttendee = await a.inst.api.collaborationEnd({});
    assert.equal(!byAttendee.ok && byAttendee.error.code, "NOT_PERMITTED");
    const ok = await h.inst.api.collaborationEnd({});
    assert.equal(ok.ok && ok.value.status, AppHandleRespType.SUCCESS);
    assert.equal(meeting.session(), null);
    const noSession = await h.inst.api.collaborationEnd({});
    assert.equal(!noSession.ok && noSession.error.code, "NO_ACTIVE_SESSION");
  });

  test("the starter cannot leave by default; starterLeave 'end' ends the session", async () => {
    const meeting = threePeople();
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    const r = await h.inst.api.collaborationLeave();
    assert.equal(!r.ok && r.error.code, "NOT_PERMITTED");
    meeting.setDecisions({ starterLeave: "end" });
    assert.equal((await h.inst.api.collaborationLeave()).ok, true);
    assert.equal(meeting.session(), null);
  });

  test("confirmation 'cancel' reports CANCELED and resolves", async () => {
    const meeting = threePeople({ decisions: { confirmStart: "cancel" } });
    const h = open(meeting, "p1");
    const r = await h.inst.api.collaborationStart({ pageUrl: URL });
    assert.deepEqual(r, {
      ok: true,
      value: { status: AppHandleRespType.CANCELED, message: "the user canceled" },
    });
    assert.equal(meeting.session(), null);
    assert.deepEqual(h.events, []);
  });

  test("confirmation 'ask' waits for the user's answer", async () => {
    const meeting = threePeople({ decisions: { confirmStart: "ask", confirmEnd: "ask" } });
    const h = open(meeting, "p1");
    const first = h.inst.api.collaborationStart({ pageUrl: URL });
    await Promise.resolve();
    const dialog = meeting.view("p1").confirmation;
    assert.equal(dialog?.kind, "start");
    assert.match(dialog?.message ?? "", /Start 一起用 "Yiqi Demo"/);
    assert.equal(meeting.view("p1").startButton.visible, false, "no second start meanwhile");
    const second = await meeting.ui.clickStart("p1");
    assert.equal(!second.ok && second.error.code, "SESSION_ACTIVE");
    assert.equal(meeting.ui.answerConfirmation("p1", false).ok, true);
    const firstResult = await first;
    assert.equal(firstResult.ok && firstResult.value.status, AppHandleRespType.CANCELED);
    assert.equal(meeting.view("p1").confirmation, null);

    const third = meeting.ui.clickStart("p1");
    await Promise.resolve();
    meeting.ui.answerConfirmation("p1", true);
    const thirdResult = await third;
    assert.equal(thirdResult.ok && thirdResult.value.status, AppHandleRespType.SUCCESS);
    assert.ok(meeting.session());

    const end = h.inst.api.collaborationEnd({});
    await Promise.resolve();
    assert.equal(meeting.view("p1").confirmation?.kind, "end");
    meeting.ui.answerConfirmation("p1", true);
    const endResult = await end;
    assert.equal(endResult.ok && endResult.value.status, AppHandleRespType.SUCCESS);
    const nothing = meeting.ui.answerConfirmation("p1", true);
    assert.equal(!nothing.ok && nothing.error.code, "NOT_PERMITTED");
  });

  test("a pending confirmation is canceled when its instance closes", async () => {
    const meeting = threePeople({ decisions: { confirmStart: "ask" } });
    const h = open(meeting, "p1");
    const pending = h.inst.api.collaborationStart({ pageUrl: URL });
    await Promise.resolve();
    h.inst.close("frame unloaded");
    const r = await pending;
    assert.equal(r.ok && r.value.status, AppHandleRespType.CANCELED);
    assert.equal(meeting.session(), null);
  });

  test("eventBeforeClose false: closed instances do not see the action that closed them", async () => {
    const meeting = threePeople({ decisions: { eventBeforeClose: false } });
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    meeting.ui.join("p3");
    const a = open(meeting, "p3");
    await a.inst.api.collaborationLeave();
    assert.deepEqual(a.events, []);
    assert.equal(actions(h.events).at(-1), `leave:${meeting.participant("p3").msOpenId}`);
  });

  test("eventAudience: session instances only by default, every open one with 'all-open'", async () => {
    for (const audience of ["session", "all-open"] as const) {
      const meeting = threePeople({ decisions: { eventAudience: audience } });
      const h = open(meeting, "p1");
      const bystander = open(meeting, "p2");
      await h.inst.api.collaborationStart({ pageUrl: URL });
      assert.equal(bystander.events.length, audience === "session" ? 0 : 1, audience);
    }
  });

  test("legacy scene spelling 'inmeeting'", async () => {
    const meeting = threePeople({ decisions: { inMeetingScene: "inmeeting" } });
    const r = await open(meeting, "p3").inst.api.appGetRunningContext();
    assert.equal(r.ok && r.value.scene, "inmeeting");
  });

  test("unknown calls: reject by default, resolve, or a custom policy; never crash", async () => {
    const meeting = threePeople();
    const a = open(meeting, "p3");
    const r = await a.inst.api.invokeUnknown({ path: "ui.setWebModalAction", args: [{ x: 1 }] });
    assert.deepEqual(r, {
      ok: false,
      error: {
        code: "NOT_EMULATED",
        errCode: WemeetErrorCode.NOT_EMULATED,
        errMsg: "ui.setWebModalAction is not emulated by Yiqi",
      },
    });
    const recorded = meeting.trace.entries().filter((e) => e.name === "ui.setWebModalAction");
    assert.deepEqual(
      recorded.map((e) => e.kind),
      ["call", "error"],
    );
    assert.deepEqual(recorded[0]?.data, { unknown: true, args: [{ x: 1 }] });

    meeting.setDecisions({ unknownCalls: "resolve" });
    assert.deepEqual(
      await a.inst.api.invokeUnknown({ path: "app.setShareOpenAppConfig", args: [] }),
      {
        ok: true,
        value: undefined,
      },
    );

    meeting.setDecisions({
      unknownCalls: (call) =>
        call.path === "app.boom"
          ? Promise.reject(new Error("kaboom"))
          : { ok: true, value: `${call.path}/${call.participantId}` },
    });
    assert.deepEqual(await a.inst.api.invokeUnknown({ path: "app.echo", args: [] }), {
      ok: true,
      value: "app.echo/p3",
    });
    const boom = await a.inst.api.invokeUnknown({ path: "app.boom", args: [] });
    assert.equal(boom.ok, false);
    assert.match(!boom.ok ? boom.error.errMsg : "", /kaboom/);
    const garbage = await a.inst.api.invokeUnknown(42 as unknown as { path: string; args: [] });
    assert.equal(!garbage.ok && garbage.error.code, "INVALID_ARGUMENT");
  });
});

describe("buttons, config and views", () => {
  test("setCollaborationConfig({ visible: false }) hides the button; game apps say 一起玩", async () => {
    const meeting = threePeople({ app: { game: true, name: "Chess" } });
    const h = open(meeting, "p1");
    assert.deepEqual(meeting.view("p1").startButton, { visible: true, label: "一起玩" });
    await h.inst.api.collaborationSetConfig({ pageUrl: URL, visible: false, url: `${URL}lobby` });
    assert.equal(meeting.view("p1").startButton.visible, false);
    const click = await meeting.ui.clickStart("p1");
    assert.equal(!click.ok && click.error.code, "NOT_PERMITTED");
    await h.inst.api.collaborationSetConfig({ pageUrl: URL, visible: true });
    const started = await meeting.ui.clickStart("p1");
    assert.equal(started.ok && started.value.status, AppHandleRespType.SUCCESS);
    assert.equal(meeting.session()?.url, `${URL}lobby`, "config url is what joiners open");
    assert.equal(meeting.view("p1").statusBar?.text, "正在一起使用 Chess");
    const bad = await h.inst.api.collaborationSetConfig({
      pageUrl: URL,
      visible: "yes" as unknown as boolean,
    });
    assert.equal(!bad.ok && bad.error.code, "INVALID_ARGUMENT");
  });

  test("collaboration off in the console: no button, start FAILED; screen share off: invitation only", async () => {
    const meeting = threePeople({ app: { collaboration: false, screenShare: false } });
    const h = open(meeting, "p1");
    assert.equal(meeting.view("p1").startButton.visible, false);
    const r = await h.inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(!r.ok && r.error.code, "NOT_PERMITTED");
    meeting.updateApp({ collaboration: true });
    await h.inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(meeting.view("p3").screenShare, null);
    assert.ok(meeting.view("p3").invitation);
  });

  test("dismissing the invitation leaves a rejoin bar", async () => {
    const meeting = threePeople();
    await open(meeting, "p1").inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(meeting.ui.dismissInvitation("p3").ok, true);
    assert.equal(meeting.view("p3").invitation, null);
    assert.ok(meeting.view("p3").rejoinBar);
    assert.equal(meeting.ui.dismissInvitation("p3").ok, false);
  });

  test("an instance reconnecting for a joined participant stays in the session", async () => {
    const meeting = threePeople();
    await open(meeting, "p1").inst.api.collaborationStart({ pageUrl: URL });
    meeting.ui.join("p3");
    const first = open(meeting, "p3");
    const key = meeting.view("p3").app?.key;
    const second = open(meeting, "p3");
    assert.equal(first.inst.closed, true);
    assert.equal(first.inst.closeReason, "replaced by a new instance");
    assert.equal(meeting.view("p3").app?.key, key);
    const ctx = await second.inst.api.appGetRunningContext();
    assert.equal(ctx.ok && ctx.value.scene, "inCollaboration");
  });

  test("getRunningContext ids from 3.14 on; getEnvironment carries the UA marker", async () => {
    const meeting = createMeeting({
      participants: [
        { nickname: "New", clientVersion: "3.14.0.400", platform: "Windows" },
        { nickname: "Mid", clientVersion: "3.13.9" },
      ],
    });
    const n = open(meeting, "p1");
    const r = await n.inst.api.appGetRunningContext();
    assert.ok(r.ok);
    assert.equal(r.value.msMeetingId, meeting.id);
    assert.equal(r.value.msOpenId, meeting.participant("p1").msOpenId);
    assert.equal(r.value.deviceId, meeting.participant("p1").deviceId);
    const m = await open(meeting, "p2").inst.api.appGetRunningContext();
    assert.deepEqual(m, { ok: true, value: { scene: "inMeeting" } });
    const env = await n.inst.api.getEnvironment();
    assert.equal(env.instanceId, n.inst.id);
    assert.match(
      env.userAgent,
      / app\/tencent_wemeet os_name\/Windows .* app_version\/3\.14\.0\.400 c_district\/0$/,
    );
    assert.deepEqual(await n.inst.api.appGetAppInfo(), {
      ok: true,
      // APPINFO: instanceId is Tencent's device-type id (1 = Windows PC), not the app instance.
      value: { appVersion: "3.14.0.400", clientLanguage: "zh-CN", instanceId: 1 },
    });
  });
});

describe("participants at runtime", () => {
  test("user-join, inmeeting-user-info, audio; openId only when authorised", () => {
    const meeting = threePeople();
    const a = open(meeting, "p3");
    const dan = meeting.addParticipant({ nickname: "Dan", authorized: true });
    meeting.addParticipant({ nickname: "Eve" });
    assert.equal(dan.id, "p4");
    assert.ok(dan.openId);
    assert.equal(meeting.participant("p5").openId, undefined);
    const joins = a.events.filter((e) => e.name === "user-join");
    assert.equal(joins.length, 2);
    assert.equal(joins[0]?.name === "user-join" && joins[0].payload.openId, dan.openId);
    assert.equal(joins[1]?.name === "user-join" && "openId" in joins[1].payload, false);
    meeting.updateParticipant("p3", { role: RoleType.COHOST });
    // Each delivery also carries its id (the trace seq, decision 0306).
    const last = (): unknown => {
      const m = a.events.at(-1);
      return m && { name: m.name, payload: m.payload };
    };
    assert.deepEqual(last(), {
      name: "inmeeting-user-info",
      payload: { isHost: false, isCohost: true, nickname: "Ann" },
    });
    assert.equal(meeting.view("p3").startButton.visible, true, "a co-host now");
    meeting.setAudio("p4", true);
    assert.deepEqual(last(), {
      name: "user-audio-status",
      payload: { msOpenId: dan.msOpenId, isAudioOn: true },
    });
    assert.throws(() => meeting.addParticipant({ id: "p4", nickname: "Dup" }), {
      code: "DUPLICATE_PARTICIPANT",
    });
    assert.throws(() => meeting.view("nobody"), { code: "UNKNOWN_PARTICIPANT" });
    assert.throws(() => meeting.updateParticipant("p3", { role: 42 as RoleType }), {
      code: "INVALID_ARGUMENT",
    });
  });

  test("removing the starter ends the session; removing a joiner is a leave", async () => {
    const meeting = threePeople();
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    meeting.ui.join("p3");
    const a = open(meeting, "p3");
    meeting.removeParticipant("p3");
    assert.equal(a.inst.closed, true);
    assert.equal(actions(h.events).at(-1)?.startsWith("leave:"), true);
    meeting.ui.join("p2");
    const c = open(meeting, "p2");
    meeting.removeParticipant("p1");
    assert.equal(meeting.session(), null);
    assert.equal(c.inst.closed, true);
    assert.equal(h.inst.closed, true);
    assert.deepEqual(
      meeting.participants().map((p) => p.id),
      ["p2"],
    );
  });
});

describe("trace and determinism", () => {
  async function script(seed: number): Promise<Meeting> {
    const meeting = threePeople({ seed });
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    meeting.ui.join("p3");
    const a = open(meeting, "p3");
    await a.inst.api.collaborationLeave();
    await meeting.ui.end("p1");
    return meeting;
  }

  test("same seed and actions give the same ids and trace; another seed other ids", async () => {
    const one = await script(11);
    const two = await script(11);
    const three = await script(12);
    assert.equal(JSON.stringify(one.trace), JSON.stringify(two.trace));
    assert.notEqual(one.participant("p1").msOpenId, three.participant("p1").msOpenId);
    assert.notEqual(JSON.stringify(one.trace), JSON.stringify(three.trace));
  });

  test("entries are ordered, typed and carry spec, ids and durations", async () => {
    const meeting = await script(3);
    const entries = meeting.trace.entries();
    assert.deepEqual(
      entries.map((e) => e.seq),
      entries.map((_, i) => i + 1),
    );
    const start = entries.findIndex((e) => e.kind === "call" && e.name === "collaboration.start");
    assert.ok(start >= 0);
    const startCall = entries[start];
    assert.equal(startCall?.participantId, "p1");
    assert.equal(startCall?.spec, "A3");
    const rest = entries.slice(start);
    const names = rest.map((e) => `${e.kind}:${e.name}`);
    // State change, then the event to the starter, then the result.
    assert.deepEqual(names.slice(0, 5), [
      "call:collaboration.start",
      "state:confirmation.auto",
      "state:session.started",
      "event:collaboration-change",
      "result:collaboration.start",
    ]);
    assert.equal(typeof rest[4]?.durationMs, "number");
    const kinds = new Set(entries.map((e) => e.kind));
    assert.deepEqual([...kinds].sort(), ["call", "event", "result", "state"]);
    const seen: number[] = [];
    const off = meeting.trace.subscribe((e) => seen.push(e.seq));
    meeting.ui.openApp("p2");
    off();
    meeting.ui.closeApp("p2");
    assert.ok(seen.length >= 2);
    assert.ok(meeting.trace.entries().length > (seen.at(-1) ?? 0));
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(meeting.trace)));
  });

  test("a throwing listener never breaks the simulator", async () => {
    const meeting = threePeople();
    meeting.subscribe(() => {
      throw new Error("ui bug");
    });
    meeting.trace.subscribe(() => {
      throw new Error("trace bug");
    });
    const h = open(meeting, "p1");
    h.inst.onEvent(() => {
      throw new Error("adapter bug");
    });
    const r = await h.inst.api.collaborationStart({ pageUrl: URL });
    assert.equal(r.ok, true);
    assert.equal(h.events.length, 1);
  });
});
