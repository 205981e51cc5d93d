import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { test } from "node:test";
import { refuseCaller } from "./harnessApi.ts";

const req = (headers: Record<string, string>, remoteAddress = "127.0.0.1"): IncomingMessage =>
  ({ headers, url: "/__yiqi/apps", socket: { remoteAddress } }) as unknown as IncomingMessage;
const json = { "content-type": "application/json" };

test("registration: only the harness page's same-origin JSON requests", () => {
  assert.equal(refuseCaller(req({ origin: "http://127.0.0.1:7100", ...json }), 7100), null);
  assert.equal(
    refuseCaller(
      req({
        origin: "http://localhost:7100",
        "sec-fetch-site": "same-origin",
        "content-type": "application/json; charset=utf-8",
      }),
      7100,
    ),
    null,
  );
  const refused: Array<[Record<string, string>, number]> = [
    [{ origin: "https://evil.example", "content-type": "text/plain" }, 403],
    [{ origin: "https://evil.example", ...json }, 403],
    [{ origin: "http://p1.demo.localhost:7100", ...json }, 403],
    [{ origin: "http://127.0.0.1:7101", ...json }, 403],
    [{ origin: "null", ...json }, 403],
    [json, 403],
    [{ origin: "http://127.0.0.1:7100", "sec-fetch-site": "same-site", ...json }, 403],
    [{ origin: "http://127.0.0.1:7100", "content-type": "text/plain" }, 415],
    [{ origin: "http://127.0.0.1:7100", "content-type": "application/x-www-form-urlencoded" }, 415],
    [{ origin: "http://127.0.0.1:7100" }, 415],
  ];
  for (const [headers, status] of refused) {
    const r = refuseCaller(req(headers), 7100);
    assert.equal(r?.status, status, JSON.stringify(headers));
    assert.match(r?.error ?? "", status === 403 ? /harness page only/ : /application\/json/);
  }
});

test("registration: a peer on another machine may not register, whatever headers it forges", () => {
  const forged = { origin: "http://127.0.0.1:7100", "sec-fetch-site": "same-origin", ...json };
  for (const peer of ["192.168.1.20", "::ffff:10.0.0.5", "fe80::1", "0.0.0.0"])
    assert.match(
      refuseCaller(req(forged, peer), 7100)?.error ?? "",
      /registered from this machine only.*--app/,
      String(peer),
    );
  for (const peer of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"])
    assert.equal(refuseCaller(req(forged, peer), 7100), null, peer);
});
