import assert from "node:assert/strict";
import { test } from "node:test";
import { harnessOrigins, isHarnessOrigin, isParticipantOrigin } from "./origin.ts";

test("participant origins: exactly http://p<N>.<appId>.localhost:<port> of the same app and port", () => {
  assert.equal(isParticipantOrigin("http://p1.demo.localhost:7100", "demo", 7100), true);
  assert.equal(isParticipantOrigin("http://p32.ab12cd34.localhost:7100", "ab12cd34", 7100), true);
  for (const origin of [
    "http://p1.other.localhost:7100",
    "http://p1.demo.localhost:7101",
    "http://p1.demo.localhost",
    "https://p1.demo.localhost:7100",
    "http://p0.demo.localhost:7100",
    "http://p1.demo.localhost.evil.example:7100",
    "http://x.p1.demo.localhost:7100",
    "http://127.0.0.1:7100",
    "null",
    undefined,
  ])
    assert.equal(isParticipantOrigin(origin, "demo", 7100), false, String(origin));
});

test("harness origins: 127.0.0.1, localhost and [::1] on the server's port", () => {
  assert.deepEqual(harnessOrigins(7100), [
    "http://127.0.0.1:7100",
    "http://localhost:7100",
    "http://[::1]:7100",
  ]);
  assert.equal(isHarnessOrigin("http://localhost:7100", 7100), true);
  for (const origin of [
    "http://localhost:7101",
    "http://p1.demo.localhost:7100",
    "null",
    undefined,
  ])
    assert.equal(isHarnessOrigin(origin, 7100), false, String(origin));
});
