import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Page } from "@playwright/test";
import { boundedEvaluate, PAGE_CALL_TIMEOUT_MS, pageCallTimeout } from "./boundedEvaluate.ts";
import { runUiAction } from "./meetingUi.ts";
import { YiqiFixtureError } from "./YiqiFixtureError.ts";

/** A page whose evaluations never settle (a stuck script, a dialog). */
const stuckPage = { evaluate: () => new Promise(() => {}) } as unknown as Page;

describe("fixture page calls are bounded", () => {
  test("a page that never answers ends the call with PAGE_UNRESPONSIVE naming the step", async () => {
    const error = await boundedEvaluate(stuckPage, () => 1, undefined, {
      what: "meeting.trace()",
      participant: "Host",
      timeoutMs: 20,
    }).then(
      () => assert.fail("resolved"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof YiqiFixtureError);
    assert.equal(error.code, "PAGE_UNRESPONSIVE");
    assert.equal(error.participant, "Host");
    assert.match(error.message, /^meeting\.trace\(\) for Host: the harness page did not answer/);
  });

  test("an answer in time is returned, and the page's own error passes through", async () => {
    const page = {
      evaluate: (_fn: unknown, arg: number) =>
        arg < 0 ? Promise.reject(new Error("boom")) : Promise.resolve(arg * 2),
    } as unknown as Page;
    const call = { what: "x", timeoutMs: 1000 };
    assert.equal(await boundedEvaluate(page, (n: number) => n, 21, call), 42);
    await assert.rejects(
      boundedEvaluate(page, (n: number) => n, -1, call),
      /boom/,
    );
  });

  test("meeting.ui on a stuck page throws PAGE_UNRESPONSIVE with the action and participant", async () => {
    await assert.rejects(runUiAction(stuckPage, "clickStart", "Host", [], 20), (e: unknown) => {
      assert.ok(e instanceof YiqiFixtureError);
      assert.equal(e.code, "PAGE_UNRESPONSIVE");
      assert.match(e.message, /meeting\.ui\("clickStart", "Host"\) for Host/);
      return true;
    });
  });

  test("the bound is the connect timeout, never below the default", () => {
    assert.equal(pageCallTimeout(1000), PAGE_CALL_TIMEOUT_MS);
    assert.equal(pageCallTimeout(60_000), 60_000);
  });
});
