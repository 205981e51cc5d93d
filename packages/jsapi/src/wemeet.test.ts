import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { connectWemeet } from "./connect.ts";
import { WemeetError } from "./errors.ts";
import { startTestHost } from "./testing/testHost.ts";
import {
  type AppHandleResp,
  AppHandleRespType,
  type HostResult,
  VersionCompareType,
  type WemeetHostApi,
} from "./types.ts";
import { compareVersions } from "./version.ts";
import type { Wemeet } from "./wemeet.ts";

const ok = <T>(value: T): HostResult<T> => ({ ok: true, value });
const fail = (code: "NOT_PERMITTED" | "NO_ACTIVE_SESSION", errMsg: string): HostResult<never> => ({
  ok: false,
  error: { code, errCode: code === "NOT_PERMITTED" ? 1003 : 1004, errMsg },
});

/** A scripted host: each method answers from `answers`, and records what it was called with. */
function scriptedHost(answers: Partial<Record<keyof WemeetHostApi, unknown>>) {
  const calls: { method: string; args: unknown[] }[] = [];
  const {
    link,
    host,
    emit: emitMessage,
  } = startTestHost({
    hostOrigin: "https://host.example",
    onCall: (method, args) => calls.push({ method, args }),
    answer: (m) => answers[m as keyof WemeetHostApi],
  });
  const wemeet = connectWemeet({
    transport: link.app,
    pageUrl: () => "https://app.example/page#frag",
    userAgent: "Mozilla/5.0",
  });
  return {
    wemeet,
    calls,
    emit: (name: string, payload: unknown) => emitMessage({ name, payload }),
    close: () => {
      host.close();
      link.close();
    },
  };
}

describe("collaboration.start / end report through the callback and the Promise", () => {
  test("SUCCESS: callback then resolve; the page URL and url are sent", async () => {
    const h = scriptedHost({
      collaborationStart: ok<AppHandleResp>({ status: AppHandleRespType.SUCCESS, message: "ok" }),
    });
    try {
      const seen: AppHandleResp[] = [];
      const resp = await h.wemeet.collaboration.start({
        url: "https://app.example/s",
        callback: (r) => seen.push(r),
      });
      assert.equal(resp.status, h.wemeet.AppHandleRespType.SUCCESS);
      assert.deepEqual(seen, [{ status: AppHandleRespType.SUCCESS, message: "ok" }]);
      assert.deepEqual(h.calls.find((c) => c.method === "collaborationStart")?.args, [
        { url: "https://app.example/s", pageUrl: "https://app.example/page#frag" },
      ]);
    } finally {
      h.close();
    }
  });

  test("a refused start reports FAILED through the callback and rejects with the host's error", async () => {
    const h = scriptedHost({
      collaborationStart: fail("NOT_PERMITTED", "only the host and co-hosts may start"),
    });
    try {
      const seen: AppHandleResp[] = [];
      await assert.rejects(
        h.wemeet.collaboration.start({ callback: (r) => seen.push(r) }),
        (e: unknown) => {
          assert.ok(e instanceof WemeetError);
          assert.equal(e.code, "NOT_PERMITTED");
          assert.equal(e.errCode, 1003);
          assert.match(e.errMsg, /only the host/);
          return true;
        },
      );
      assert.equal(seen[0]?.status, AppHandleRespType.FAILED);
    } finally {
      h.close();
    }
  });

  test("CANCELED resolves and reports through the callback", async () => {
    const h = scriptedHost({
      collaborationEnd: ok<AppHandleResp>({
        status: AppHandleRespType.CANCELED,
        message: "user canceled",
      }),
    });
    try {
      const seen: AppHandleResp[] = [];
      const resp = await h.wemeet.collaboration.end({ callback: (r) => seen.push(r) });
      assert.equal(resp.status, AppHandleRespType.CANCELED);
      assert.equal(seen.length, 1);
    } finally {
      h.close();
    }
  });

  test("bad arguments reject with INVALID_ARGUMENT before anything is sent", async () => {
    const h = scriptedHost({});
    try {
      await assert.rejects(h.wemeet.collaboration.start({ url: 42 as unknown as string }), {
        code: "INVALID_ARGUMENT",
      });
      await assert.rejects(
        h.wemeet.collaboration.start({ callback: "x" as unknown as () => void }),
        { code: "INVALID_ARGUMENT" },
      );
      await assert.rejects(
        h.wemeet.collaboration.setCollaborationConfig({ visible: "no" as unknown as boolean }),
        {
          code: "INVALID_ARGUMENT",
        },
      );
      assert.equal(h.calls.filter((c) => c.method.startsWith("collaboration")).length, 0);
    } finally {
      h.close();
    }
  });
});

describe("other members", () => {
  test("join/leave resolve to undefined; domain errors keep their code", async () => {
    const h = scriptedHost({ collaborationLeave: fail("NO_ACTIVE_SESSION", "no session") });
    try {
      assert.equal(await h.wemeet.collaboration.join(), undefined);
      await assert.rejects(h.wemeet.collaboration.leave(), {
        code: "NO_ACTIVE_SESSION",
        errCode: 1004,
      });
    } finally {
      h.close();
    }
  });

  test("app.compare (§2): called first thing, it compares the client's version, not the UA's (regression)", async () => {
    const h = scriptedHost({});
    try {
      assert.equal(await h.wemeet.app.compare("3.12.0"), VersionCompareType.GREATER);
    } finally {
      h.close();
    }
  });

  test("app.version (§2 Loading and environment, VER): callable as in Tencent's example and a string in every use but ===", async () => {
    const h = scriptedHost({});
    try {
      const v = h.wemeet.app.version;
      await h.wemeet.app.getAppInfo().catch(() => undefined);
      assert.equal(v(), "3.12.1.500", "VER's example: wemeet.app.version()");
      assert.equal(h.wemeet.app.version(), "3.12.1.500");
      assert.equal(String(v), "3.12.1.500");
      assert.equal(`${v}`, "3.12.1.500");
      // biome-ignore lint/style/useTemplate: concatenation is what an app may write
      assert.equal(v + "", "3.12.1.500");
      assert.equal(v.toString(), "3.12.1.500");
      // biome-ignore lint/suspicious/noDoubleEquals: loose equality is what an app may write
      assert.ok((v as unknown) == "3.12.1.500");
      assert.equal(JSON.stringify({ v }), '{"v":"3.12.1.500"}');
      assert.equal(compareVersions(v as unknown as string, "3.12.0"), 1);
      assert.equal(await h.wemeet.app.compare(v), VersionCompareType.EQUAL);
      // The one difference from a string primitive (decision 0119).
      assert.equal(typeof v, "function");
      assert.notEqual(v as unknown, "3.12.1.500");
    } finally {
      h.close();
    }
  });

  test("app.version / app.compare (§2): the version comes from the host once connected; compare() resolves a Promise (CMP)", async () => {
    const h = scriptedHost({ collaborationGetContext: ok({ activeID: "a1", url: "u" }) });
    try {
      assert.deepEqual(await h.wemeet.collaboration.getContext(), { activeID: "a1", url: "u" });
      assert.equal(String(h.wemeet.app.version), "3.12.1.500");
      const pending = h.wemeet.app.compare("3.12.0");
      assert.ok(pending instanceof Promise, "CMP: compare returns a Promise");
      assert.equal(await pending, VersionCompareType.GREATER);
      assert.equal(await h.wemeet.app.compare("3.12.1.500"), VersionCompareType.EQUAL);
      assert.equal(await h.wemeet.app.compare("3.14"), VersionCompareType.LESS);
      assert.equal(await h.wemeet.app.compare("character.1.2"), VersionCompareType.GREATER);
      await assert.rejects(h.wemeet.app.compare(3 as unknown as string), {
        code: "INVALID_ARGUMENT",
      });
      assert.equal(h.wemeet.isInWemeet, true);
    } finally {
      h.close();
    }
  });

  test("events reach listeners; remove, removeEventListeners and removeAllEventListener work; aliases exist", async () => {
    const h = scriptedHost({});
    try {
      const w: Wemeet = h.wemeet;
      const got: string[] = [];
      const a = (e: { action: string }) => got.push(`a:${e.action}`);
      w.addEventListener("collaboration-change", a);
      w.event.addEventListener("collaboration-change", (e) => got.push(`b:${e.action}`));
      w.event.addEventListener("user-join", (e) => got.push(`j:${e.nickname}`));
      await w.app.getAppInfo();
      h.emit("collaboration-change", {
        action: "start",
        activeId: "s",
        msOpenId: "m",
        timestamp: 1,
      });
      h.emit("user-join", { msOpenId: "m", nickname: "Bob", roleType: 3, openCorpId: "c" });
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(got, ["a:start", "b:start", "j:Bob"]);
      w.event.removeEventListener("collaboration-change", a);
      h.emit("collaboration-change", {
        action: "join",
        activeId: "s",
        msOpenId: "m",
        timestamp: 2,
      });
      await new Promise((r) => setTimeout(r, 20));
      assert.deepEqual(got.slice(3), ["b:join"]);
      w.removeEventListeners("collaboration-change");
      w.removeAllEventListener();
      h.emit("collaboration-change", { action: "end", activeId: "s", msOpenId: "m", timestamp: 3 });
      h.emit("user-join", { msOpenId: "m", nickname: "Eve", roleType: 3, openCorpId: "c" });
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(got.length, 4);
    } finally {
      h.close();
    }
  });

  test("undocumented calls are sent to the host as recorded unknown calls", async () => {
    const h = scriptedHost({
      invokeUnknown: {
        ok: false,
        error: {
          code: "NOT_EMULATED",
          errCode: 1012,
          errMsg: "ui.setWebModalAction is not emulated",
        },
      },
    });
    try {
      // VB2's example slip: a member no reference table lists.
      const w = h.wemeet as unknown as { ui: { setWebModalAction(o: unknown): Promise<unknown> } };
      await assert.rejects(w.ui.setWebModalAction({ a: 1, cb: () => {} }), {
        code: "NOT_EMULATED",
      });
      assert.deepEqual(h.calls.find((c) => c.method === "invokeUnknown")?.args, [
        { path: "ui.setWebModalAction", args: [{ a: 1, cb: "[function]" }] },
      ]);
      assert.equal((h.wemeet as unknown as { then?: unknown }).then, undefined);
    } finally {
      h.close();
    }
  });
});

describe("outside any host", () => {
  test("calls fail fast with NOT_IN_WEMEET and a message saying so", async () => {
    const wemeet = connectWemeet({ userAgent: "Mozilla/5.0" });
    const started = Date.now();
    await assert.rejects(wemeet.collaboration.getContext(), (e: unknown) => {
      assert.ok(e instanceof WemeetError);
      assert.equal(e.code, "NOT_IN_WEMEET");
      assert.match(e.errMsg, /not running inside a meeting client/);
      return true;
    });
    assert.ok(Date.now() - started < 1000);
    assert.equal(wemeet.isInWemeet, false);
    assert.equal(wemeet.app.version(), "0.0.0");
  });

  test("the UA marker sets isInWemeet and the fallback version", () => {
    const wemeet = connectWemeet({
      userAgent:
        "Mozilla/5.0 arch/x86_64 app/tencent_wemeet os_name/Mac app_version/3.11.2.1 c_district/0",
    });
    assert.equal(wemeet.isInWemeet, true);
    assert.equal(String(wemeet.app.version), "3.11.2.1");
    void wemeet.app.getAppInfo().catch(() => {});
  });
});
