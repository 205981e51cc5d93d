import assert from "node:assert/strict";
import { test } from "node:test";
import { fetchServerConfig, viewLinkOf } from "./serverConfig.ts";

test("viewLinkOf fills a participant's own token into the server's link pattern (decision 0037)", async () => {
  const viewLink = "http://127.0.0.1:7100/p/{participant}?token={token}";
  const viewTokens = { p1: "p1.AAAAAAAAAAAAAAAAAAAAAA", p2: "p2.BBBBBBBBBBBBBBBBBBBBBB" };
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async () =>
    Response.json({
      port: 7100,
      meeting: { link: "ws://127.0.0.1:7100/__yiqi/meeting?token=owner", viewLink, viewTokens },
    })) as typeof fetch;
  try {
    const config = await fetchServerConfig();
    assert.deepEqual(config?.meeting?.viewTokens, viewTokens);
    const meeting = config?.meeting ?? { viewLink };
    assert.equal(
      viewLinkOf(meeting, "p2"),
      "http://127.0.0.1:7100/p/p2?token=p2.BBBBBBBBBBBBBBBBBBBBBB",
    );
    assert.equal(
      viewLinkOf({ viewLink, viewTokens }, "p1"),
      viewLink.replace("{participant}", "p1").replace("{token}", viewTokens.p1),
    );
    assert.ok(!viewLinkOf(meeting, "p1").includes("owner"), "never the meeting's token");
  } finally {
    globalThis.fetch = realFetch;
  }
  // An older server's pattern carries its token itself.
  assert.equal(
    viewLinkOf({ viewLink: "http://h/p/{participant}?token=T" }, "p3"),
    "http://h/p/p3?token=T",
  );
});
