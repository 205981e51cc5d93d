import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createManualClock } from "./clock.ts";
import { createMeeting } from "./meeting.ts";
import { createTrace, DEFAULT_MAX_TRACE_ENTRIES, TRACE_TRUNCATED } from "./trace.ts";

test("the trace keeps the newest maxEntries, with a marker that says how many were dropped", () => {
  const clock = createManualClock();
  const trace = createTrace(clock, { maxEntries: 3 });
  for (let i = 1; i <= 10; i++) {
    clock.advance(1);
    trace.record({ kind: "call", name: `c${i}`, data: { i }, spec: "A2" });
  }
  const entries = trace.entries();
  assert.equal(trace.dropped, 7);
  assert.deepEqual(
    entries.map((e) => [e.seq, e.name]),
    [
      [7, TRACE_TRUNCATED],
      [8, "c8"],
      [9, "c9"],
      [10, "c10"],
    ],
  );
  const marker = entries[0];
  assert.ok(marker);
  assert.equal(marker.kind, "state");
  assert.deepEqual((marker.data as { dropped: number }).dropped, 7);
  assert.match(
    (marker.data as { message: string }).message,
    /^trace truncated: 7 earlier entries dropped/,
  );
  const exported = JSON.parse(JSON.stringify(trace)) as { seq: number; name: string }[];
  assert.deepEqual(
    exported.map((e) => e.seq),
    [7, 8, 9, 10],
  );
});

test("the kept entries stay in order however many were dropped (every position of the oldest)", () => {
  const clock = createManualClock();
  const trace = createTrace(clock, { maxEntries: 4 });
  const t0 = clock.now();
  for (let i = 1; i <= 13; i++) {
    clock.advance(1);
    trace.record({ kind: "call", name: `c${i}`, data: null, spec: "A2" });
    const kept = trace.entries().filter((e) => e.name !== TRACE_TRUNCATED);
    const first = Math.max(1, i - 3);
    assert.deepEqual(
      kept.map((e) => e.seq),
      Array.from({ length: i - first + 1 }, (_, k) => first + k),
      `after ${i} entries`,
    );
    // The marker's time is the last dropped entry's.
    if (i > 4) assert.equal(trace.entries()[0]?.t, t0 + i - 4);
  }
});

test("a meeting's trace is capped by default and by maxTraceEntries", async () => {
  assert.equal(DEFAULT_MAX_TRACE_ENTRIES, 10_000);
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }],
    maxTraceEntries: 50,
  });
  meeting.ui.openApp("p1");
  const inst = meeting.openInstance("p1", { url: "https://app.example.com/" });
  for (let i = 0; i < 200; i++) await inst.api.appGetRunningContext();
  const entries = meeting.trace.entries();
  assert.equal(entries.length, 51);
  assert.equal(entries[0]?.name, TRACE_TRUNCATED);
  assert.ok(meeting.trace.dropped > 350);
  const seqs = entries.map((e) => e.seq);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
    "seq stays ordered",
  );
  assert.equal(seqs.at(-1), meeting.trace.dropped + 50);
});

test("entry data is a bounded copy: a sparse array of length 1e8 costs nothing", () => {
  const trace = createTrace(createManualClock());
  const sparse: unknown[] = [];
  sparse.length = 1e8;
  const started = performance.now();
  const e = trace.record({ kind: "call", name: "x", data: { extra: sparse }, spec: "A2" });
  assert.ok(performance.now() - started < 100);
  assert.ok(JSON.stringify(e.data).length < 10_000);
});
