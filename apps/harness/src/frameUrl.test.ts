import assert from "node:assert/strict";
import { test } from "node:test";
import { frameUrlFor, participantAppUrl, participantNumber } from "./frameUrl.ts";

test("each participant gets its own origin for the same app page", () => {
  assert.equal(participantAppUrl(2, "demo", 7100), "http://p2.demo.localhost:7100/");
  assert.equal(
    frameUrlFor("http://p1.demo.localhost:7100/a?b=1#c", 3),
    "http://p3.demo.localhost:7100/a?b=1#c",
  );
  assert.equal(frameUrlFor("http://p12.a1b2.localhost:9/", 7), "http://p7.a1b2.localhost:9/");
});

test("URLs off the participant hosts stay as they are (dev fallback)", () => {
  assert.equal(frameUrlFor("http://127.0.0.1:5174/", 2), "http://127.0.0.1:5174/");
  assert.equal(frameUrlFor("not a url", 2), "not a url");
  assert.equal(frameUrlFor("http://px.demo.localhost:1/", 2), "http://px.demo.localhost:1/");
});

test("participant numbers come from pN ids, else the fallback", () => {
  assert.equal(participantNumber("p14", 1), 14);
  assert.equal(participantNumber("alice", 5), 5);
});
