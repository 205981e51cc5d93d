import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "../meeting/meeting.ts";
import type { TraceEntry } from "../meeting/trace.ts";
import { joinMeetingServer, startMeetingServer } from "../node.ts";
import { createMeetingServerCore } from "./meetingServer.ts";
import type { MeetingSnapshot } from "./snapshot.ts";
import { type Frame, type RawView, rawView, until } from "./testing/rawView.ts";

const twoPeople = () =>
  createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });

/** The trace entries an observer received: observe's answer, then every `trace` frame. */
const seen = (frames: Frame[]): TraceEntry[] => {
  const out: TraceEntry[] = [];
  for (const f of frames) {
    if (f.t === "result" && (f.result as { trace?: TraceEntry[] })?.trace)
      out.push(...(f.result as { trace: TraceEntry[] }).trace);
    if (f.t === "trace") out.push(...(f.entries as TraceEntry[]));
  }
  return out;
};

/** `app.getRunningContext` on `instance` through view `v`; it must answer `ok`. */
async function runningContext(v: RawView, instance: unknown): Promise<void> {
  const ctx = await v.ask({ t: "call", instance, method: "appGetRunningContext", args: {} });
  assert.equal((ctx.result as { ok: boolean }).ok, true);
}

describe("meeting server protocol 2", () => {
  test("an observer gets every trace entry exactly once, in order, and one state per burst", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const watcher = await rawView(server.url);
      assert.equal(watcher.welcome.protocol, 2);
      assert.equal(watcher.welcome.view, "v1");
      const observed = await watcher.ask({ t: "observe" });
      const state = (observed.result as { state: MeetingSnapshot }).state;
      assert.equal(state.meetingId, server.meeting.id);
      assert.equal(state.app.secret, "<redacted>");
      assert.deepEqual(
        state.participants.map((p) => p.nickname),
        ["Host", "Ann"],
      );
      const driver = await rawView(server.url);
      const states = (): MeetingSnapshot[] =>
        watcher.frames.filter((f) => f.t === "state").map((f) => f.state as MeetingSnapshot);
      for (let burst = 0; burst < 5; burst++) {
        // The previous burst's drive has reached the watcher (its state frame too), so the
        // count below starts after it: frames of two views' sockets arrive in either order.
        await until(
          () => (states().at(-1)?.participants.length ?? 2) === 2 + burst,
          "the previous drive's state",
        );
        // A burst in one macrotask: many entries, one state frame.
        const before = states().length;
        for (let k = 0; k < 40; k++)
          server.meeting.updateParticipant("p2", { nickname: `Ann ${k}` });
        const last = server.meeting.trace.entries().at(-1)?.seq;
        await until(() => seen(watcher.frames).at(-1)?.seq === last, "burst delivered");
        // Frames on one socket arrive in order: by the time the burst's final state is seen,
        // a state per change (no coalescing) would have arrived before it.
        await until(
          () =>
            states()
              .at(-1)
              ?.participants.find((p) => p.id === "p2")?.nickname === "Ann 39",
          "the burst's state",
        );
        assert.equal(states().length, before + 1);
        // And driver actions from another view.
        const added = await driver.ask({
          t: "drive",
          action: "addParticipant",
          args: [{ nickname: `G${burst}` }],
        });
        assert.equal(added.t, "result");
        assert.equal((added.result as { nickname: string }).nickname, `G${burst}`);
      }
      const want = server.meeting.trace.entries();
      await until(() => seen(watcher.frames).length === want.length, "all entries");
      assert.deepEqual(
        seen(watcher.frames).map((e) => e.seq),
        want.map((e) => e.seq),
      );
      const latest = watcher.frames.filter((f) => f.t === "state").at(-1)?.state as MeetingSnapshot;
      assert.equal(latest.participants.length, 7);
      watcher.close();
      driver.close();
    } finally {
      await server.close();
    }
  });

  test("drive refusals are coded and say what to do", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const v = await rawView(server.url);
      const refusal = async (action: string, args: unknown[]) => {
        const f = await v.ask({ t: "drive", action, args });
        assert.equal(f.t, "error", `${action} should be refused`);
        return f;
      };
      const unknown = await refusal("ui.fly", ["p1"]);
      assert.equal(unknown.code, "UNKNOWN_METHOD");
      assert.match(String(unknown.message), /known: ui\.openApp, .*updateMeetingInfo/);
      assert.equal((await refusal("ui.join", ["p9"])).code, "UNKNOWN_PARTICIPANT");
      assert.equal(
        (await refusal("ui.answerConfirmation", ["p1", "yes"])).code,
        "INVALID_ARGUMENT",
      );
      assert.equal((await refusal("setSpeaking", ["p1"])).code, "INVALID_ARGUMENT");
      assert.equal((await refusal("ui.join", ["p1", 2, 3])).code, "INVALID_ARGUMENT");
      const info = await refusal("updateMeetingInfo", [{ colour: "red" }]);
      assert.equal(info.code, "INVALID_ARGUMENT");
      assert.match(String(info.message), /unknown fields colour/);
      // A user-level failure is not a refusal: it is the action's HostResult.
      const closed = await v.ask({ t: "drive", action: "ui.closeApp", args: ["p1"] });
      assert.equal(closed.t, "result");
      assert.equal((closed.result as { ok: boolean }).ok, false);
      // Writing back a snapshot's app keeps the real secret.
      const secret = server.meeting.app().secret;
      const app = await v.ask({
        t: "drive",
        action: "updateApp",
        args: [{ name: "Board", secret: "<redacted>" }],
      });
      assert.equal((app.result as { secret: string }).secret, "<redacted>");
      assert.equal(server.meeting.app().secret, secret);
      assert.equal(server.meeting.app().name, "Board");
      v.close();
    } finally {
      await server.close();
    }
  });

  test("reset notifies every view, closes instances first and starts the trace over", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const old = server.meeting;
      const headless = await joinMeetingServer(server.url, { participants: ["p2"] });
      const v1 = await rawView(server.url, 1);
      const v1Closed = new Promise<{ code: number; reason: string }>((r) =>
        v1.ws.once("close", (code, reason) => r({ code, reason: String(reason) })),
      );
      const holder = await rawView(server.url);
      assert.equal((await holder.ask({ t: "claim", participants: ["p1"] })).t, "claimed");
      const opened = await holder.ask({ t: "open", participant: "p1" });
      await holder.ask({ t: "observe" });
      const bad = await holder.ask({ t: "reset", options: { colour: 1 } });
      assert.equal(bad.code, "INVALID_ARGUMENT");
      assert.equal(server.meeting, old, "a refused reset changes nothing");
      const done = await holder.ask({
        t: "reset",
        options: { seed: 7, participants: [{ nickname: "Mei", role: RoleType.HOST }] },
      });
      assert.equal(done.t, "result");
      assert.notEqual(server.meeting, old);
      assert.equal((done.result as { meetingId: string }).meetingId, server.meeting.id);
      const closedAt = holder.frames.findIndex(
        (f) => f.t === "closed" && f.instance === opened.instance,
      );
      const resetAt = holder.frames.findIndex((f) => f.t === "reset");
      assert.ok(closedAt !== -1 && closedAt < resetAt, "closed before reset");
      // The observer reads the new meeting before the answer: state and a trace from seq 1.
      const doneAt = holder.frames.indexOf(done);
      const after = holder.frames.slice(resetAt, doneAt);
      const state = after.find((f) => f.t === "state")?.state as MeetingSnapshot;
      assert.deepEqual(
        state.participants.map((p) => p.nickname),
        ["Mei"],
      );
      assert.deepEqual(state.holders, {});
      const trace = after.find((f) => f.t === "trace")?.entries as TraceEntry[] | undefined;
      assert.equal(trace?.[0]?.seq, 1);
      // The headless (protocol 2) view hears it and its app is closed; protocol 1 is closed.
      assert.match(await headless.participants[0]!.closed, /reset/);
      assert.deepEqual((await v1Closed).code, 1012);
      assert.equal(server.core.assignments().size, 0);
      assert.ok(old.instances().every((i) => i.closed));
      // The old participants are gone: opening p1 again needs a claim in the new meeting.
      assert.equal(
        (await holder.ask({ t: "open", participant: "p1" })).code,
        "NOT_YOUR_PARTICIPANT",
      );
      holder.close();
      await headless.close();
    } finally {
      await server.close();
    }
  });

  test("a takeover moves a participant; the old holder hears released and loses its instance", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const a = await rawView(server.url);
      await a.ask({ t: "claim", participants: ["p2"] });
      const opened = await a.ask({ t: "open", participant: "p2" });
      const b = await rawView(server.url);
      assert.equal((await b.ask({ t: "claim", participants: ["p2"] })).code, "PARTICIPANT_TAKEN");
      const taken = await b.ask({ t: "claim", participants: ["p2"], takeover: true });
      assert.equal(taken.t, "claimed");
      await a.until(() => a.frames.some((f) => f.t === "released"), "released");
      const closedAt = a.frames.findIndex(
        (f) => f.t === "closed" && f.instance === opened.instance,
      );
      const releasedAt = a.frames.findIndex((f) => f.t === "released");
      assert.ok(closedAt !== -1 && closedAt < releasedAt);
      assert.deepEqual(a.frames[releasedAt]?.participants, ["p2"]);
      assert.match(String(a.frames[closedAt]?.reason), /joined from another view/);
      assert.equal(server.core.assignments().get("p2"), b.welcome.view);
      assert.equal((await a.ask({ t: "open", participant: "p2" })).code, "NOT_YOUR_PARTICIPANT");
      // Release gives it back; releasing what a view does not hold is refused.
      assert.equal(
        (await a.ask({ t: "release", participants: ["p2"] })).code,
        "NOT_YOUR_PARTICIPANT",
      );
      assert.equal((await b.ask({ t: "release", participants: ["p2"] })).t, "result");
      assert.equal(server.core.assignments().has("p2"), false);
      a.close();
      b.close();
    } finally {
      await server.close();
    }
  });

  test("a call that changes nothing reaches observers as trace entries, with no copy of the state", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const v = await rawView(server.url);
      await v.ask({ t: "observe" });
      await v.ask({ t: "claim", participants: ["p1"] });
      const opened = await v.ask({ t: "open", participant: "p1" });
      // The open changed the meeting (an instance): its state has arrived.
      await v.until(() => v.frames.some((f) => f.t === "state"), "the open's state");
      const statesBefore = v.frames.filter((f) => f.t === "state").length;
      for (let i = 0; i < 3; i++) await runningContext(v, opened.instance);
      const calls = (): TraceEntry[] =>
        seen(v.frames).filter((e) => e.name === "app.getRunningContext");
      await v.until(() => calls().length === 6, "three calls and three results");
      assert.deepEqual(
        calls().map((e) => e.kind),
        ["call", "result", "call", "result", "call", "result"],
      );
      assert.equal(v.frames.filter((f) => f.t === "state").length, statesBefore);
      // A change still sends the state.
      server.meeting.updateParticipant("p2", { nickname: "Ann 2" });
      await v.until(
        () => v.frames.filter((f) => f.t === "state").length === statesBefore + 1,
        "the change's state",
      );
      v.close();
    } finally {
      await server.close();
    }
  });

  test("a protocol-1 view still claims, opens and calls; it gets no protocol-2 frames", async () => {
    const server = await startMeetingServer({ port: 0, meeting: twoPeople() });
    try {
      const v = await rawView(server.url, 1);
      assert.equal(v.welcome.protocol, 1);
      await v.ask({ t: "claim", participants: ["p1"] });
      const opened = await v.ask({ t: "open", participant: "p1" });
      await runningContext(v, opened.instance);
      const other = await rawView(server.url);
      await other.ask({ t: "claim", participants: ["p1"], takeover: true });
      await v.until(() => v.frames.some((f) => f.t === "closed"), "closed");
      assert.ok(!v.frames.some((f) => ["released", "state", "trace", "reset"].includes(f.t)));
      v.close();
      other.close();
    } finally {
      await server.close();
    }
  });

  test("a pinned view acts only as its participant", async () => {
    const core = createMeetingServerCore({ meeting: twoPeople() });
    const frames: Frame[] = [];
    const view = core.connect(
      { send: (t) => frames.push(JSON.parse(t)), close: () => {} },
      { participant: "p2" },
    );
    const ask = async (frame: Record<string, unknown>, id: number) => {
      view.receive(JSON.stringify({ ...frame, id }));
      await until(() => frames.some((f) => f.id === id));
      return frames.find((f) => f.id === id) as Frame;
    };
    view.receive(JSON.stringify({ t: "hello", protocol: 2 }));
    for (const [k, frame] of [
      { t: "claim", participants: ["p1"] },
      { t: "claim", count: 1 },
      { t: "open", participant: "p1" },
      { t: "drive", action: "ui.openApp", args: ["p1"] },
      { t: "drive", action: "removeParticipant", args: ["p2"] },
      { t: "reset", options: {} },
    ].entries())
      assert.equal((await ask(frame, k)).code, "NOT_YOUR_PARTICIPANT", JSON.stringify(frame));
    assert.equal((await ask({ t: "claim", participants: ["p2"] }, 10)).t, "claimed");
    const opened = await ask({ t: "drive", action: "ui.openApp", args: ["p2"] }, 11);
    assert.equal((opened.result as { ok: boolean }).ok, true);
    assert.equal(core.meeting.participants().length, 2);
    view.closed();
  });

  test("a view that does not read is held back, catches up in order, and is closed past its backlog", async () => {
    const meeting = twoPeople();
    const core = createMeetingServerCore({
      meeting,
      limits: { maxBufferedBytes: 100, maxTraceBacklog: 50 },
    });
    let buffered = 0;
    const frames: Frame[] = [];
    let closed: string | undefined;
    const view = core.connect({
      send: (t) => frames.push(JSON.parse(t)),
      close: (_code, reason) => {
        closed = reason;
      },
      bufferedAmount: () => buffered,
    });
    view.receive(JSON.stringify({ t: "hello", protocol: 2 }));
    view.receive(JSON.stringify({ t: "observe", id: 1 }));
    await until(() => frames.some((f) => f.id === 1));
    buffered = 1000;
    for (let k = 0; k < 20; k++) meeting.updateParticipant("p2", { nickname: `Ann ${k}` });
    await new Promise((r) => setTimeout(r, 60));
    assert.ok(!frames.some((f) => f.t === "trace"), "nothing sent while it does not read");
    buffered = 0;
    await until(() => frames.some((f) => f.t === "state"), "caught up");
    assert.deepEqual(
      seen(frames).map((e) => e.seq),
      meeting.trace.entries().map((e) => e.seq),
    );
    buffered = 1000;
    for (let k = 0; k < 60; k++) meeting.updateParticipant("p2", { nickname: `Ann ${k}` });
    await until(() => closed !== undefined, "closed");
    assert.match(String(closed), /^QUOTA_EXCEEDED/);
    view.closed();
  });
});
