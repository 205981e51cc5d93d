import assert from "node:assert/strict";
import { test } from "node:test";
import type { SimTraceEntry } from "../cert/RunRecord.ts";
import { TRACE_TRUNCATED, TraceMirror } from "./traceMirror.ts";

const entry = (seq: number): SimTraceEntry => ({
  seq,
  t: seq * 10,
  kind: "call",
  name: `c${seq}`,
  data: null,
});
const marker = (dropped: number): SimTraceEntry => ({
  seq: dropped,
  t: dropped * 10,
  kind: "state",
  name: TRACE_TRUNCATED,
  data: { dropped },
});
const seqs = (m: TraceMirror): string[] =>
  m.entries().map((e) => (e.name === TRACE_TRUNCATED ? `x${e.seq}` : String(e.seq)));

test("TraceMirror: batches after lastSeq add up to the page's trace", () => {
  const m = new TraceMirror();
  assert.equal(m.lastSeq, 0);
  m.apply([entry(1), entry(2)]);
  m.apply([entry(3)]);
  m.apply([]);
  assert.deepEqual(seqs(m), ["1", "2", "3"]);
  assert.equal(m.lastSeq, 3);
});

test("TraceMirror: entries it holds already are ignored, so a whole trace is a batch too", () => {
  const m = new TraceMirror();
  m.apply([entry(1), entry(2)]);
  m.apply([entry(1), entry(2), entry(3)]);
  assert.deepEqual(seqs(m), ["1", "2", "3"]);
});

test("TraceMirror: a truncation marker drops what the page dropped and comes first", () => {
  const m = new TraceMirror();
  m.apply([entry(1), entry(2), entry(3), entry(4)]);
  // The page keeps the newest 3 of 6: entries 1-3 dropped; the reader had up to 4.
  m.apply([marker(3), entry(5), entry(6)]);
  assert.deepEqual(seqs(m), ["x3", "4", "5", "6"]);
  // A later marker replaces it; an older one (a stale batch) does not.
  m.apply([marker(5), entry(7)]);
  m.apply([marker(4)]);
  assert.deepEqual(seqs(m), ["x5", "6", "7"]);
});

test("TraceMirror: entries missed while the page dropped them are not waited for", () => {
  const m = new TraceMirror();
  m.apply([entry(1)]);
  m.apply([marker(8), entry(9), entry(10)]);
  assert.deepEqual(seqs(m), ["x8", "9", "10"]);
  assert.equal(m.lastSeq, 10);
});

test("TraceMirror: entries() is a copy", () => {
  const m = new TraceMirror();
  m.apply([entry(1)]);
  m.entries().push(entry(2));
  assert.deepEqual(seqs(m), ["1"]);
});
