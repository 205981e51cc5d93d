import assert from "node:assert/strict";
import { test } from "node:test";
import { connectWemeet } from "./connect.ts";
import { WemeetError } from "./errors.ts";
import { startTestHost } from "./testing/testHost.ts";
import type { HostResult } from "./types.ts";

/** A host whose getContext answers from `answers` in turn, recording its arguments. */
function host(answers: HostResult<unknown>[]) {
  const seen: unknown[][] = [];
  const { link, host: h } = startTestHost({
    hostOrigin: "https://h.example",
    answer: (_m, args) => {
      seen.push(args);
      return answers.shift();
    },
  });
  const wemeet = connectWemeet({ transport: link.app, userAgent: "Mozilla/5.0" });
  return { wemeet, seen, h, link };
}

test("getContext (built once per wemeet): before and after the handshake, values and errors as before", async () => {
  const t = host([
    { ok: true, value: { activeID: "a1", url: "u" } },
    { ok: true, value: { activeID: "a2", url: "u" } },
    { ok: false, error: { code: "NO_ACTIVE_SESSION", errCode: 1004, errMsg: "no session" } },
  ]);
  try {
    // The first call is made before the handshake completes: it waits for it.
    assert.deepEqual(await t.wemeet.collaboration.getContext(), { activeID: "a1", url: "u" });
    assert.deepEqual(await t.wemeet.collaboration.getContext(), { activeID: "a2", url: "u" });
    await assert.rejects(t.wemeet.collaboration.getContext(), (e: unknown) => {
      assert.ok(e instanceof WemeetError);
      assert.equal(e.code, "NO_ACTIVE_SESSION");
      assert.equal(e.errMsg, "no session");
      return true;
    });
    assert.deepEqual(t.seen, [[], [], []], "no arguments are sent");
    t.h.close();
    await assert.rejects(t.wemeet.collaboration.getContext(), (e: unknown) => {
      assert.ok(e instanceof WemeetError);
      assert.equal(e.code, "INSTANCE_CLOSED");
      assert.match(e.errMsg, /^collaboration\.getContext: /);
      return true;
    });
  } finally {
    t.h.close();
    t.link.close();
  }
});
