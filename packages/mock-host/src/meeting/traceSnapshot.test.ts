import assert from "node:assert/strict";
import { test } from "node:test";
import { traceData } from "@yiqi/bridge";
import { createManualClock } from "./clock.ts";
import { createTrace } from "./trace.ts";
import { snapshot } from "./traceSnapshot.ts";

const long = "x".repeat(9000);
const VALUES: readonly unknown[] = [
  undefined,
  null,
  true,
  0,
  -0,
  42.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  10n,
  "",
  "short",
  long,
  "y".repeat(7935),
  "y".repeat(7936),
  Symbol("s"),
  () => 1,
  {},
  { activeID: "a1", url: "https://app.example.com/" },
  { a: 1, b: undefined, c: () => 2, d: null, e: false, f: Symbol("x") },
  { n: Number.NaN, i: Number.NEGATIVE_INFINITY },
  { big: 1n },
  { 2: "two", 1: "one", z: "z" },
  Object.assign(Object.create(null), { p: 1 }),
  Object.assign(Object.create({ inherited: 1 }), { own: 2 }),
  { nested: { deeper: [1, 2, { x: 3 }] } },
  { long },
  { [long]: 1 },
  { a: "a".repeat(4000), b: "b".repeat(4000), c: "c".repeat(4000) },
  Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, i])),
  Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`k${i}`, i])),
  Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i])),
  [1, "two", null],
  new Map([["a", 1]]),
  new Set([1]),
  new Date(0),
  new Uint8Array(4),
  new (class Point {
    x = 1;
  })(),
];

test("a trace entry's data is exactly traceData(data, { maxDepth: 9 }) (decision 0108)", () => {
  for (const [i, v] of VALUES.entries()) {
    assert.deepEqual(snapshot(v), traceData(v, { maxDepth: 9 }), `value #${i}`);
  }
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.deepEqual(snapshot(cyclic), traceData(cyclic, { maxDepth: 9 }));
});

test("what the trace recorded does not change when the recorded object is mutated later", () => {
  const trace = createTrace(createManualClock());
  const flat: Record<string, unknown> = { activeID: "a1", url: "https://app.example.com/" };
  const nested = { config: { url: "https://app.example.com/", visible: true } };
  trace.record({ kind: "result", name: "collaboration.getContext", data: flat, spec: "A2" });
  trace.record({ kind: "state", name: "x", data: nested, spec: "A2" });
  flat.activeID = "changed";
  flat.extra = 1;
  nested.config.visible = false;
  const [a, b] = trace.entries();
  assert.deepEqual(a?.data, { activeID: "a1", url: "https://app.example.com/" });
  assert.notEqual(a?.data, flat);
  assert.deepEqual(b?.data, { config: { url: "https://app.example.com/", visible: true } });
});
