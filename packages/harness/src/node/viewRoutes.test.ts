import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { startMeetingServer } from "@yiqi/mock-host/node";
import { WebSocket } from "ws";
import { type HarnessServer, startHarnessServer } from "./server.ts";
import { frameQueue, type StubBuild, stubBuild } from "./testing/stubBuild.ts";
import { closeReason, sendableCode } from "./viewRoutes.ts";

type Reply = { status: number; headers: Record<string, unknown>; body: string };

const get = (port: number, path: string): Promise<Reply> =>
  new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on("error", reject)
      .end();
  });

/** Opens `/__yiqi/meeting` as `origin`; resolves with the socket or the refusal status. */
const socket = (port: number, query: string, origin?: string): Promise<WebSocket | number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__yiqi/meeting?${query}`, {
      ...(origin ? { origin } : {}),
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(0));
  });

test("close codes and reasons relayed to a page are ones a socket may send", () => {
  assert.equal(sendableCode(1006), 1011);
  assert.equal(sendableCode(1005), 1000);
  assert.equal(sendableCode(1008), 1008);
  assert.equal(sendableCode(4001), 4001);
  const reason = closeReason(`NOT_READY: ${"一起用".repeat(50)}`);
  assert.ok(Buffer.byteLength(reason) <= 123);
  assert.ok(reason.startsWith("NOT_READY: 一起用"));
});

test("a page whose meeting server is gone is closed with NOT_READY; the harness server stays up", async () => {
  const build = stubBuild("yiqi-view-");
  const gone = await startMeetingServer({ port: 0 });
  await gone.close();
  const harness = await startHarnessServer({ port: 0, ...build.assets, meeting: gone.url });
  try {
    const origin = `http://127.0.0.1:${harness.port}`;
    const ws = await socket(
      harness.port,
      `participant=p1&token=${encodeURIComponent(gone.token)}`,
      origin,
    );
    assert.ok(ws instanceof WebSocket);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
    );
    assert.equal(closed.code, 1011);
    assert.match(closed.reason, /^NOT_READY/);
    assert.equal((await get(harness.port, "/p/p1")).status, 401, "still serving");
  } finally {
    await harness.close();
    build.remove();
  }
});

describe("view pages of a meeting server (yiqi harness --meeting)", () => {
  let meeting: Awaited<ReturnType<typeof startMeetingServer>>;
  let harness: HarnessServer;
  let build: StubBuild;
  before(async () => {
    build = stubBuild("yiqi-view-", {
      view: "<!doctype html><html><head></head><body>view</body></html>",
      index: "<!doctype html><html><body>harness</body></html>",
    });
    meeting = await startMeetingServer({ port: 0 });
    harness = await startHarnessServer({ port: 0, ...build.assets, meeting: meeting.url });
  });
  after(async () => {
    await harness.close();
    await meeting.close();
    build.remove();
  });

  test("a link that is not a join link is refused with what to pass", async () => {
    for (const link of [
      "http://127.0.0.1:7300/meeting?token=x",
      "ws://127.0.0.1:7300/meeting",
      "nope",
    ])
      await assert.rejects(
        startHarnessServer({ port: 0, ...build.assets, meeting: link }),
        (e: Error) => e.name === "HarnessServerError" && /join link/.test(e.message),
      );
  });

  test("the page needs the token; it is served with its config and without a referrer", async () => {
    const url = new URL(harness.viewUrl?.("p1") ?? "");
    const own = url.searchParams.get("token") ?? "";
    assert.match(own, /^p1\./, "p1's own token, derived from the meeting server's (decision 0037)");
    assert.ok(!url.href.includes(meeting.token));
    assert.equal((await get(harness.port, `/p/p1?token=${meeting.token}`)).status, 200);
    assert.equal((await get(harness.port, `/p/p2?token=${own}`)).status, 403);
    const page = await get(harness.port, `${url.pathname}${url.search}`);
    assert.equal(page.status, 200);
    assert.equal(page.headers["referrer-policy"], "no-referrer");
    assert.equal(page.headers["x-frame-options"], "DENY");
    assert.match(page.body, /<base href="\/">/);
    assert.match(page.body, /"participant":"p1","appId":"demo"/);
    const none = await get(harness.port, "/p/p1");
    assert.equal(none.status, 401);
    assert.match(none.body, /data-refused="BAD_TOKEN"/);
    assert.equal((await get(harness.port, `/p/p1?token=${"x".repeat(22)}`)).status, 401);
    const root = await get(harness.port, "/");
    assert.equal(root.status, 200, "the harness page, a view of the same meeting (decision 0038)");
    assert.match(root.body, /harness/);
    const bad = await get(harness.port, `/p/admin?token=${meeting.token}`);
    assert.equal(bad.status, 404);
    assert.match(bad.body, /UNKNOWN_PARTICIPANT/);
  });

  test("the relay admits only this server's pages with the token, for their one participant", async () => {
    const origin = `http://127.0.0.1:${harness.port}`;
    const token = `token=${encodeURIComponent(meeting.token)}`;
    assert.equal(
      await socket(harness.port, `participant=p1&${token}`, "http://evil.example"),
      403,
      "another site",
    );
    assert.equal(
      await socket(
        harness.port,
        `participant=p1&${token}`,
        `http://p2.demo.localhost:${harness.port}`,
      ),
      403,
      "an app's origin",
    );
    assert.equal(await socket(harness.port, "participant=p1&token=nope", origin), 401);
    // p1's own link is pinned to p1 at the relay too: the meeting server never sees its token.
    const own = `token=${new URL(harness.viewUrl?.("p1") ?? "").searchParams.get("token")}`;
    assert.equal(await socket(harness.port, own, origin), 403, "p1's token, unpinned");
    assert.equal(await socket(harness.port, `participant=p2&${own}`, origin), 403, "as p2");
    const ws = await socket(harness.port, `participant=p1&${own}`, origin);
    assert.ok(ws instanceof WebSocket);
    const next = frameQueue(ws);
    ws.send(JSON.stringify({ t: "hello", protocol: 1 }));
    assert.equal((await next()).t, "welcome");
    ws.send(JSON.stringify({ t: "claim", id: 1, count: 1 }));
    assert.equal((await next()).code, "NOT_YOUR_PARTICIPANT", "no new participants from a page");
    ws.send(JSON.stringify({ t: "claim", id: 2, participants: ["p1"] }));
    const claimed = await next();
    assert.equal(claimed.t, "claimed");
    ws.send(JSON.stringify({ t: "open", id: 3, participant: "p2", url: "http://x.invalid/" }));
    assert.equal((await next()).code, "NOT_YOUR_PARTICIPANT");
    assert.deepEqual([...meeting.core.assignments().keys()], ["p1"]);
    ws.close();
  });
});
