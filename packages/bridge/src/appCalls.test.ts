import assert from "node:assert/strict";
import { test } from "node:test";
import { connectToHost } from "./connect.ts";
import { createHost } from "./host.ts";
import { createMemoryLink } from "./memoryLink.ts";
import { CONTRACT_NAMESPACE, type TestApi, testApi } from "./testing/contract.ts";

/** A host and a connected app over a memory link; `done` closes both. */
async function connected() {
  const link = createMemoryLink();
  const host = createHost<TestApi>({
    transport: link.host,
    namespace: CONTRACT_NAMESPACE,
    expose: testApi,
  });
  const conn = await connectToHost<TestApi>({ transport: link.app, namespace: CONTRACT_NAMESPACE });
  const done = async (): Promise<void> => {
    conn.close();
    await host.close();
    link.close();
  };
  return { conn, done };
}

test("an argument that cannot be cloned rejects with CALL_FAILED; the connection keeps working", async () => {
  const { conn, done } = await connected();
  try {
    await assert.rejects(conn.call("echo", [() => 1] as never), (e: unknown) => {
      const err = e as { code?: string; message?: string };
      assert.equal(err.code, "CALL_FAILED");
      assert.match(String(err.message), /^echo failed: /);
      return true;
    });
    assert.equal(await conn.remote.add(2, 3), 5);
  } finally {
    await done();
  }
});

test("a call with a shorter timeout than the calls before it still times out (one timer per connection)", async () => {
  const { conn, done } = await connected();
  try {
    const long = conn.call("sleep", [400], { timeout: 10_000 });
    // The connection's timer is set for the first call's deadline; this one is earlier and
    // must move it, or the call would resolve with "slept" instead of timing out.
    await assert.rejects(conn.call("sleep", [300], { timeout: 20 }), { code: "CALL_TIMEOUT" });
    assert.equal(await long, "slept");
    assert.equal(await conn.remote.add(1, 2), 3);
  } finally {
    await done();
  }
});

test("answers settle the call they are for, whatever their order; stray answers are ignored", async () => {
  const { conn, done } = await connected();
  try {
    const results = await Promise.all([
      conn.remote.sleep(30),
      conn.remote.add(1, 2),
      conn.remote.echo("x"),
    ]);
    assert.deepEqual(results, ["slept", 3, "x"]);
  } finally {
    await done();
  }
});
