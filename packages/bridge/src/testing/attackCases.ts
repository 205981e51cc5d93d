/**
 * Contract cases: hostile or broken traffic the host must refuse without breaking the
 * connection.
 *
 * @module
 */
import { BridgeError } from "../errors.ts";
import { ContractFailure, expectBridgeError, expectEqual, show } from "./expect.ts";
import { rawCall, thrownCode } from "./raw.ts";
import { CONTRACT_NAMESPACE, type ContractCase } from "./testApi.ts";

/** Forbidden comlink operations, prototype paths, malformed and oversized messages, floods. */
export const attackCases: readonly ContractCase[] = [
  {
    name: "SET, GET, CONSTRUCT, ENDPOINT and RELEASE are refused; the connection keeps working",
    async run(ctx) {
      const port = await ctx.rawHandshake();
      for (const [i, type] of ["SET", "GET", "CONSTRUCT", "ENDPOINT", "RELEASE"].entries()) {
        const answer = await rawCall(port, {
          id: `x${i}`,
          type,
          path: ["add"],
          value: { type: "RAW", value: 1 },
        });
        expectEqual(thrownCode(answer), "FORBIDDEN", `${type} answer`);
      }
      const ok = await rawCall(port, {
        id: "ok",
        type: "APPLY",
        path: ["add"],
        argumentList: [
          { type: "RAW", value: 1 },
          { type: "RAW", value: 2 },
        ],
      });
      expectEqual((ok as { value?: unknown }).value, 3, "APPLY after refusals");
      port.close();
    },
  },
  {
    name: "prototype paths never reach Object.prototype or Function",
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const attacks: unknown[][] = [
        ["__proto__"],
        ["constructor"],
        ["prototype"],
        ["add", "constructor"],
        ["__proto__", "polluted"],
        ["constructor", "constructor"],
        ["toString"],
        ["valueOf"],
      ];
      for (const [i, path] of attacks.entries()) {
        const answer = await rawCall(port, {
          id: `p${i}`,
          type: "APPLY",
          path,
          argumentList: [{ type: "RAW", value: "return 1" }],
        });
        const code = thrownCode(answer);
        if (code !== "FORBIDDEN" && code !== "METHOD_NOT_FOUND")
          throw new ContractFailure(`path ${show(path)} was not refused: ${show(answer)}`);
      }
      await rawCall(port, {
        id: "set",
        type: "SET",
        path: ["__proto__", "polluted"],
        value: { type: "RAW", value: true },
      });
      expectEqual(
        ({} as Record<string, unknown>).polluted,
        undefined,
        "Object.prototype.polluted (app realm)",
      );
      port.close();
    },
  },
  {
    name: "malformed messages are refused or ignored and never break the connection",
    async run(ctx) {
      const port = await ctx.rawHandshake();
      const junk: unknown[] = [
        null,
        42,
        "APPLY",
        { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "rpc" },
        {
          bridge: "yiqi",
          ns: CONTRACT_NAMESPACE,
          v: 9,
          kind: "rpc",
          msg: { id: "v9", type: "APPLY", path: ["add"] },
        },
        { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "welcome", nonce: "x" },
        {
          bridge: "yiqi",
          ns: CONTRACT_NAMESPACE,
          v: 1,
          kind: "rpc",
          msg: { id: 7, type: "APPLY", path: ["add"] },
        },
      ];
      for (const j of junk) port.postMessage(j);
      const bad = [
        { id: "m1", type: "APPLY", path: "add" },
        { id: "m2", type: "APPLY", path: ["add"], argumentList: "nope" },
        {
          id: "m3",
          type: "APPLY",
          path: ["add"],
          argumentList: [{ type: "HANDLER", name: "proxy", value: null }],
        },
        {
          id: "m4",
          type: "APPLY",
          path: ["add"],
          argumentList: [{ type: "HANDLER", name: "nonexistent", value: 1 }],
        },
        { id: "m5", type: "WHATEVER", path: ["add"] },
        { id: "x".repeat(500), type: "APPLY", path: ["add"] },
      ];
      for (const m of bad.slice(0, 5)) {
        const code = thrownCode(await rawCall(port, m));
        if (!code) throw new ContractFailure(`malformed ${show(m).slice(0, 80)} was not refused`);
      }
      port.postMessage({ bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "rpc", msg: bad[5] });
      const ok = await rawCall(port, {
        id: "ok",
        type: "APPLY",
        path: ["add"],
        argumentList: [
          { type: "RAW", value: 2 },
          { type: "RAW", value: 2 },
        ],
      });
      expectEqual((ok as { value?: unknown }).value, 4, "APPLY after junk");
      port.close();
    },
  },
  {
    name: "oversized messages are refused with MESSAGE_TOO_LARGE",
    host: { maxMessageBytes: 64 * 1024 },
    async run(ctx) {
      const conn = await ctx.connect();
      await expectBridgeError(conn.remote.echo("x".repeat(100 * 1024)), "MESSAGE_TOO_LARGE");
      let deep: unknown = 1;
      for (let i = 0; i < 200; i++) deep = [deep];
      await expectBridgeError(conn.remote.echo(deep), "MESSAGE_TOO_LARGE");
      expectEqual(await conn.remote.echo("small"), "small", "small message after");
      conn.close();
    },
  },
  {
    // ~100 bytes on the wire, but 1e8 slots for whoever walks, copies or JSON-encodes it: the
    // host must count the length, not the keys, and refuse it before the trace sees it.
    name: "a sparse array with a huge length is refused at once with MESSAGE_TOO_LARGE",
    async run(ctx) {
      const conn = await ctx.connect();
      const sparse: unknown[] = [];
      sparse.length = 1e8;
      sparse[3] = "x";
      const started = Date.now();
      const error = await expectBridgeError(
        conn.remote.echo({ url: "https://app.example/", extra: sparse }),
        "MESSAGE_TOO_LARGE",
      );
      if (!error.message.includes("an array of length 100000000"))
        throw new ContractFailure(`the refusal does not say why: ${error.message}`);
      const elapsed = Date.now() - started;
      if (elapsed > 1500) throw new ContractFailure(`the refusal took ${elapsed} ms`);
      const many = await Promise.allSettled(
        Array.from({ length: 10 }, () => conn.remote.echo(sparse)),
      );
      if (many.some((r) => r.status !== "rejected"))
        throw new ContractFailure("a sparse array got through");
      expectEqual(await conn.remote.add(2, 3), 5, "a call after the sparse arrays");
      conn.close();
    },
  },
  {
    name: "a flood of calls is answered or refused, never lost, and the app keeps working",
    async run(ctx) {
      const conn = await ctx.connect();
      const results = await Promise.allSettled(
        Array.from({ length: 2000 }, (_, i) => conn.remote.add(i, 1)),
      );
      let ok = 0;
      for (const [i, r] of results.entries()) {
        if (r.status === "fulfilled") {
          if (r.value !== i + 1) throw new ContractFailure(`call ${i} got ${r.value}`);
          ok++;
        } else if (!(r.reason instanceof BridgeError) || r.reason.code !== "TOO_MANY_CALLS") {
          throw new ContractFailure(`call ${i} failed unexpectedly: ${String(r.reason)}`);
        }
      }
      if (ok < 256) throw new ContractFailure(`only ${ok} of 2000 flood calls were served`);
      expectEqual(await conn.remote.add(1, 1), 2, "after the flood");
      conn.close();
    },
  },
];
