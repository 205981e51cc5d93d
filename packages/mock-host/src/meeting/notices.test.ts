import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CollaborationChangeEvent,
  MAX_NOTICE_BATCH,
  NOTICE_BATCHES_PROTOCOL,
  NOTICES_PROTOCOL,
  RoleType,
  type WemeetEventMessage,
  type WemeetNotice,
} from "@yiqi/jsapi";
import { openHeadlessApp } from "../headless.ts";
import { environmentFor } from "./environment.ts";
import { createMeeting, type Meeting } from "./meeting.ts";
import type { AppInstance } from "./model.ts";
import { MAX_PENDING_REPORTS } from "./notices.ts";
import type { TraceEntry } from "./trace.ts";

const URL = "https://app.example.com/";

function hostAndGuest(): Meeting {
  return createMeeting({
    seed: 3,
    app: { name: "Board", url: URL },
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });
}

function open(meeting: Meeting, pid: string): { inst: AppInstance; got: WemeetEventMessage[] } {
  if (!meeting.view(pid).app) meeting.ui.openApp(pid);
  const inst = meeting.openInstance(pid, { url: URL, origin: new globalThis.URL(URL).origin });
  const got: WemeetEventMessage[] = [];
  inst.onEvent((m) => got.push(m));
  return { inst, got };
}

const notices = (meeting: Meeting): TraceEntry[] =>
  meeting.trace.entries().filter((e) => /^(listener|event)\.|^client\./.test(e.name));

describe("the client's handling notices become trace entries of its instance (decision 0306)", () => {
  test("hello, listeners, handled / unhandled / handlerError, identity from the instance", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    assert.deepEqual(await h.inst.api.notify({ kind: "hello", protocol: 1 }), {
      ok: true,
      value: null,
    });
    await h.inst.api.notify({
      kind: "listener",
      change: "add",
      event: "collaboration-change",
      count: 1,
    });
    await h.inst.api.collaborationStart({ pageUrl: URL });
    const [start] = h.got;
    assert.equal(typeof start?.id, "number", "each delivery carries its id");
    const id = start?.id as number;
    assert.equal(
      meeting.trace.entries().find((e) => e.seq === id)?.kind,
      "event",
      "the id is the trace seq of the delivery",
    );
    // A notice claiming another participant changes nothing: identity is the connection's.
    const claim = { participantId: "p2", instanceId: "i9" };
    await h.inst.api.notify({
      kind: "handled",
      eventId: id,
      listeners: 2,
      threw: 1,
      errors: [{ name: "TypeError", message: "x is undefined", stack: "at onChange (app.js:3)" }],
      ...claim,
    } as never);
    const got = notices(meeting).map((e) => [e.name, e.participantId, e.instanceId, e.data]);
    assert.deepEqual(got, [
      ["client.reportsHandling", "p1", h.inst.id, { protocol: 1 }],
      ["listener.add", "p1", h.inst.id, { event: "collaboration-change", count: 1 }],
      [
        "event.handled",
        "p1",
        h.inst.id,
        { event: "collaboration-change", eventSeq: id, listeners: 2, threw: 1 },
      ],
      [
        "event.handlerError",
        "p1",
        h.inst.id,
        {
          event: "collaboration-change",
          eventSeq: id,
          name: "TypeError",
          message: "x is undefined",
          stack: "at onChange (app.js:3)",
        },
      ],
    ]);
  });

  test("an event reported with no listener is event.unhandled; a delivery is reported once", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    const id = h.got[0]?.id as number;
    const r: WemeetNotice = { kind: "handled", eventId: id, listeners: 0, threw: 0, errors: [] };
    assert.equal((await h.inst.api.notify(r)).ok, true);
    const again = await h.inst.api.notify(r);
    assert.equal(again.ok, false);
    assert.match(again.ok ? "" : again.error.errMsg, /no unreported event delivered/);
    assert.deepEqual(
      notices(meeting).map((e) => [e.name, e.data]),
      [["event.unhandled", { event: "collaboration-change", eventSeq: id, listeners: 0 }]],
    );
  });

  test("malformed notices are refused with INVALID_ARGUMENT and record nothing", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    const bad: unknown[] = [
      null,
      { kind: "shout" },
      { kind: "listener", change: "add", event: "no-such-event", count: 1 },
      { kind: "listener", change: "add", event: "collaboration-change", count: -1 },
      { kind: "listener", change: "toggle", event: "collaboration-change", count: 1 },
      { kind: "handled", eventId: 12345, listeners: 1, threw: 0, errors: [] },
    ];
    for (const n of bad) {
      const r = await h.inst.api.notify(n as never);
      assert.equal(r.ok ? "" : r.error.code, "INVALID_ARGUMENT", JSON.stringify(n));
    }
    assert.deepEqual(notices(meeting), []);
  });

  test("unreported deliveries are bounded: the oldest is forgotten", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    await h.inst.api.notify({ kind: "hello", protocol: 1 });
    while (h.got.length <= MAX_PENDING_REPORTS) {
      await h.inst.api.collaborationStart({ pageUrl: URL });
      await h.inst.api.collaborationEnd({});
    }
    const report = (eventId: number) =>
      h.inst.api.notify({ kind: "handled", eventId, listeners: 1, threw: 0, errors: [] });
    assert.equal((await report(h.got[0]?.id as number)).ok, false, "the oldest was forgotten");
    assert.equal((await report(h.got.at(-1)?.id as number)).ok, true, "the newest is kept");
  });

  test("through the real client: the joiner's end event is reported before its connection closes", async () => {
    const meeting = hostAndGuest();
    meeting.ui.openApp("p1");
    const host = openHeadlessApp(meeting, "p1");
    const hostSaw: string[] = [];
    host.wemeet.addEventListener("collaboration-change", (e: CollaborationChangeEvent) =>
      hostSaw.push(e.action),
    );
    await host.wemeet.collaboration.start();
    assert.equal(meeting.ui.join("p2").ok, true);
    const ann = openHeadlessApp(meeting, "p2");
    const annSaw: string[] = [];
    ann.wemeet.addEventListener("collaboration-change", (e: CollaborationChangeEvent) =>
      annSaw.push(e.action),
    );
    await ann.wemeet.app.getRunningContext();
    await host.wemeet.collaboration.end();
    await ann.closed;
    await ann.attached.detach();
    const ended = meeting.trace
      .entries()
      .filter((e) => e.name === "event.handled" && e.participantId === "p2");
    assert.ok(annSaw.includes("end"));
    assert.equal(
      ended.some((e) => (e.data as { listeners: number }).listeners === 1),
      true,
      `p2's report of end reached the host: ${JSON.stringify(notices(meeting).map((e) => [e.name, e.participantId]))}`,
    );
    const lastEnd = meeting.trace
      .entries()
      .filter(
        (e) =>
          e.kind === "event" &&
          e.participantId === "p2" &&
          (e.data as { action?: string }).action === "end",
      )
      .at(-1);
    assert.ok(lastEnd);
    assert.ok(ended.some((e) => (e.data as { eventSeq: number }).eventSeq === lastEnd.seq));
    host.close();
  });
});

describe("a batch of notices (decision 0019): each recorded in order, bounded", () => {
  const handled = (eventId: number): WemeetNotice => ({
    kind: "handled",
    eventId,
    listeners: 1,
    threw: 0,
    errors: [],
  });
  const add: WemeetNotice = {
    kind: "listener",
    change: "add",
    event: "collaboration-change",
    count: 1,
  };

  test("the environment offers the batch form besides notices: 1", () => {
    const env = environmentFor(
      { clientVersion: "3.12.0.400", platform: "Mac", language: "zh-CN" },
      "i1",
    );
    assert.equal(env.notices, NOTICES_PROTOCOL);
    assert.equal(env.noticeBatches, NOTICE_BATCHES_PROTOCOL);
  });

  test("records each notice as if it came alone, in order; a refused one inside records nothing", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    await h.inst.api.collaborationEnd({});
    const [start, end] = h.got.map((m) => m.id as number);
    assert.ok(start && end);
    const r = await h.inst.api.notify({
      kind: "batch",
      notices: [
        { kind: "hello", protocol: 1 },
        add,
        handled(start),
        { kind: "batch", notices: [handled(end)] } as never,
        handled(12345),
        handled(end),
      ],
    });
    assert.equal(r.ok ? "" : r.error.code, "INVALID_ARGUMENT");
    assert.match(
      r.ok ? "" : r.error.errMsg,
      /2 of 6 notices refused, first #3: .*batch cannot hold a batch/,
    );
    assert.deepEqual(
      notices(meeting).map((e) => [e.name, (e.data as { eventSeq?: number }).eventSeq]),
      [
        ["client.reportsHandling", undefined],
        ["listener.add", undefined],
        ["event.handled", start],
        ["event.handled", end],
      ],
    );
    let settled = false;
    void h.inst.reportsSettled().then(() => (settled = true));
    await Promise.resolve();
    assert.equal(settled, true, "every delivery reported through the batch");
  });

  test("a batch that is no list of 1..MAX_NOTICE_BATCH notices is refused whole and traced", async () => {
    const meeting = hostAndGuest();
    const h = open(meeting, "p1");
    await h.inst.api.collaborationStart({ pageUrl: URL });
    const id = h.got[0]?.id as number;
    const huge = Array.from<unknown, WemeetNotice>({ length: MAX_NOTICE_BATCH + 1 }, () => add);
    huge[0] = handled(id);
    for (const batch of [
      { kind: "batch" },
      { kind: "batch", notices: [] },
      { kind: "batch", notices: huge },
    ]) {
      const r = await h.inst.api.notify(batch as never);
      assert.equal(
        r.ok ? "" : r.error.code,
        "INVALID_ARGUMENT",
        JSON.stringify(batch).slice(0, 80),
      );
    }
    const entries = meeting.trace
      .entries()
      .filter((e) => /^(listener|event)\.|^client\.|^notice\./.test(e.name));
    assert.deepEqual(
      entries.map((e) => [
        e.name,
        e.participantId,
        e.instanceId,
        (e.data as { notices: unknown }).notices,
      ]),
      [
        ["notice.refused", "p1", h.inst.id, null],
        ["notice.refused", "p1", h.inst.id, 0],
        ["notice.refused", "p1", h.inst.id, MAX_NOTICE_BATCH + 1],
      ],
      "none of their notices was recorded",
    );
    assert.equal(
      (await h.inst.api.notify(handled(id))).ok,
      true,
      "the delivery the refused batch named is still unreported",
    );
  });
});
