/**
 * The bridge contract: one list of cases that every transport must pass (MessageChannel in Node
 * and Deno, real cross-site iframes in Chromium). A case runs on the app side against a host
 * that serves {@link TestApi}; the runtime supplies `connect` and `rawHandshake`. The file uses
 * no test framework so the same cases run under node:test, Deno and in a browser page.
 *
 * @module
 */
import type { Connection } from "../connect.ts";
import { BridgeError, type BridgeErrorCode } from "../errors.ts";
import type { HostConnection } from "../host.ts";
import type { AppTransport } from "../transport.ts";

/** The API every contract host serves. */
export interface TestApi {
  echo<T>(value: T): Promise<T>;
  add(a: number, b: number): Promise<number>;
  sleep(ms: number): Promise<string>;
  fail(message: string): Promise<never>;
  /** The origin the host bound this connection to. */
  whoami(): Promise<string>;
  /** Emits `count` events named `name` with payload `{ i }`, then resolves. */
  emit(name: string, count: number): Promise<number>;
  /** Schedules the host to close this connection after `ms`. */
  closeSoon(ms: number): Promise<void>;
  /** An inherited member must never be callable. */
  readonly secret?: string;
}

/** Builds the contract host API for one connection. */
export function testApi(connection: HostConnection): TestApi {
  return {
    echo: async <T>(value: T): Promise<T> => value,
    add: async (a: number, b: number): Promise<number> => a + b,
    sleep: (ms: number): Promise<string> => new Promise((r) => setTimeout(() => r("slept"), ms)),
    fail: async (message: string): Promise<never> => {
      throw new Error(message);
    },
    whoami: async (): Promise<string> => connection.origin,
    emit: async (name: string, count: number): Promise<number> => {
      for (let i = 0; i < count; i++) connection.emit(name, { i });
      return count;
    },
    closeSoon: async (ms: number): Promise<void> => {
      setTimeout(() => connection.close("closeSoon"), ms);
    },
  };
}

/** Host-side variations a case needs; the runtime applies them when it builds the host. */
export interface HostSetup {
  /** Allowed origins; `"other"` means an origin that is not the app's. */
  allowedOrigins?: "default" | "other";
  protocol?: number;
  namespace?: string;
  maxMessageBytes?: number;
}

/** What the runtime gives each case. */
export interface ContractContext {
  /** The host origin as the app addresses it. */
  hostOrigin: string;
  /** The app's own origin as the host sees it. */
  appOrigin: string;
  /** Connects to the host with the contract namespace unless overridden. */
  connect(options?: {
    /** Address the hello to this origin instead of the host's (nobody answers). */
    hostOrigin?: string;
    protocol?: number;
    namespace?: string;
    timeout?: number;
    callTimeout?: number;
    signal?: AbortSignal;
  }): Promise<Connection<TestApi>>;
  /** Does a handshake by hand and returns the raw port, to send messages comlink never would. */
  rawHandshake(): Promise<MessagePort>;
}

/** One contract case. */
export interface ContractCase {
  name: string;
  host?: HostSetup;
  run(ctx: ContractContext): Promise<void>;
}

/** Thrown when a contract expectation fails. */
export class ContractFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContractFailure";
  }
}

const show = (v: unknown): string => {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
};

/** Deep equality on structured-clone data, by canonical JSON. */
export function expectEqual(actual: unknown, expected: unknown, what = "value"): void {
  if (show(actual) !== show(expected))
    throw new ContractFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Expects `promise` to reject with a `BridgeError` of `code`; returns it. */
export async function expectBridgeError(
  promise: Promise<unknown>,
  code: BridgeErrorCode,
): Promise<BridgeError> {
  try {
    const value = await promise;
    throw new ContractFailure(
      `expected a ${code} BridgeError, but it resolved with ${show(value)}`,
    );
  } catch (error) {
    if (error instanceof ContractFailure) throw error;
    if (!(error instanceof BridgeError))
      throw new ContractFailure(`expected a ${code} BridgeError, got ${String(error)}`);
    if (error.code !== code)
      throw new ContractFailure(`expected ${code}, got ${error.code}: ${error.message}`);
    if (error.message.length < 20)
      throw new ContractFailure(`error message too terse to act on: ${error.message}`);
    return error;
  }
}

const waitFor = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends one raw RPC envelope on `port` and resolves with the first answer for `id`. */
export function rawCall(
  port: MessagePort,
  msg: Record<string, unknown>,
  ns = CONTRACT_NAMESPACE,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ContractFailure(`no answer to raw message ${show(msg)}`)),
      2000,
    );
    port.addEventListener("message", function on(event: MessageEvent) {
      const data = event.data as { kind?: string; msg?: { id?: string } };
      if (data?.kind === "rpc" && data.msg?.id === msg.id) {
        clearTimeout(timer);
        port.removeEventListener("message", on);
        resolve(data.msg);
      }
    });
    port.start();
    port.postMessage({ bridge: "yiqi", ns, v: 1, kind: "rpc", msg });
  });
}

/** The errorcode inside a comlink-shaped throw answer, or `undefined`. */
export const thrownCode = (answer: unknown): string | undefined =>
  (answer as { name?: string; value?: { value?: { code?: string } } })?.name === "throw"
    ? (answer as { value: { value: { code?: string } } }).value.value.code
    : undefined;

/** The namespace the contract host serves. */
export const CONTRACT_NAMESPACE = "yiqi.contract";

/** Every contract case. */
export const contractCases: readonly ContractCase[] = [
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
  {
    name: "closing rejects pending calls with CONNECTION_CLOSED and refuses new ones",
    async run(ctx) {
      const conn = await ctx.connect();
      const pending = conn.remote.sleep(300);
      conn.close("test done");
      await expectBridgeError(pending, "CONNECTION_CLOSED");
      await expectBridgeError(conn.remote.add(1, 2), "CONNECTION_CLOSED");
      expectEqual(conn.isClosed, true, "isClosed");
    },
  },
  {
    name: "the host closing the connection rejects the app's pending calls",
    async run(ctx) {
      const conn = await ctx.connect();
      let closedWith: string | undefined;
      conn.onClose((e) => {
        closedWith = e.code;
      });
      await conn.remote.closeSoon(20);
      await expectBridgeError(conn.remote.sleep(500), "CONNECTION_CLOSED");
      expectEqual(closedWith, "CONNECTION_CLOSED", "onClose");
    },
  },
  {
    name: "a new handshake from the same frame replaces the old connection",
    async run(ctx) {
      const first = await ctx.connect();
      const closed = expectBridgeError(first.remote.sleep(500), "CONNECTION_CLOSED");
      const second = await ctx.connect();
      await closed;
      expectEqual(await second.remote.add(20, 22), 42, "new connection");
      expectEqual(first.isClosed, true, "old connection closed");
      second.close();
    },
  },
  {
    name: "a protocol mismatch is reported with both versions and what to upgrade",
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect({ protocol: 2 }), "PROTOCOL_MISMATCH");
      for (const part of ["yiqi.contract@2", "yiqi.contract@1", "upgrade the host"])
        if (!error.message.includes(part))
          throw new ContractFailure(`message lacks "${part}": ${error.message}`);
    },
  },
  {
    name: "a host speaking a newer protocol tells the app to upgrade",
    host: { protocol: 3 },
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect(), "PROTOCOL_MISMATCH");
      if (!error.message.includes("upgrade the app")) throw new ContractFailure(error.message);
    },
  },
  {
    name: "a host that does not allow the app's origin refuses the handshake with ORIGIN_REJECTED",
    host: { allowedOrigins: "other" },
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect({ timeout: 2000 }), "ORIGIN_REJECTED");
      if (!error.message.includes(ctx.appOrigin))
        throw new ContractFailure(`message lacks the origin: ${error.message}`);
    },
  },
  {
    name: "a handshake nobody answers fails with HANDSHAKE_TIMEOUT naming the host origin",
    async run(ctx) {
      const error = await expectBridgeError(
        ctx.connect({ hostOrigin: "https://nobody.example", timeout: 100 }),
        "HANDSHAKE_TIMEOUT",
      );
      if (!error.message.includes("https://nobody.example"))
        throw new ContractFailure(`message lacks the origin: ${error.message}`);
    },
  },
  {
    name: "an AbortSignal stops a handshake with ABORTED",
    async run(ctx) {
      const controller = new AbortController();
      const pending = ctx.connect({
        hostOrigin: "https://nobody.example",
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 10);
      await expectBridgeError(pending, "ABORTED");
    },
  },
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

/** Handshakes by hand over `transport` and resolves with the raw port (for attack cases). */
export function rawHandshakeOver(
  transport: AppTransport,
  ns = CONTRACT_NAMESPACE,
): Promise<MessagePort> {
  return new Promise((resolve, reject) => {
    const nonce = `raw${Math.random().toString(16).slice(2)}`;
    const timer = setTimeout(() => {
      stop();
      reject(new ContractFailure("raw handshake got no welcome"));
    }, 2000);
    const stop = transport.listen((m) => {
      const data = m.data as { kind?: string; nonce?: string };
      if (m.fromPeer && data?.kind === "welcome" && data.nonce === nonce && m.ports[0]) {
        clearTimeout(timer);
        stop();
        resolve(m.ports[0]);
      }
    });
    transport.send({ bridge: "yiqi", ns, v: 1, kind: "hello", nonce });
  });
}
