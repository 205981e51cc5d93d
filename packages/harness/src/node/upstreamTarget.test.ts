import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseRequestTarget } from "./requestTarget.ts";
import { upstreamTarget } from "./upstreamTarget.ts";

describe("request targets and upstream targets", () => {
  test("only origin-form targets are accepted; the path is kept verbatim", () => {
    for (const raw of [
      "http://evil/",
      "https://evil:1/x",
      "*",
      "evil:443",
      "\\\\evil/x",
      "",
      undefined,
    ])
      assert.equal(parseRequestTarget(raw), null, String(raw));
    const t = parseRequestTarget("//evil:99999/a/../b?room=r%201&x");
    assert.equal(t?.pathname, "//evil:99999/a/../b");
    assert.equal(t?.path, "//evil:99999/a/../b?room=r%201&x");
    assert.equal(t?.searchParams.get("room"), "r 1");
    assert.equal(parseRequestTarget("/%E0%A4%A?%zz=1")?.searchParams.get("%zz"), "1");
  });

  test("the upstream origin is always the app's: a request path never changes host or port", () => {
    const app = new URL("http://localhost:5173/some/page");
    for (const raw of ["//127.0.0.1:22/secret", "/\\127.0.0.1:22/x", "///evil/x", "/a?b=//evil"]) {
      const target = upstreamTarget(app, parseRequestTarget(raw)!);
      assert.deepEqual(
        [target.protocol, target.hostname, target.port, target.host, target.origin, target.path],
        ["http:", "localhost", 5173, "localhost:5173", "http://localhost:5173", raw],
      );
    }
    const v6 = upstreamTarget(new URL("https://[::1]/"), parseRequestTarget("/")!);
    assert.deepEqual([v6.hostname, v6.port, v6.host], ["::1", 443, "[::1]"]);
  });
});
