import assert from "node:assert/strict";
import { test } from "node:test";
import { connectToHost } from "./connect.ts";
import { createHost } from "./host.ts";
import { createMemoryLink } from "./memoryLink.ts";
import type { BridgeTraceEntry } from "./trace.ts";

const NS = "yiqi.oneway-test";

interface Api {
  note(value: number): void;
  hang(): Promise<never>;
  fail(): Promise<never>;
  notes(): Promise<number[]>;
}

/** A host with a hand-moved clock and its trace, and a connected app. */
async function setup(options: { maxOneWayPerSecond?: number; maxPendingCalls?: number }) {
  const link = createMemoryLink();
  const trace: BridgeTraceEntry[] = [];
  let clock = 0;
  const noted: number[] = [];
  const host = createHost<Api>({
    transport: link.host,
    namespace: NS,
    now: () => clock,
    trace: (e) => trace.push(e),
    ...options,
    expose: () => ({
      note: (value) => void noted.push(value),
      hang: () => new Promise<never>(() => {}),
      fail: async () => {
        throw new Error("no luck");
      },
      notes: async () => noted,
    }),
  });
  const conn = await connectToHost<Api>({ transport: link.app, namespace: NS });
  return {
    conn,
    trace,
    noted,
    tick: (ms: number) => {
      clock += ms;
    },
    drops: () =>
      trace.filter(
        (e) => e.side === "host" && e.kind === "rejected" && e.error?.code === "TOO_MANY_CALLS",
      ),
    done: async () => {
      conn.close();
      await host.close();
      link.close();
    },
  };
}

test("one-way messages past the rate bound are dropped: the first drop traced, the rest summed", async () => {
  const s = await setup({ maxOneWayPerSecond: 3 });
  for (let i = 0; i < 10; i++) s.conn.notify("note", [i]);
  assert.deepEqual(await s.conn.remote.notes(), [0, 1, 2]);
  assert.equal(s.drops().length, 1, "one trace entry for the first drop, not one per drop");
  assert.match(s.drops()[0]?.error?.message ?? "", /dropped/);
  s.tick(1000);
  s.conn.notify("note", [10]);
  assert.deepEqual(await s.conn.remote.notes(), [0, 1, 2, 10], "a new second takes them again");
  assert.equal(s.drops().length, 2);
  assert.match(s.drops()[1]?.error?.message ?? "", /^7 one-way messages were dropped/);
  await s.done();
});

test("one-way calls still running count against maxPendingCalls; past it they are dropped", async () => {
  const s = await setup({ maxPendingCalls: 4 });
  for (let i = 0; i < 6; i++) s.conn.notify("hang", []);
  s.conn.notify("note", [1]);
  // Calls are still served: hanging one-way calls do not take their places.
  assert.deepEqual(await s.conn.remote.notes(), []);
  assert.deepEqual(s.noted, [], "the one-way note past the bound was dropped");
  const calls = s.trace.filter(
    (e) => e.side === "host" && e.kind === "call" && e.method === "hang",
  );
  assert.equal(calls.length, 4, "four hanging one-way calls ran");
  assert.equal(s.drops().length >= 1, true);
  await s.done();
});

test("a one-way call that fails is traced on the host and never answered", async () => {
  const s = await setup({});
  s.conn.notify("fail", []);
  assert.deepEqual(await s.conn.remote.notes(), []);
  const error = s.trace.find((e) => e.side === "host" && e.kind === "error");
  assert.equal(error?.method, "fail");
  assert.match(error?.error?.message ?? "", /no luck/);
  const appErrors = s.trace.filter((e) => e.side === "app" && e.kind === "error");
  assert.deepEqual(appErrors, [], "the app has no pending call to fail");
  await s.done();
});

test("notify after close is a no-op", async () => {
  const s = await setup({});
  s.conn.close();
  assert.doesNotThrow(() => s.conn.notify("note", [1]));
  await s.done();
});
