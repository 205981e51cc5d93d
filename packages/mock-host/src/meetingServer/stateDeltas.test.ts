import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { WebSocket } from "ws";
import { createMeeting } from "../meeting/meeting.ts";
import { connectRemoteMeeting, startMeetingServer } from "../node.ts";
import { applyMeetingDelta } from "./applyDelta.ts";
import { createMeetingServerCore } from "./meetingServer.ts";
import { parseViewFrame } from "./parseFrame.ts";
import { MeetingServerError } from "./protocol.ts";
import type { RemoteMeeting } from "./remoteMeeting.ts";
import { type MeetingSnapshot, meetingSnapshot } from "./snapshot.ts";
import { snapshotTexts, stateFrameText } from "./snapshotDelta.ts";
import { type Frame, rawView, until } from "./testing/rawView.ts";

const people = (n: number) =>
  createMeeting({
    participants: [
      { nickname: "Host", role: RoleType.HOST },
      ...Array.from({ length: n - 1 }, (_, i) => ({ nickname: `Guest ${i + 2}` })),
    ],
  });

/** A `ws` socket that keeps every frame it receives and can be handed a frame as if sent. */
class RecordingSocket extends WebSocket {
  static last: RecordingSocket | undefined;
  readonly received: Frame[] = [];
  constructor(url: string) {
    super(url);
    RecordingSocket.last = this;
    this.on("message", (d) => this.received.push(JSON.parse(String(d)) as Frame));
  }
  /** Delivers `frame` to the view as if the server had sent it. */
  inject(frame: unknown): void {
    this.emit("message", Buffer.from(JSON.stringify(frame)), false);
  }
}

/** Everything the replica shows, as a snapshot. */
const replicaState = (r: RemoteMeeting): MeetingSnapshot => ({
  meetingId: r.id,
  app: r.app(),
  meetingInfo: r.meetingInfo(),
  decisions: r.decisions(),
  participants: r.participants(),
  views: r.views(),
  session: r.session(),
  instances: r.instances(),
  holders: { ...r.holders() },
});

/** The `seq` an `observe` answer (in `frames`) gave. */
const observedSeq = (frames: Frame[]): number => {
  const result = frames.find((f) => f.t === "result")?.result as { seq?: unknown } | undefined;
  assert.equal(typeof result?.seq, "number");
  return result?.seq as number;
};

/** A small deterministic generator (the sequence is the same on every run). */
const random = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};

describe("state deltas (decision 0040)", () => {
  test("a replica taking deltas converges to the server's snapshot after random drives", async () => {
    const server = await startMeetingServer({ port: 0, meeting: people(4) });
    const replica = await connectRemoteMeeting(server.url, {
      WebSocket: RecordingSocket as unknown as typeof globalThis.WebSocket,
    });
    const socket = RecordingSocket.last as RecordingSocket;
    const driver = await connectRemoteMeeting(server.url);
    try {
      const truth = (): MeetingSnapshot =>
        meetingSnapshot(server.meeting, server.core.assignments());
      const converged = () =>
        until(
          () => JSON.stringify(replicaState(replica)) === JSON.stringify(truth()),
          "the replica shows the server's state",
        );
      await driver.claim(["p1", "p2"]);
      const next = random(40);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
      const guests = () => server.meeting.participants().filter((p) => p.id !== "p1");
      const actions: (() => unknown)[] = [
        () => driver.addParticipant({ nickname: `New ${Math.floor(next() * 100)}` }),
        async () => {
          const g = guests();
          if (g.length > 1) await driver.updateParticipant(pick(g).id, { nickname: "Renamed" });
        },
        async () => {
          const g = guests().filter((p) => p.id !== "p2");
          if (g.length > 2) await driver.removeParticipant(pick(g).id);
        },
        () => driver.ui.openApp("p1"),
        () => driver.ui.closeApp(pick(["p1", "p2"])),
        async () => {
          if (driver.view("p1").app) await driver.openInstance("p1");
        },
        () => driver.ui.clickStart("p1"),
        () => driver.ui.join(pick(guests()).id),
        () => driver.ui.leave(pick(guests()).id),
        () => driver.ui.end("p1"),
        () => driver.setAudio(pick(guests()).id, next() > 0.5),
      ];
      const seen = { session: 0, instances: 0, removed: 0 };
      for (let step = 0; step < 80; step++) {
        const count = server.meeting.participants().length;
        // A refused action (a join without a session, …) is part of the sequence too.
        await Promise.resolve()
          .then(pick(actions))
          .catch(() => {});
        if (server.meeting.participants().length < count) seen.removed++;
        if (server.meeting.session()) seen.session++;
        if (server.meeting.instances().length > 0) seen.instances++;
        // Several changes in one macrotask too (one delta for all of them).
        if (step % 10 === 0)
          for (let k = 0; k < 3; k++) server.meeting.updateParticipant("p2", { nickname: `B${k}` });
        if (step % 5 === 0) await converged();
        // A reset mid-way: a new meeting (its id, participants, no session) arrives as a delta too.
        if (step === 40) {
          await driver.reset({
            participants: [
              { nickname: "Host", role: RoleType.HOST },
              { nickname: "Ann" },
              { nickname: "Bob" },
            ],
          });
          await driver.claim(["p1", "p2"]);
          await converged();
        }
      }
      await converged();
      assert.deepEqual(replicaState(replica), truth());
      // The sequence went through sessions, instances and removals (not only renames).
      assert.ok(seen.session > 0 && seen.instances > 0 && seen.removed > 0, JSON.stringify(seen));
      const kinds = socket.received.map((f) => f.t);
      assert.ok(kinds.filter((t) => t === "delta").length > 20, "the changes came as deltas");
      assert.ok(!kinds.includes("state"), "no whole state after observe (it never fell behind)");
    } finally {
      await driver.close();
      await replica.close();
      await server.close();
    }
  });

  test("unchanged items keep their identity in the replica; a changed one is new", async () => {
    const server = await startMeetingServer({ port: 0, meeting: people(3) });
    const replica = await connectRemoteMeeting(server.url);
    try {
      const [p1, p2, p3] = replica.participants();
      const views = replica.views();
      const app = replica.app();
      let changes = 0;
      replica.subscribe(() => changes++);
      server.meeting.updateParticipant("p2", { nickname: "Ann" });
      await until(() => replica.participant("p2").nickname === "Ann", "the rename");
      assert.equal(changes, 1);
      const after = replica.participants();
      assert.equal(after[0], p1);
      assert.equal(after[2], p3);
      assert.notEqual(after[1], p2);
      assert.equal(replica.view("p1"), views[0]);
      assert.equal(replica.view("p3"), views[2]);
      assert.equal(replica.app(), app);
    } finally {
      await replica.close();
      await server.close();
    }
  });

  test("a view that does not ask for deltas gets the whole state exactly as before", async () => {
    const server = await startMeetingServer({ port: 0, meeting: people(3) });
    const replica = await connectRemoteMeeting(server.url);
    try {
      const plain = await rawView(server.url);
      const observed = await plain.ask({ t: "observe" });
      assert.deepEqual(Object.keys(observed.result as object).sort(), ["state", "trace"]);
      await replica.addParticipant({ nickname: "Mei" });
      server.meeting.updateParticipant("p2", { nickname: "Ann" });
      const states = () => plain.frames.filter((f) => f.t === "state");
      await plain.until(
        () => (states().at(-1)?.state as MeetingSnapshot)?.participants[1]?.nickname === "Ann",
        "the rename's state",
      );
      assert.ok(!plain.frames.some((f) => f.t === "delta"));
      for (const f of states()) assert.deepEqual(Object.keys(f), ["t", "state"]);
      assert.deepEqual(
        states().at(-1)?.state,
        meetingSnapshot(server.meeting, server.core.assignments()),
      );
      plain.close();
    } finally {
      await replica.close();
      await server.close();
    }
  });

  test("a view that fell behind gets a whole state, then deltas from its version", async () => {
    const meeting = people(2);
    const core = createMeetingServerCore({ meeting, limits: { maxBufferedBytes: 100 } });
    let buffered = 0;
    const frames: Frame[] = [];
    const view = core.connect({
      send: (t) => frames.push(JSON.parse(t)),
      close: () => {},
      bufferedAmount: () => buffered,
    });
    view.receive(JSON.stringify({ t: "hello", protocol: 2 }));
    view.receive(JSON.stringify({ t: "observe", id: 1, deltas: true }));
    await until(() => frames.some((f) => f.id === 1));
    const first = observedSeq(frames);
    meeting.updateParticipant("p2", { nickname: "Ann 1" });
    await until(() => frames.some((f) => f.t === "delta"), "a delta");
    const delta = frames.find((f) => f.t === "delta") as Frame;
    assert.equal(delta.base, first);
    assert.deepEqual(Object.keys(delta), ["t", "base", "seq", "participants", "views"]);
    buffered = 1000;
    for (let k = 0; k < 5; k++) meeting.updateParticipant("p2", { nickname: `Ann ${k + 2}` });
    await new Promise((r) => setTimeout(r, 40));
    const sentBefore = frames.length;
    buffered = 0;
    // It reads again as the meeting changes: the next flush has a change, and the view missed
    // versions, so it must get the whole state (a delta would not apply to what it shows).
    meeting.updateParticipant("p2", { nickname: "Ann caught up" });
    await until(() => frames.some((f) => f.t === "state"), "caught up");
    assert.equal(frames[sentBefore]?.t, "state");
    const whole = frames.find((f) => f.t === "state") as Frame;
    assert.deepEqual(whole.state, meetingSnapshot(meeting, core.assignments()));
    meeting.updateParticipant("p2", { nickname: "Ann again" });
    await until(
      () => frames.at(-1)?.t === "delta" || frames.filter((f) => f.t === "delta").length > 1,
    );
    const after = frames.filter((f) => f.t === "delta").at(-1) as Frame;
    assert.equal(after.base, whole.seq);
    view.closed();
  });

  test("a malformed delta is refused, the state stays as it was, and the replica observes again", async () => {
    const server = await startMeetingServer({ port: 0, meeting: people(3) });
    const replica = await connectRemoteMeeting(server.url, {
      WebSocket: RecordingSocket as unknown as typeof globalThis.WebSocket,
    });
    const socket = RecordingSocket.last as RecordingSocket;
    try {
      const before = replicaState(replica);
      const seq = observedSeq(socket.received);
      socket.inject({ t: "delta", base: seq, seq: seq + 1, set: { meetingId: 7 } });
      assert.deepEqual(replicaState(replica), before, "the bad delta changed nothing");
      // It observed again: later changes reach it.
      await until(() => socket.received.filter((f) => f.t === "result").length === 2, "observed");
      server.meeting.updateParticipant("p3", { nickname: "Mo" });
      await until(() => replica.participant("p3").nickname === "Mo", "a later change");
      assert.deepEqual(
        replicaState(replica),
        meetingSnapshot(server.meeting, server.core.assignments()),
      );
    } finally {
      await replica.close();
      await server.close();
    }
  });

  test("the whole state assembled from the parts is the text JSON.stringify writes", async () => {
    const meeting = people(3);
    await meeting.ui.openApp("p1");
    const state = meetingSnapshot(meeting, new Map([["p1", "v1"]]));
    const texts = snapshotTexts(state);
    assert.ok(texts);
    assert.equal(stateFrameText(texts), JSON.stringify({ t: "state", state }));
    assert.equal(stateFrameText(texts, 7), JSON.stringify({ t: "state", state, seq: 7 }));
  });

  test("applyMeetingDelta refuses what does not fit, coded, and leaves the state alone", () => {
    const state = meetingSnapshot(people(2), new Map());
    const copy = structuredClone(state);
    const p = state.participants[0];
    for (const frame of [
      { t: "delta", base: 3, seq: 4 },
      { t: "delta", base: 0, seq: 2 },
      { t: "delta", base: 0, seq: 1, extra: true },
      { t: "delta", base: 0, seq: 1, set: { nope: 1 } },
      { t: "delta", base: 0, seq: 1, set: { session: "on" } },
      { t: "delta", base: 0, seq: 1, participants: { upsert: [{ nickname: "no id" }] } },
      { t: "delta", base: 0, seq: 1, participants: { remove: ["p9"] } },
      { t: "delta", base: 0, seq: 1, views: { upsert: [], order: [] } },
      { t: "delta", base: 0, seq: 1, instances: [] },
    ])
      assert.throws(
        () => applyMeetingDelta(state, 0, frame),
        (e: unknown) => e instanceof MeetingServerError && e.code === "BAD_FRAME",
        JSON.stringify(frame),
      );
    assert.deepEqual(state, copy);
    const ok = applyMeetingDelta(state, 0, {
      t: "delta",
      base: 0,
      seq: 1,
      participants: { remove: ["p1"], upsert: [{ ...p, id: "p3" }] },
    });
    assert.deepEqual(
      ok.state.participants.map((x) => x.id),
      ["p2", "p3"],
    );
    assert.equal(ok.state.participants[0], state.participants[1]);
    assert.equal(ok.seq, 1);
    assert.throws(() => parseViewFrame(JSON.stringify({ t: "observe", id: 1, deltas: "yes" })), {
      code: "BAD_FRAME",
    });
  });
});
