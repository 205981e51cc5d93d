import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type FrameOrigins,
  frameUrlFor,
  participantAppUrl,
  participantNumber,
} from "./frameUrl.ts";

const served: FrameOrigins = { url: "http://p1.demo.localhost:7100/", appId: "demo", port: 7100 };
const dev: FrameOrigins = { url: "http://127.0.0.1:5174/", appId: null, port: null };

const url = (r: ReturnType<typeof frameUrlFor>): string => (r.ok ? r.url : `refused: ${r.reason}`);

test("each participant gets its own origin for the same app page", () => {
  assert.equal(participantAppUrl(2, "demo", 7100), "http://p2.demo.localhost:7100/");
  assert.equal(
    url(frameUrlFor("http://p1.demo.localhost:7100/a?b=1#c", 3, served)),
    "http://p3.demo.localhost:7100/a?b=1#c",
  );
  const other: FrameOrigins = { url: "http://p1.a1b2.localhost:9/", appId: "a1b2", port: 9 };
  assert.equal(
    url(frameUrlFor("http://p12.a1b2.localhost:9/", 7, other)),
    "http://p7.a1b2.localhost:9/",
  );
});

test("a frame is never given a URL that is not http(s), whatever its spelling", () => {
  for (const bad of [
    "javascript:parent.yiqiPwned=1",
    " JaVaScRiPt:parent.yiqiPwned=1",
    "\u0000java\tscript:parent.yiqiPwned=1",
    "data:text/html,<script>parent.yiqiPwned=1</script>",
    "blob:http://p1.demo.localhost:7100/0b5c8a4e",
    "about:blank",
    "about:srcdoc",
    "file:///etc/passwd",
    "not a url",
    "/relative",
  ]) {
    for (const app of [served, dev]) {
      const r = frameUrlFor(bad, 2, app);
      assert.equal(r.ok, false, `${JSON.stringify(bad)} must be refused`);
      assert.ok(!r.ok && r.reason.length > 10);
    }
  }
});

test("with the server, only this app's participant origins load; nothing else", () => {
  for (const bad of [
    "http://127.0.0.1:7100/", // the harness itself
    "http://localhost:7100/",
    "http://p1.other.localhost:7100/", // another app
    "http://p1.demo.localhost:7101/", // another port
    "https://p1.demo.localhost:7100/",
    "http://user:pw@p1.demo.localhost:7100/",
    "http://px.demo.localhost:7100/",
    "https://evil.example/",
  ]) {
    const r = frameUrlFor(bad, 2, served);
    assert.equal(r.ok, false, bad);
  }
  assert.match(
    url(frameUrlFor("https://evil.example/", 2, served)),
    /not on this app's participant origins \(http:\/\/p<N>\.demo\.localhost:7100\)/,
  );
});

test("in dev fallback (no server), URLs on the dev server's origin stay as they are", () => {
  assert.equal(
    url(frameUrlFor("http://127.0.0.1:5174/room", 2, dev)),
    "http://127.0.0.1:5174/room",
  );
  assert.match(url(frameUrlFor("http://127.0.0.1:5175/", 2, dev)), /not on the app's origin/);
});

test("participant numbers come from pN ids, else the fallback", () => {
  assert.equal(participantNumber("p14", 1), 14);
  assert.equal(participantNumber("alice", 5), 5);
});
