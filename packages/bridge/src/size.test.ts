import assert from "node:assert/strict";
import { test } from "node:test";
import { exceedsSize, MAX_DEPTH, oversizeReason } from "./size.ts";

const MiB = 1024 * 1024;

test("a sparse array counts by its length, not its keys, and is refused at once", () => {
  const sparse: unknown[] = [];
  sparse.length = 1e8;
  sparse[5] = "x";
  const started = performance.now();
  assert.equal(oversizeReason(sparse, MiB), "an array of length 100000000");
  assert.equal(
    oversizeReason({ url: "https://a.example/", extra: [sparse] }, MiB),
    "an array of length 100000000",
  );
  assert.ok(performance.now() - started < 50, "measured without walking the slots");
});

test("holes cost as much as values; a dense array of the same length measures alike", () => {
  const holes: unknown[] = [];
  holes.length = 20_000;
  const dense = Array.from({ length: 20_000 }, () => 0);
  assert.equal(exceedsSize(holes, 100_000), true);
  assert.equal(exceedsSize(dense, 100_000), true);
  assert.equal(exceedsSize(holes, 400_000), false);
});

test("named properties of an array and property names count", () => {
  const a: unknown[] & { big?: string } = [1, 2];
  a.big = "y".repeat(10_000);
  assert.ok(oversizeReason(a, 10_000));
  assert.equal(oversizeReason({ ["k".repeat(6000)]: 1 }, 10_000), "its property names");
});

test("Maps and Sets are measured lazily and refused by size first", () => {
  const big = new Set<number>();
  for (let i = 0; i < 200_000; i++) big.add(i);
  assert.equal(oversizeReason(big, MiB), "a Set of 200000 entries");
  const m = new Map<string, string>([["a", "z".repeat(MiB)]]);
  assert.equal(oversizeReason(m, MiB), "its strings");
  assert.equal(oversizeReason(new Map([[1, 2]]), MiB), undefined);
});

test("nesting deeper than the bound, and cycles, are handled without recursion blow-up", () => {
  let deep: unknown = 1;
  for (let i = 0; i <= MAX_DEPTH; i++) deep = [deep];
  assert.equal(oversizeReason(deep, MiB), `nesting deeper than ${MAX_DEPTH} levels`);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(oversizeReason(cyclic, MiB), undefined);
});

test("binary data counts its bytes; small plain data fits", () => {
  assert.equal(oversizeReason(new Uint8Array(2 * MiB), MiB), `a binary value of ${2 * MiB} bytes`);
  assert.equal(
    oversizeReason(new Blob([new Uint8Array(2 * MiB)]), MiB),
    `a Blob of ${2 * MiB} bytes`,
  );
  assert.equal(
    oversizeReason({ id: "1", args: [{ url: "https://a.example/" }, 3, null] }, 1024),
    undefined,
  );
});

test("cycles through the message itself and through nested objects cost a reference each", () => {
  const message: unknown[] = [1, "echo"];
  const inner: Record<string, unknown> = { back: message };
  inner.self = inner;
  message.push(inner, message);
  // Without cycle detection the walk would recurse until a bound and refuse it.
  assert.equal(oversizeReason(message, 1024), undefined);
  assert.equal(oversizeReason([inner], 1024), undefined);
});

test("an array's named keys are counted, index keys (no leading zero, below 2^32 - 1) are not", () => {
  const a = ["x"] as unknown[] & Record<string, unknown>;
  for (const key of ["01", "4294967295", "1e3", "-1"]) a[key] = "y".repeat(100);
  // Four named keys of 200 bytes each, plus their names: over 800 bytes.
  assert.equal(oversizeReason(a, 800), "its strings");
  assert.equal(oversizeReason(a, 2000), undefined);
  const b: unknown[] = [];
  b[4294967294] = "z"; // the largest index: a slot, counted by length (and refused as such)
  assert.equal(oversizeReason(b, 2000), "an array of length 4294967295");
});
