/**
 * Contract cases: calls and events on a live connection.
 *
 * @module
 */
import { ContractFailure, expectBridgeError, expectEqual, waitFor } from "./expect.ts";
import type { ContractCase } from "./testApi.ts";

/** Calls, results, errors, timeouts, aborts and events on a live connection. */
export const callCases: readonly ContractCase[] = [
  {
    name: "calls a host method and gets its result",
    async run(ctx) {
      const conn = await ctx.connect();
      expectEqual(await conn.remote.add(2, 3), 5, "add(2, 3)");
      expectEqual(await conn.remote.echo({ a: [1, "二", null] }), { a: [1, "二", null] }, "echo");
      conn.close();
    },
  },
  {
    name: "binds the connection to the origin the runtime reported",
    async run(ctx) {
      const conn = await ctx.connect();
      expectEqual(await conn.remote.whoami(), ctx.appOrigin, "whoami");
      conn.close();
    },
  },
  {
    name: "runs concurrent calls and matches each answer to its call",
    async run(ctx) {
      const conn = await ctx.connect();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => conn.remote.add(i, i)),
      );
      expectEqual(
        results,
        Array.from({ length: 50 }, (_, i) => 2 * i),
        "results",
      );
      conn.close();
    },
  },
  {
    name: "a host method that throws rejects with CALL_FAILED and keeps the connection",
    async run(ctx) {
      const conn = await ctx.connect();
      const error = await expectBridgeError(conn.remote.fail("boom"), "CALL_FAILED");
      if (!error.message.includes("boom"))
        throw new ContractFailure(`message lost the cause: ${error.message}`);
      expectEqual(await conn.remote.add(1, 1), 2, "call after failure");
      conn.close();
    },
  },
  {
    name: "an unknown method rejects with METHOD_NOT_FOUND",
    async run(ctx) {
      const conn = await ctx.connect();
      const call = (method: string): Promise<unknown> =>
        (conn.call as (m: string, a: unknown[]) => Promise<unknown>)(method, []);
      await expectBridgeError(call("nope"), "METHOD_NOT_FOUND");
      await expectBridgeError(call("toString"), "METHOD_NOT_FOUND");
      await expectBridgeError(call("hasOwnProperty"), "METHOD_NOT_FOUND");
      await expectBridgeError(call("secret"), "METHOD_NOT_FOUND");
      conn.close();
    },
  },
  {
    name: "a call past its timeout rejects with CALL_TIMEOUT; the connection still works",
    async run(ctx) {
      const conn = await ctx.connect();
      const error = await expectBridgeError(
        conn.call("sleep", [300], { timeout: 30 }),
        "CALL_TIMEOUT",
      );
      expectEqual(error.details.timeoutMs, 30, "timeoutMs");
      expectEqual(await conn.remote.add(1, 2), 3, "call after timeout");
      conn.close();
    },
  },
  {
    name: "the default call timeout applies to the remote",
    async run(ctx) {
      const conn = await ctx.connect({ callTimeout: 40 });
      await expectBridgeError(conn.remote.sleep(400), "CALL_TIMEOUT");
      conn.close();
    },
  },
  {
    name: "an AbortSignal rejects a pending call with ABORTED",
    async run(ctx) {
      const conn = await ctx.connect();
      const controller = new AbortController();
      const call = conn.call("sleep", [300], { signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      await expectBridgeError(call, "ABORTED");
      const pre = new AbortController();
      pre.abort();
      await expectBridgeError(conn.call("add", [1, 2], { signal: pre.signal }), "ABORTED");
      conn.close();
    },
  },
  {
    name: "events from the host reach listeners in order",
    async run(ctx) {
      const conn = await ctx.connect();
      const got: unknown[] = [];
      const off = conn.on("tick", (p) => got.push(p));
      expectEqual(await conn.remote.emit("tick", 3), 3, "emit");
      await waitFor(20);
      expectEqual(got, [{ i: 0 }, { i: 1 }, { i: 2 }], "events");
      off();
      await conn.remote.emit("tick", 1);
      await waitFor(20);
      expectEqual(got.length, 3, "events after off");
      conn.close();
    },
  },
];
