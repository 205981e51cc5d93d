import assert from "node:assert/strict";
import { test } from "node:test";
import { traceData } from "./trace.ts";

test("traceData copies plain data as JSON would", () => {
  const v = { a: 1, b: "x", c: [1, null, { d: true }], e: undefined, f: () => 1 };
  assert.deepEqual(traceData(v), { a: 1, b: "x", c: [1, null, { d: true }] });
  assert.deepEqual(traceData([() => 1, Symbol("s")]), [null, null]);
  assert.equal(traceData(undefined), null);
});

test("a sparse array of length 1e8 costs only the kept items", () => {
  const sparse: unknown[] = [];
  sparse.length = 1e8;
  const started = performance.now();
  const out = traceData({ extra: sparse }, { maxItems: 3 }) as { extra: unknown[] };
  assert.ok(performance.now() - started < 50);
  assert.deepEqual(out.extra, [null, null, null, "…[99999997 more]"]);
});

test("strings, keys, depth and cycles are bounded", () => {
  const out = traceData({ s: "y".repeat(100) }, { maxChars: 10 }) as { s: string };
  assert.ok(out.s.endsWith("more chars]") && out.s.length < 40);
  let deep: unknown = 1;
  for (let i = 0; i < 20; i++) deep = [deep];
  assert.match(JSON.stringify(traceData(deep)), /"\[deep\]"/);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.deepEqual(traceData(cyclic), { self: "[circular]" });
  const wide = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
  assert.deepEqual(traceData(wide, { maxItems: 2 }), { k0: 0, k1: 1, "…": "[8 more]" });
});

test("Maps, Sets, dates, binary data and bigints become JSON-safe summaries", () => {
  assert.deepEqual(traceData(new Map([["a", 1]])), [["a", 1]]);
  assert.deepEqual(traceData(new Set([1, 2])), [1, 2]);
  assert.equal(traceData(new Date(0)), "1970-01-01T00:00:00.000Z");
  assert.equal(traceData(new Uint8Array(4)), "[Uint8Array 4 bytes]");
  assert.equal(traceData(10n), "10n");
  assert.equal(traceData(Number.NaN), "NaN");
});
