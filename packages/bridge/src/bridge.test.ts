import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { connectToHost } from "./connect.ts";
import { type BridgeHost, createHost } from "./host.ts";
import { createMemoryLink, type MemoryLink } from "./memoryLink.ts";
import {
  CONTRACT_NAMESPACE,
  type ContractContext,
  contractCases,
  type HostSetup,
  rawHandshakeOver,
  type TestApi,
  testApi,
} from "./testing/contract.ts";
import type { BridgeTraceEntry } from "./trace.ts";

const APP = "https://app.example";
const HOST = "https://host.example";

function fixture(setup: HostSetup = {}): {
  link: MemoryLink;
  host: BridgeHost;
  ctx: ContractContext;
  trace: BridgeTraceEntry[];
} {
  const link = createMemoryLink({ appOrigin: APP, hostOrigin: HOST });
  const trace: BridgeTraceEntry[] = [];
  const host = createHost<TestApi>({
    transport: link.host,
    namespace: setup.namespace ?? CONTRACT_NAMESPACE,
    protocol: setup.protocol ?? 1,
    ...(setup.allowedOrigins === "other" ? { allowedOrigins: ["https://other.example"] } : {}),
    ...(setup.maxMessageBytes ? { maxMessageBytes: setup.maxMessageBytes } : {}),
    ...(setup.oneway === false ? { oneway: false } : {}),
    ...(setup.maxOneWayPerSecond ? { maxOneWayPerSecond: setup.maxOneWayPerSecond } : {}),
    expose: testApi,
    trace: (e) => trace.push(e),
  });
  const ctx: ContractContext = {
    hostOrigin: HOST,
    appOrigin: APP,
    connect: (o = {}) =>
      connectToHost<TestApi>({
        transport: o.hostOrigin ? link.appAddressing(o.hostOrigin) : link.app,
        namespace: o.namespace ?? CONTRACT_NAMESPACE,
        protocol: o.protocol ?? 1,
        ...(o.timeout === undefined ? {} : { timeout: o.timeout }),
        ...(o.callTimeout === undefined ? {} : { callTimeout: o.callTimeout }),
        ...(o.signal === undefined ? {} : { signal: o.signal }),
      }),
    rawHandshake: () => rawHandshakeOver(link.app),
  };
  return { link, host, ctx, trace };
}

describe("bridge contract over MessageChannel", () => {
  for (const c of contractCases) {
    test(c.name, async () => {
      const { link, host, ctx } = fixture(c.host);
      try {
        await c.run(ctx);
      } finally {
        host.close();
        link.close();
      }
    });
  }
});

describe("hostile senders", () => {
  test("a stranger's hello (another frame, even same-origin) gets no connection", async () => {
    const { link, host, ctx } = fixture();
    try {
      const stranger = link.stranger(APP);
      let answered = false;
      stranger.listen(() => {
        answered = true;
      });
      for (let i = 0; i < 100; i++)
        stranger.send({
          bridge: "yiqi",
          ns: CONTRACT_NAMESPACE,
          v: 1,
          kind: "hello",
          nonce: `s${i}`,
        });
      const conn = await ctx.connect();
      assert.equal(await conn.remote.add(1, 2), 3);
      assert.equal(host.ignoredCount, 100);
      assert.equal(answered, false);
      conn.close();
    } finally {
      host.close();
      link.close();
    }
  });

  test("a flood of junk on the host window does not disturb the legitimate app", async () => {
    const { link, host, ctx } = fixture();
    try {
      const stranger = link.stranger("https://evil.example");
      const conn = await ctx.connect();
      const junk: unknown[] = [
        null,
        "x",
        1,
        { bridge: "yiqi" },
        { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "rpc", msg: {} },
      ];
      for (let i = 0; i < 5000; i++) stranger.send(junk[i % junk.length]);
      const sums = await Promise.all(Array.from({ length: 100 }, (_, i) => conn.remote.add(i, 0)));
      assert.deepEqual(
        sums,
        Array.from({ length: 100 }, (_, i) => i),
      );
      assert.equal(host.connection?.isClosed, false);
      conn.close();
    } finally {
      host.close();
      link.close();
    }
  });

  test("Object.prototype is untouched after the attack cases (host realm)", () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getOwnPropertyNames(Object.prototype).includes("polluted"), false);
  });
});

describe("tracing", () => {
  test("records handshake, call, result, error, event and close with timestamps and durations", async () => {
    const { link, host, trace } = fixture();
    const appTrace: BridgeTraceEntry[] = [];
    try {
      const conn = await connectToHost<TestApi>({
        transport: link.app,
        namespace: CONTRACT_NAMESPACE,
        trace: (e) => appTrace.push(e),
      });
      await conn.remote.add(1, 2);
      await assert.rejects(conn.remote.fail("nope"));
      await conn.remote.emit("e", 1);
      conn.close();
      await new Promise((r) => setTimeout(r, 20));
      const kinds = trace.map((e) => e.kind);
      for (const k of ["handshake", "call", "result", "error", "event", "close"])
        assert.ok(kinds.includes(k as never), `host trace has ${k}`);
      const result = trace.find((e) => e.kind === "result" && e.method === "add");
      assert.equal(result?.value, 3);
      assert.equal(typeof result?.durationMs, "number");
      const call = trace.find((e) => e.kind === "call" && e.method === "add");
      assert.deepEqual(call?.args, [1, 2]);
      const appKinds = appTrace.map((e) => e.kind);
      for (const k of ["handshake", "call", "result", "error", "event", "close"])
        assert.ok(appKinds.includes(k as never), `app trace has ${k}`);
      assert.ok(trace.every((e) => typeof e.t === "number" && e.side === "host"));
    } finally {
      host.close();
      link.close();
    }
  });
});

describe("options", () => {
  test("an app without a transport or host origin gets INVALID_OPTIONS", async () => {
    await assert.rejects(connectToHost({}), { code: "INVALID_OPTIONS" });
  });

  test("a wildcard host origin is refused (the bridge never posts to '*')", async () => {
    await assert.rejects(connectToHost({ hostOrigin: "*" }), { code: "ORIGIN_REJECTED" });
    await assert.rejects(connectToHost({ hostOrigin: "https://host.example/path" }), {
      code: "ORIGIN_REJECTED",
    });
  });
});

describe("closing", () => {
  const hostWith = (link: MemoryLink, closeGraceMs: number): BridgeHost =>
    createHost<TestApi>({
      transport: link.host,
      namespace: CONTRACT_NAMESPACE,
      expose: testApi,
      closeGraceMs,
    });

  test("a close resolves when the app acknowledges it, after the answer sent before it arrived", {
    timeout: 10_000,
  }, async () => {
    const link = createMemoryLink({ appOrigin: APP, hostOrigin: HOST });
    // A grace period far beyond the test's own timeout: only the acknowledgement can end it.
    const host = hostWith(link, 600_000);
    try {
      const conn = await connectToHost<TestApi>({
        transport: link.app,
        namespace: CONTRACT_NAMESPACE,
      });
      const answered: string[] = [];
      const sum = conn.remote.add(2, 3).then((v) => answered.push(`add=${v}`));
      conn.onClose(() => answered.push("closed"));
      await sum;
      const closing = host.connection?.close("done");
      assert.ok(closing, "the host has a connection to close");
      assert.equal(host.connection?.isClosed, true, "closed on the host side at once");
      await closing;
      assert.deepEqual(answered, ["add=5", "closed"]);
      assert.equal(
        host.connection?.close("again"),
        closing,
        "closing twice returns the same promise",
      );
    } finally {
      await host.close();
      link.close();
    }
  });

  test("a close does not wait forever for an app that is gone", { timeout: 10_000 }, async () => {
    const link = createMemoryLink({ appOrigin: APP, hostOrigin: HOST });
    const host = hostWith(link, 30);
    try {
      await connectToHost<TestApi>({ transport: link.app, namespace: CONTRACT_NAMESPACE });
      const conn = host.connection;
      assert.ok(conn);
      link.close(); // The app's side of the link is gone: no acknowledgement can come.
      await conn.close("the frame went away");
      assert.equal(conn.isClosed, true);
    } finally {
      await host.close();
    }
  });
});
