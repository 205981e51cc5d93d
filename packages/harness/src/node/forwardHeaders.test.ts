import assert from "node:assert/strict";
import { test } from "node:test";
import { requestHeaders, responseHeaders, withoutFrameAncestors } from "./forwardHeaders.ts";
import { participantClient } from "./participantClients.ts";
import { parseRequestTarget } from "./requestTarget.ts";
import { upstreamTarget } from "./upstreamTarget.ts";

const target = upstreamTarget(new URL("http://localhost:5173/"), parseRequestTarget("/x")!);
const own = (origin: string): boolean => origin === "http://p2.abc.localhost:7100";

test("Origin and Referer: the app's own participant origin maps to the app's origin, others pass unchanged", () => {
  const mapped = requestHeaders(
    {
      host: "p2.abc.localhost:7100",
      origin: "http://p2.abc.localhost:7100",
      referer: "http://p2.abc.localhost:7100/a/b?c=1",
      connection: "keep-alive",
      "accept-encoding": "gzip",
      cookie: "k=v",
    },
    target,
    own,
  );
  assert.deepEqual(mapped, {
    host: "localhost:5173",
    origin: "http://localhost:5173",
    referer: "http://localhost:5173/a/b?c=1",
    "accept-encoding": "identity",
    cookie: "k=v",
  });
  const foreign = requestHeaders(
    { origin: "https://evil.example", referer: "https://evil.example/p?q" },
    target,
    own,
  );
  assert.equal(foreign.origin, "https://evil.example");
  assert.equal(foreign.referer, "https://evil.example/p?q");
});

test("a Referer that is not a URL is dropped, not thrown on", () => {
  for (const referer of ["x", "", "http://[bad", "//p2.abc.localhost:7100/"])
    assert.equal(requestHeaders({ referer }, target, own).referer, undefined, referer);
});

test("redirects to the app's origin become relative; lookalike ports and hosts do not", () => {
  const location = (v: string): unknown => responseHeaders({ location: v }, target).location;
  assert.equal(location("http://localhost:5173/next?a"), "/next?a");
  assert.equal(location("http://localhost:5173"), "/");
  assert.equal(location("http://localhost:51730/next"), "http://localhost:51730/next");
  assert.equal(
    location("http://localhost:5173.evil.example/"),
    "http://localhost:5173.evil.example/",
  );
});

test("the participant's client: its UA replaces the browser's, and client hints agree with it", () => {
  const client = participantClient("Windows", "3.11.0");
  const out = requestHeaders(
    {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/140",
      "sec-ch-ua-platform": '"Linux"',
      "sec-ch-ua-mobile": "?0",
    },
    target,
    own,
    client,
  );
  assert.equal(out["user-agent"], client.userAgent);
  assert.equal(out["sec-ch-ua-platform"], '"Windows"');
  assert.equal(out["sec-ch-ua-mobile"], "?0");
  const ios = requestHeaders(
    { "sec-ch-ua-mobile": "?0" },
    target,
    own,
    participantClient("iOS", "3.14.0"),
  );
  assert.equal(ios["sec-ch-ua-mobile"], "?1");
  assert.equal(
    ios["sec-ch-ua-platform"],
    undefined,
    "hints the browser did not send are not added",
  );
});

test("frame-ancestors is dropped from every policy, also one joined from a repeated header", () => {
  const csp = (v: string): unknown =>
    responseHeaders({ "content-security-policy": v }, target)["content-security-policy"];
  // Node joins two Content-Security-Policy headers with ", ": each is a policy of its own.
  assert.equal(csp("script-src 'self', frame-ancestors 'none'"), "script-src 'self'");
  assert.equal(
    csp("default-src 'self'; frame-ancestors 'none', frame-ancestors x; img-src *"),
    "default-src 'self', img-src *",
  );
  assert.equal(csp("frame-ancestors 'none'"), undefined, "an emptied header is not sent");
  assert.equal(withoutFrameAncestors("frame-ancestors 'none'; "), "");
});
