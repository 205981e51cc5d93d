import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RoleType, type WemeetEventMessage } from "@yiqi/jsapi";
import { MeetingError } from "../meeting/errors.ts";
import { createMeeting } from "../meeting/meeting.ts";
import { startAndJoin } from "../meeting/testing/modelDriver.ts";
import { connectRemoteMeeting, startMeetingServer } from "../node.ts";
import { MeetingServerError } from "./protocol.ts";
import type { RemoteMeeting } from "./remoteMeeting.ts";
import { until } from "./testing/rawView.ts";

const twoPeople = () =>
  createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });

/** The replica reads what the server's meeting answers. */
const sameAsServer = (
  remote: RemoteMeeting,
  server: { meeting: ReturnType<typeof createMeeting> },
) => {
  const m = server.meeting;
  return (
    remote.id === m.id &&
    JSON.stringify(remote.participants()) === JSON.stringify(m.participants()) &&
    JSON.stringify(remote.views()) === JSON.stringify(m.views()) &&
    JSON.stringify(remote.session()) === JSON.stringify(m.session()) &&
    JSON.stringify(remote.instances()) === JSON.stringify(m.instances()) &&
    JSON.stringify(remote.trace.entries()) === JSON.stringify(m.trace.entries())
  );
};

describe("connectRemoteMeeting", () => {
  test("a RemoteMeeting is a MeetingModel: the same driver runs it, and reads show each awaited change", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const remote = await connectRemoteMeeting(server.url);
    try {
      await remote.claim(["p1"]);
      const connect = (pid: string) => remote.openInstance(pid);
      const members = await startAndJoin(remote, "p1", "p2", connect);
      assert.deepEqual(members.sort(), ["p1", "p2"]);
      // Read at once after the awaited join: the replica already shows it.
      assert.equal(remote.view("p2").app?.scene, "inCollaboration");
      assert.equal(remote.session()?.activeId, server.meeting.session()?.activeId);
      assert.equal(remote.holders().p1, remote.viewId);
      // A refused change throws as the local simulator does.
      await assert.rejects(remote.ui.join("p9"), (e: unknown) => {
        assert.ok(e instanceof MeetingError);
        assert.equal(e.code, "UNKNOWN_PARTICIPANT");
        return true;
      });
      assert.throws(() => remote.participant("p9"), { code: "UNKNOWN_PARTICIPANT" });
      const added = await remote.addParticipant({ nickname: "Mei", platform: "iOS" });
      assert.equal(remote.participant(added.id).nickname, "Mei");
    } finally {
      await remote.close();
      await server.close();
    }
  });

  test("a replica converges with the server's meeting after another view's driver actions", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const watcher = await connectRemoteMeeting(server.url);
    const driver = await connectRemoteMeeting(server.url);
    try {
      let notified = 0;
      watcher.subscribe(() => notified++);
      const traced: number[] = [];
      watcher.trace.subscribe((e) => traced.push(e.seq));
      const before = watcher.trace.entries().length;
      await driver.claim(["p1"]);
      await driver.ui.openApp("p1");
      const host = await driver.openInstance("p1");
      assert.equal(host.environment.platform !== undefined, true);
      const started = (await host.call("collaborationStart", {
        pageUrl: server.meeting.app().url,
      })) as { ok: boolean };
      assert.equal(started.ok, true);
      await driver.ui.join("p2");
      await driver.updateMeetingInfo({ meetingSubject: "Review" });
      await driver.setAudio("p2", false);
      await until(() => sameAsServer(watcher, server), "replica converged");
      assert.ok(notified > 0);
      assert.deepEqual(
        traced,
        watcher.trace
          .entries()
          .slice(before)
          .map((e) => e.seq),
      );
      assert.equal(watcher.meetingInfo().meetingSubject, "Review");
      assert.equal(watcher.holders().p1, driver.viewId);
      assert.equal(watcher.app().secret, "<redacted>");
    } finally {
      await watcher.close();
      await driver.close();
      await server.close();
    }
  });

  test("an instance forwards calls and events; a view cannot open one for a participant it does not hold", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const a = await connectRemoteMeeting(server.url);
    const b = await connectRemoteMeeting(server.url);
    try {
      await a.claim(["p1", "p2"]);
      await assert.rejects(b.openInstance("p1"), (e: unknown) => {
        assert.ok(e instanceof MeetingServerError);
        assert.equal(e.code, "NOT_YOUR_PARTICIPANT");
        return true;
      });
      await a.ui.openApp("p1");
      const host = await a.openInstance("p1");
      const guest = await a.openInstance("p2");
      const hostCloses: string[] = [];
      host.onClose((reason) => hostCloses.push(reason));
      let guestClosed: { reason: string; url?: string } | undefined;
      guest.onClose((reason, url) => {
        guestClosed = { reason, ...(url ? { url } : {}) };
      });
      assert.equal(((await host.call("collaborationStart", {})) as { ok: boolean }).ok, true);
      // Joining from the invitation replaces the guest's app: closed, with where it shows now.
      await b.ui.join("p2");
      await until(() => guestClosed !== undefined, "guest replaced");
      assert.match(String(guestClosed?.reason), /replaced/);
      const url = a.session()?.url;
      assert.equal(guestClosed?.url, url);
      const joined = await a.openInstance("p2", { url });
      // The session ends: events sent before anyone listened are delivered to the first listener.
      await a.ui.closeApp("p1");
      await until(() => host.closed, "host instance closed");
      assert.equal(hostCloses.length, 1);
      const events: WemeetEventMessage[] = [];
      joined.onEvent((m) => events.push(m));
      assert.ok(events.length > 0, "queued events delivered");
      assert.deepEqual(
        events.map((e) => e.name),
        server.meeting.trace
          .entries()
          .filter((e) => e.kind === "event" && e.instanceId === joined.instance)
          .map((e) => e.name),
      );
      await joined.close();
      await until(() => joined.closed, "joined closed");
      assert.equal(a.instances().find((i) => i.id === joined.instance)?.closed, true);
      await assert.rejects(host.call("appGetRunningContext", {}), { code: "NOT_YOUR_INSTANCE" });
    } finally {
      await a.close();
      await b.close();
      await server.close();
    }
  });

  test("reset reaches every replica: instances close, the trace starts over, reads show the new meeting", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const a = await connectRemoteMeeting(server.url);
    const b = await connectRemoteMeeting(server.url);
    try {
      await b.claim(["p2"]);
      const inst = await b.openInstance("p2");
      const resets: string[] = [];
      b.onReset((id) => resets.push(id));
      let closedReason = "";
      inst.onClose((reason) => {
        closedReason = reason;
      });
      await a.reset({
        seed: 3,
        participants: [{ nickname: "Mei", role: RoleType.HOST }],
        meetingInfo: { meetingSubject: "Fresh" },
      });
      assert.equal(a.meetingInfo().meetingSubject, "Fresh");
      assert.deepEqual(
        a.participants().map((p) => p.nickname),
        ["Mei"],
      );
      assert.equal(a.trace.entries()[0]?.seq, 1);
      assert.equal(a.id, server.meeting.id);
      await until(() => resets.length === 1 && inst.closed, "b heard the reset");
      assert.equal(resets[0], server.meeting.id);
      assert.match(closedReason, /reset/);
      await until(() => sameAsServer(b, server), "b converged");
      assert.deepEqual(b.holders(), {});
      await assert.rejects(a.reset({ participants: "many" } as never), {
        code: "INVALID_ARGUMENT",
      });
    } finally {
      await a.close();
      await b.close();
      await server.close();
    }
  });

  test("a takeover moves a participant; the old holder hears released and its instance closes", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const laptop = await connectRemoteMeeting(server.url);
    const phone = await connectRemoteMeeting(server.url);
    try {
      await laptop.claim(["p2"]);
      const inst = await laptop.openInstance("p2");
      const released: string[][] = [];
      laptop.onReleased((ps) => released.push(ps));
      await assert.rejects(phone.claim(["p2"]), { code: "PARTICIPANT_TAKEN" });
      const claimed = await phone.claim(["p2"], { takeover: true });
      assert.deepEqual(
        claimed.map((p) => p.id),
        ["p2"],
      );
      assert.equal(phone.holders().p2, phone.viewId);
      await until(() => released.length === 1 && inst.closed, "released");
      assert.deepEqual(released[0], ["p2"]);
      await phone.release(["p2"]);
      assert.equal(phone.holders().p2, undefined);
    } finally {
      await laptop.close();
      await phone.close();
      await server.close();
    }
  });

  test("a change waiting for a confirmation dialog outlives the request timeout while the dialog is open", async () => {
    const meeting = createMeeting({
      participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
      decisions: { confirmStart: "ask" },
    });
    const server = await startMeetingServer({ port: 0, meeting });
    const remote = await connectRemoteMeeting(server.url, { timeoutMs: 100 });
    try {
      await remote.claim(["p1"]);
      await remote.ui.openApp("p1");
      await remote.openInstance("p1");
      const starting = remote.ui.clickStart("p1");
      await until(() => remote.view("p1").confirmation !== null, "dialog shown");
      // Three timeouts pass with the dialog open: the change still waits for the user.
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await remote.ui.answerConfirmation("p1", true)).ok, true);
      assert.equal((await starting).ok, true);
      assert.equal(remote.session()?.starterId, "p1");
    } finally {
      await remote.close();
      await server.close();
    }
  });

  test("a lost connection closes the replica's instances and tells onLost", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    const remote = await connectRemoteMeeting(server.url, { timeoutMs: 2000 });
    await remote.claim(["p1"]);
    const inst = await remote.openInstance("p1");
    const lost: string[] = [];
    remote.onLost((r) => lost.push(r));
    await server.close();
    await until(() => lost.length === 1 && inst.closed, "lost");
    await assert.rejects(remote.ui.openApp("p1"), { code: "NOT_READY" });
  });
});
