import assert from "node:assert/strict";
import { test } from "node:test";
import { proxy, transferHandlers } from "comlink";
import { connectToHost } from "./connect.ts";
import { createHost } from "./host.ts";
import { createMemoryLink } from "./memoryLink.ts";
import { CONTRACT_NAMESPACE, rawHandshakeOver } from "./testing/contract.ts";
import type { BridgeTraceEntry } from "./trace.ts";

interface Api {
  add(a: number, b: number): number;
  echo(value: unknown): unknown;
  frozen(): Promise<never>;
  handle(): object;
  note(value: unknown): void;
  notes(): unknown[];
}

const api = (): Api => {
  const noted: unknown[] = [];
  return {
    add: (a, b) => a + b,
    echo: (value) => value,
    frozen: () => new Promise<never>(() => {}),
    handle: () => proxy({ hidden: 1 }),
    note: (value) => {
      noted.push(value);
    },
    notes: () => noted,
  };
};

/** A host (with `compact` as given) and an app connected to it; `trace` collects both sides. */
async function connected(compact?: boolean) {
  const link = createMemoryLink();
  const trace: BridgeTraceEntry[] = [];
  const host = createHost<Api>({
    transport: link.host,
    namespace: CONTRACT_NAMESPACE,
    expose: api,
    trace: (e) => trace.push(e),
    ...(compact === undefined ? {} : { compact }),
  });
  const conn = await connectToHost<Api>({
    transport: link.app,
    namespace: CONTRACT_NAMESPACE,
    trace: (e) => trace.push(e),
  });
  const done = async (): Promise<void> => {
    conn.close();
    await host.close();
    link.close();
  };
  return { conn, trace, link, done };
}

test("a host that does not offer the compact wire gets comlink's messages; calls and one-way messages work", async () => {
  const { conn, trace, done } = await connected(false);
  try {
    assert.equal(await conn.remote.add(2, 3), 5);
    conn.notify("note", ["a"]);
    assert.deepEqual(await conn.remote.notes(), ["a"]);
    // Nothing was refused: every message was a comlink message the host expected.
    assert.deepEqual(
      trace.filter((e) => e.kind === "rejected"),
      [],
    );
  } finally {
    await done();
  }
});

test("a host without the compact wire refuses a compact message as not a bridge message", async () => {
  const link = createMemoryLink();
  const trace: BridgeTraceEntry[] = [];
  const host = createHost<Api>({
    transport: link.host,
    namespace: CONTRACT_NAMESPACE,
    expose: api,
    compact: false,
    closeGraceMs: 10,
    trace: (e) => trace.push(e),
  });
  try {
    const port = await rawHandshakeOver(link.app);
    const answers: unknown[] = [];
    port.onmessage = (e) => answers.push(e.data);
    port.postMessage([1, "add", 1, 2]);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(answers, []);
    assert.equal(trace.filter((e) => e.kind === "rejected").length, 1);
    port.close();
  } finally {
    await host.close();
    link.close();
  }
});

test("compact calls are traced on both sides with their call ids, results and one-way messages", async () => {
  const { conn, trace, done } = await connected();
  try {
    assert.equal(await conn.remote.add(1, 2), 3);
    conn.notify("note", [1]);
    assert.deepEqual(await conn.remote.notes(), [1]);
    const app = trace.filter((e) => e.side === "app" && e.kind === "call").map((e) => e.callId);
    assert.deepEqual(app, [`${conn.id}.1`, `${conn.id}.2`, `${conn.id}.3`]);
    const host = trace.filter((e) => e.side === "host" && e.kind === "call");
    assert.deepEqual(
      host.map((e) => [e.callId, e.method, e.args]),
      [
        ["1", "add", [1, 2]],
        ["2", "note", [1]],
        ["3", "notes", []],
      ],
    );
    const results = trace.filter((e) => e.kind === "result").map((e) => [e.side, e.value]);
    assert.deepEqual(results, [
      ["host", 3],
      ["app", 3],
      ["host", [1]],
      ["app", [1]],
    ]);
  } finally {
    await done();
  }
});

test("with the compact wire, an argument that needs a comlink transfer handler goes in comlink's form and is refused", async () => {
  // A handler of its own (comlink.proxy() would leave the app's exposed port open).
  transferHandlers.set("marked", {
    canHandle: (v): v is { marked: true } => (v as { marked?: unknown } | null)?.marked === true,
    serialize: () => [1, []],
    deserialize: (v) => v,
  });
  const { conn, done } = await connected();
  try {
    await assert.rejects(conn.call("echo", [{ marked: true }]), { code: "FORBIDDEN" });
    assert.deepEqual(await conn.remote.echo({ a: [1, undefined, "b"] }), {
      a: [1, undefined, "b"],
    });
  } finally {
    transferHandlers.delete("marked");
    await done();
  }
});

test("a compact call's comlink.proxy() return value is answered in comlink's form, with the call's number", async () => {
  const link = createMemoryLink();
  const host = createHost<Api>({
    transport: link.host,
    namespace: CONTRACT_NAMESPACE,
    expose: api,
    closeGraceMs: 10,
  });
  try {
    const port = await rawHandshakeOver(link.app);
    const answer = await new Promise<{ kind?: string; msg?: Record<string, unknown> }>(
      (resolve) => {
        port.onmessage = (e) => resolve(e.data);
        port.postMessage([1, "handle"]);
      },
    );
    assert.equal(answer.kind, "rpc");
    assert.equal(answer.msg?.id, 1);
    assert.equal(answer.msg?.type, "HANDLER");
    assert.equal(answer.msg?.name, "proxy");
    assert.ok(answer.msg?.value instanceof MessagePort);
    answer.msg.value.close();
    port.close();
  } finally {
    await host.close();
    link.close();
  }
});

test("a call the host never answers times out; an argument that cannot be cloned fails at once", async () => {
  const { conn, done } = await connected();
  try {
    const error = await conn.call("frozen", [], { timeout: 20 }).catch((e: unknown) => e);
    assert.equal((error as { code?: string }).code, "CALL_TIMEOUT");
    await assert.rejects(conn.call("echo", [() => 1] as never), { code: "CALL_FAILED" });
    assert.equal(await conn.remote.add(4, 4), 8);
  } finally {
    await done();
  }
});
