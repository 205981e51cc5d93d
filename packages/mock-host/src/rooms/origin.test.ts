import assert from "node:assert/strict";
import { test } from "node:test";
import type { MeetingError } from "../meeting/errors.ts";
import { DEFAULT_ROOMS_ALLOWED_ORIGINS, normalizeOrigins, originRefusal } from "./origin.ts";

test("no Origin (raw clients) and the harness's origins pass; other pages get a body saying how to allow them", () => {
  const allowed = normalizeOrigins(DEFAULT_ROOMS_ALLOWED_ORIGINS);
  assert.equal(originRefusal(undefined, allowed), undefined);
  assert.equal(originRefusal(null, allowed), undefined);
  assert.equal(originRefusal("http://127.0.0.1:7100", allowed), undefined);
  assert.equal(originRefusal("http://localhost:7100", allowed), undefined);
  const body = originRefusal("https://evil.example", allowed) ?? "";
  assert.match(body, /yiqi rooms --allow-origin https:\/\/evil\.example/);
  assert.match(body, /allowedOrigins: \["https:\/\/evil\.example"\]/);
  assert.ok(originRefusal("null", allowed));
  assert.equal(originRefusal("null", ["null"]), undefined);
  assert.equal(originRefusal("https://any.example", ["*"]), undefined);
  assert.ok(!(originRefusal("http://e\u001b[2J", allowed) ?? "\u001b").includes("\u001b"));
});

test("normalizeOrigins accepts origins, refuses URLs with a path and non-URLs with a coded error", () => {
  assert.deepEqual(normalizeOrigins(["HTTP://LocalHost:5173/", "*", "null"]), [
    "http://localhost:5173",
    "*",
    "null",
  ]);
  for (const bad of ["localhost:5173", "https://a.example/app", "nope", "https://a.example?x"])
    assert.throws(
      () => normalizeOrigins([bad]),
      (e: MeetingError) => e.code === "INVALID_ARGUMENT" && /scheme:\/\/host/.test(e.message),
      bad,
    );
});
