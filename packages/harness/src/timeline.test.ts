import assert from "node:assert/strict";
import { test } from "node:test";
import { createManualClock, createTrace } from "@yiqi/mock-host";
import {
  ALL,
  BoundedTimeline,
  DEFAULT_TIMELINE_LIMIT,
  fromBridge,
  fromMeeting,
  parseTimelineFile,
  type TimelineEntry,
  TimelineFileError,
  toTimelineFile,
  visibleEntries,
} from "./timeline.ts";

function sample(): TimelineEntry[] {
  const trace = createTrace(createManualClock());
  trace.record({
    kind: "call",
    name: "ui.clickStart",
    data: null,
    spec: "A3",
    participantId: "p1",
  });
  trace.record({
    kind: "state",
    name: "session.started",
    data: { activeId: "a" },
    spec: "A3",
    participantId: "p1",
  });
  trace.record({
    kind: "event",
    name: "collaboration-change",
    data: { action: "join" },
    spec: "A3",
    participantId: "p2",
    instanceId: "i2",
  });
  const out = trace.entries().map((e, i) => fromMeeting(e, i + 1));
  out.push(
    fromBridge(
      {
        t: 5,
        side: "host",
        kind: "call",
        method: "collaborationStart",
        args: [{ url: "x", callback: undefined }],
      },
      "p1",
      4,
    ),
  );
  return out;
}

test("bridge entries are attributed to the frame's participant with a SPEC section", () => {
  const e = sample()[3] as TimelineEntry;
  assert.equal(e.participantId, "p1");
  assert.equal(e.source, "bridge");
  assert.equal(e.spec, "A3");
  assert.deepEqual(e.data, [{ url: "x" }]);
});

test("filters by participant, kind, source and name; caps to the newest", () => {
  const all = sample();
  assert.equal(visibleEntries(all, ALL, 100).shown.length, 3);
  assert.equal(visibleEntries(all, { ...ALL, bridge: true }, 100).shown.length, 4);
  assert.deepEqual(
    visibleEntries(all, { ...ALL, participants: ["p2"] }, 100).shown.map((e) => e.seq),
    [3],
  );
  assert.deepEqual(
    visibleEntries(all, { ...ALL, kinds: ["state", "event"] }, 100).shown.map((e) => e.seq),
    [2, 3],
  );
  assert.deepEqual(
    visibleEntries(all, { ...ALL, text: "SESSION" }, 100).shown.map((e) => e.seq),
    [2],
  );
  const capped = visibleEntries(all, ALL, 2);
  assert.deepEqual(
    capped.shown.map((e) => e.seq),
    [2, 3],
  );
  assert.equal(capped.truncated, true);
});

test("an exported timeline loads back the same", () => {
  const file = toTimelineFile(
    sample(),
    [{ id: "p1", nickname: "Host" }],
    "http://x/?a",
    new Date(0),
  );
  const back = parseTimelineFile(JSON.stringify(file));
  assert.deepEqual(back, file);
});

test("a raw simulator trace loads too; garbage is refused with a reason", () => {
  const trace = createTrace(createManualClock());
  trace.record({ kind: "state", name: "x", data: 1, spec: "A3", participantId: "p9" });
  const back = parseTimelineFile(JSON.stringify(trace));
  assert.equal(back.entries[0]?.name, "x");
  assert.deepEqual(back.participants, [{ id: "p9", nickname: "p9" }]);
  assert.throws(() => parseTimelineFile("{"), TimelineFileError);
  assert.throws(() => parseTimelineFile('{"a":1}'), /expected an exported timeline/);
  assert.throws(() => parseTimelineFile('[{"kind":1}]'), /entry 1/);
});

const entry = (seq: number): TimelineEntry => ({
  seq,
  t: seq * 10,
  source: "meeting",
  kind: "call",
  name: `c${seq}`,
  data: null,
});

test("the timeline keeps the newest entries behind a truncation marker; exports stay valid", () => {
  assert.equal(DEFAULT_TIMELINE_LIMIT, 10_000);
  const log = new BoundedTimeline(3);
  for (let i = 1; i <= 8; i++) log.push(entry(i));
  assert.equal(log.dropped, 5);
  assert.deepEqual(
    log.kept.map((e) => e.seq),
    [6, 7, 8],
  );
  const entries = log.entries();
  assert.equal(entries[0]?.name, "trace.truncated");
  assert.equal(entries[0]?.seq, 5);
  assert.match(
    (entries[0]?.data as { message?: string } | undefined)?.message ?? "",
    /^trace truncated: 5 earlier entries dropped/,
  );
  // The marker passes every filter, so the view always says entries are missing.
  assert.deepEqual(
    visibleEntries(entries, { ...ALL, kinds: ["event"], text: "zzz" }, 10).shown.map((e) => e.seq),
    [5],
  );
  const file = toTimelineFile(entries, [], undefined, new Date(0));
  const back = parseTimelineFile(JSON.stringify(file));
  assert.deepEqual(back, file);
  log.clear();
  assert.deepEqual(log.entries(), []);
  assert.throws(() => new BoundedTimeline(0), RangeError);
});

test("50k entries cost only the limit", () => {
  const log = new BoundedTimeline(1000);
  const started = performance.now();
  for (let i = 1; i <= 50_000; i++) log.push(entry(i));
  assert.equal(log.kept.length, 1000);
  assert.equal(log.entries().length, 1001);
  assert.ok(performance.now() - started < 2000);
});

test("bridge data is a bounded copy, never a JSON round trip of what the app sent", () => {
  const sparse: unknown[] = [];
  sparse.length = 1e8;
  const started = performance.now();
  const e = fromBridge(
    { t: 1, side: "host", kind: "call", method: "collaborationStart", args: [{ x: sparse }] },
    "p1",
    1,
  );
  assert.ok(performance.now() - started < 100);
  assert.ok(JSON.stringify(e.data).length < 10_000);
});
