import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CertError } from "../cert/CertError.ts";
import { certifyNetworkPolicy, parseAllowedOrigin } from "./networkPolicy.ts";

const harnessUrl = "http://127.0.0.1:7100/";

describe("certifyNetworkPolicy", () => {
  test("allows the harness, every participant's view and local schemes", () => {
    const p = certifyNetworkPolicy({ harnessUrl, appUrl: "demo" });
    for (const url of [
      "http://127.0.0.1:7100/__yiqi/config",
      "http://p1.demo.localhost:7100/",
      "http://p8.ab12cd34.localhost:7100/assets/x.js",
      "ws://p2.ab12cd34.localhost:7100/__yiqi/relay?room=r",
      "data:text/plain,hi",
      "blob:http://p1.demo.localhost:7100/0b6e",
      "about:blank",
    ])
      assert.equal(p.allows(url), true, url);
  });

  test("refuses other loopback services, other ports and other hosts", () => {
    const p = certifyNetworkPolicy({ harnessUrl, appUrl: "http://localhost:5173/app/" });
    for (const url of [
      "ws://127.0.0.1:6295/",
      "http://127.0.0.1:6295/",
      "http://localhost:7101/",
      "http://p1.demo.localhost:7101/",
      "http://evil.localhost:7100/",
      "https://p1.demo.localhost:7100/",
      "http://127.0.0.1:5173/",
      "https://example.com/",
      // The harness server answers the SDK URL (decision 0008): one that escaped never leaves.
      "https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js",
      "ftp://127.0.0.1/",
      "file:///etc/passwd",
      "not a url",
    ])
      assert.equal(p.allows(url), false, url);
  });

  test("the app's own origin, http and its WebSocket (dev servers' hot reload)", () => {
    const p = certifyNetworkPolicy({ harnessUrl, appUrl: "http://localhost:5173/app/" });
    assert.equal(p.allows("http://localhost:5173/api/x"), true);
    assert.equal(p.allows("ws://localhost:5173/"), true);
    assert.equal(p.allows("wss://localhost:5173/"), false);
    assert.ok(p.allowed.includes("http://localhost:5173"));
  });

  test("allowOrigins add origins, default ports normalised", () => {
    const p = certifyNetworkPolicy({
      harnessUrl,
      appUrl: "demo",
      allowOrigins: ["https://api.example.com:443", "ws://127.0.0.1:6295"],
    });
    assert.equal(p.allows("https://api.example.com/v1"), true);
    assert.equal(p.allows("wss://api.example.com/socket"), true);
    assert.equal(p.allows("ws://127.0.0.1:6295/"), true);
    assert.equal(p.allows("https://www.example.com/"), false);
  });
});

describe("parseAllowedOrigin", () => {
  test("refuses what is not an origin, with what to pass", () => {
    for (const bad of [
      "localhost:6295",
      "file:///x",
      "https://a.example/path",
      "https://u:p@a.example",
    ])
      assert.throws(
        () => parseAllowedOrigin(bad),
        (e: unknown) =>
          e instanceof CertError && e.code === "BAD_OPTIONS" && /--allow-origin/.test(e.message),
        bad,
      );
    assert.equal(parseAllowedOrigin("WS://LocalHost:80"), "http://localhost");
  });
});
