import assert from "node:assert/strict";
import { test } from "node:test";
import { authProtocol } from "@yiqi/rooms-rpc";
import { admitHandshake, checkCredential, constantTimeEqual, selectProtocol } from "./auth.ts";
import { AuthLimiter } from "./limits.ts";

test("constantTimeEqual: equal only for the same UTF-8 bytes, whatever the lengths", () => {
  assert.equal(constantTimeEqual("123456", "123456"), true);
  assert.equal(constantTimeEqual("123456", "123457"), false);
  assert.equal(constantTimeEqual("123456", "1234567"), false);
  assert.equal(constantTimeEqual("", ""), true);
  assert.equal(constantTimeEqual("", "a"), false);
  assert.equal(constantTimeEqual("pässwort", "pässwort"), true);
  assert.equal(constantTimeEqual("a\u0000", "a"), false);
});

test("one handshake, one credential: several auth- protocols are `multiple`, even with the right one", () => {
  const right = authProtocol("p");
  assert.equal(checkCredential([right], "p"), "ok");
  assert.equal(checkCredential([authProtocol("x"), right], "p"), "multiple");
  assert.equal(checkCredential(`${authProtocol("x")},${right}`, "p"), "multiple");
  assert.equal(checkCredential(["json"], "p"), "missing");
  assert.equal(checkCredential([authProtocol("x")], "p"), "wrong");
  assert.equal(checkCredential(["auth-%%%"], "p"), "wrong");
});

test("selectProtocol splits with or without spaces after commas", () => {
  assert.equal(selectProtocol("json,auth-x"), "auth-x");
  assert.equal(selectProtocol("json, auth-x"), "auth-x");
  assert.equal(selectProtocol(["json,auth-x"]), "auth-x");
  assert.equal(selectProtocol("json"), "json");
  assert.equal(selectProtocol(undefined), undefined);
});

test("admitHandshake: a locked client is refused without its password; no credential is not an attempt", () => {
  let now = 0;
  const limiter = new AuthLimiter({ freeAttempts: 2, baseDelayMs: 1000 }, () => now);
  const admit = (p: string[]) => admitHandshake(p, "10.0.0.7", "right", limiter);
  assert.equal(admit([authProtocol("a")]).auth, "wrong");
  assert.equal(admit([authProtocol("b"), authProtocol("c")]).auth, "multiple");
  const locked = admit([authProtocol("right")]);
  assert.deepEqual([locked.auth, locked.retryAfterMs], ["locked", 1000]);
  assert.equal(admit([]).auth, "missing");
  now += 1000;
  assert.equal(admit([authProtocol("right")]).auth, "ok");
  // Success clears the count.
  assert.equal(admit([authProtocol("a")]).auth, "wrong");
  assert.equal(admit([authProtocol("right")]).auth, "ok");
});
