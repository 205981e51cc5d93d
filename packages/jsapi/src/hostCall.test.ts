import assert from "node:assert/strict";
import { test } from "node:test";
import { createHost, createMemoryLink } from "@yiqi/bridge";
import { HOST_METHODS } from "./apiTable.ts";
import { connectWemeet } from "./connect.ts";
import { WemeetError } from "./errors.ts";
import {
  type HostEnvironment,
  type HostResult,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetHostApi,
} from "./types.ts";

const env: HostEnvironment = {
  clientVersion: "3.12.1.500",
  platform: "Mac",
  language: "zh-CN",
  userAgent: "x app/tencent_wemeet app_version/3.12.1.500",
  instanceId: "i1",
};

/** A host whose getContext answers from `answers` in turn, recording its arguments. */
function host(answers: HostResult<unknown>[]) {
  const link = createMemoryLink({
    appOrigin: "https://app.example",
    hostOrigin: "https://h.example",
  });
  const seen: unknown[][] = [];
  const api = Object.fromEntries(
    HOST_METHODS.map((m) => [
      m,
      async (...args: unknown[]) => {
        if (m === "getEnvironment") return env;
        seen.push(args);
        return answers.shift() ?? { ok: true, value: null };
      },
    ]),
  ) as unknown as WemeetHostApi;
  const h = createHost<WemeetHostApi>({
    transport: link.host,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: HOST_METHODS,
    info: () => env,
    expose: () => api,
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
