/**
 * The call recorder the runner adds to app frames keeps what the app sees: `wemeet.app.version`
 * (reference §2 Loading and environment, VER) stays callable and a string (decision 0119).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { appVersion } from "@yiqi/jsapi";
import { recordWemeetCalls } from "./pageScripts.ts";

test("recordWemeetCalls: app.version (§2 Loading and environment, VER) is still callable and a string through the recorder", () => {
  const g = globalThis as Record<string, unknown>;
  const saved = Object.getOwnPropertyDescriptor(globalThis, "wemeet");
  const savedLocation = Object.getOwnPropertyDescriptor(globalThis, "location");
  const calls: unknown[] = [];
  Object.defineProperty(globalThis, "location", {
    value: { hostname: "p1.board.localhost" },
    configurable: true,
  });
  g.__yiqiCertCall = (c: unknown) => calls.push(c);
  try {
    recordWemeetCalls();
    g.wemeet = { app: { version: appVersion(() => "3.12.0.400"), getAppInfo: () => 1 } };
    const app = (g.wemeet as { app: { version: () => string } }).app;
    assert.equal(app.version(), "3.12.0.400");
    assert.equal(String(app.version), "3.12.0.400");
    assert.equal(`${app.version}`, "3.12.0.400");
    assert.equal(JSON.stringify({ v: app.version }), '{"v":"3.12.0.400"}');
    assert.deepEqual(calls, [{ api: "app.version", args: [] }], "the call form is still recorded");
  } finally {
    delete g.location;
    if (savedLocation) Object.defineProperty(globalThis, "location", savedLocation);
    delete g.__yiqiCertCall;
    if (saved) Object.defineProperty(globalThis, "wemeet", saved);
    else delete g.wemeet;
  }
});
