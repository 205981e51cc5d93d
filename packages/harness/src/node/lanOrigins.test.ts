import assert from "node:assert/strict";
import { type IncomingMessage, request } from "node:http";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";
import { lanAddressFor, urlHost } from "./lanOrigins.ts";
import { createParticipantClients } from "./participantClients.ts";
import { type HarnessServer, startHarnessServer } from "./server.ts";
import { createServerMeeting } from "./serverMeeting.ts";
import { frameQueue, type StubBuild, stubBuild } from "./testing/stubBuild.ts";

/** A GET to `address:port` with `host` as the Host header. */
const get = (
  address: string,
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    request({ host: address, port, path, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });

const upgrade = (url: string, origin: string): Promise<WebSocket | number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(url, { origin });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(0));
  });

test("the LAN address of a listen address: itself, a wildcard's interface, none for loopback", () => {
  assert.equal(lanAddressFor("127.0.0.1"), undefined);
  assert.equal(lanAddressFor("localhost"), undefined);
  assert.equal(lanAddressFor("192.168.1.5"), "192.168.1.5");
  const any = lanAddressFor("0.0.0.0");
  assert.ok(any === undefined || /^\d+\.\d+\.\d+\.\d+$/.test(any), String(any));
  assert.equal(urlHost("fd00::2"), "[fd00::2]");
});

// 127.0.0.2 stands for the LAN address: another address than the harness's loopback names,
// reachable here without exposing the test server to a network.
describe("yiqi harness --host <address>: phones join by link (decision 0039)", () => {
  const LAN = "127.0.0.2";
  let harness: HarnessServer;
  let build: StubBuild;
  let token: string;
  before(async () => {
    build = stubBuild("yiqi-lan-", {
      view: "<!doctype html><html><head></head><body>v</body></html>",
      index: "<!doctype html><html><head></head><body>app</body></html>",
    });
    harness = await startHarnessServer({ port: 0, host: LAN, ...build.assets });
    token = new URL(harness.joinLink).searchParams.get("token") ?? "";
  });
  after(async () => {
    await harness.close();
    build.remove();
  });

  test("links point at the address; a view page gets its participant's LAN app origin", async () => {
    const at = `${LAN}:${harness.port}`;
    const link = new URL(harness.viewUrl("p2"));
    assert.equal(`${link.host}${link.pathname}`, `${at}/p/p2`);
    assert.match(link.searchParams.get("token") ?? "", /^p2\./, "p2's own token (decision 0037)");
    assert.equal((await get(LAN, harness.port, `${link.pathname}${link.search}`, at)).status, 200);
    assert.equal(new URL(harness.joinLink).host, at);
    assert.equal((await get(LAN, harness.port, "/p/p2", at)).status, 401, "token required");
    const page = await get(LAN, harness.port, `/p/p2?token=${token}`, at);
    assert.equal(page.status, 200);
    const origin = /"appOrigin":"(http:\/\/127\.0\.0\.2:\d+)"/.exec(page.body)?.[1];
    assert.ok(origin, page.body);
    assert.notEqual(new URL(origin).port, String(harness.port), "a port of its own");
    const again = await get(LAN, harness.port, `/p/p2?token=${token}`, at);
    assert.match(again.body, new RegExp(`"appOrigin":"${origin}"`), "opened once");
    const p3 = await get(LAN, harness.port, `/p/p3?token=${token}`, at);
    assert.doesNotMatch(p3.body, new RegExp(`"appOrigin":"${origin}"`), "one per participant");
    // The app is served there (the demo's page), as on p2.demo.localhost.
    const appPort = Number(new URL(origin).port);
    const app = await get(LAN, appPort, "/", `${LAN}:${appPort}`);
    assert.equal(app.status, 200);
    assert.match(app.body, /app/);
    // The relay admits the LAN origin as a participant of the demo.
    const relay = await upgrade(`ws://${LAN}:${appPort}/__yiqi/relay?room=r`, origin);
    assert.ok(relay instanceof WebSocket);
    relay.close();
    assert.equal(
      await upgrade(`ws://${LAN}:${appPort}/__yiqi/relay?room=r`, "http://evil.example"),
      403,
    );
  });

  test("the Host allow-list holds on every port (DNS rebinding)", async () => {
    assert.equal((await get(LAN, harness.port, "/", "evil.example")).status, 421);
    assert.equal(
      (await get(LAN, harness.port, "/p/p2", `evil.example:${harness.port}`)).status,
      421,
    );
    const page = await get(LAN, harness.port, `/p/p2?token=${token}`, `${LAN}:${harness.port}`);
    const appPort = Number(/"appOrigin":"http:\/\/127\.0\.0\.2:(\d+)"/.exec(page.body)?.[1]);
    assert.equal((await get(LAN, appPort, "/", `evil.example:${appPort}`)).status, 421);
    assert.equal((await get(LAN, appPort, "/", `p1.demo.localhost:${appPort}`)).status, 421);
  });

  test("the meeting sees the participant's own origin; the phone sees its LAN origin", async () => {
    const at = `http://${LAN}:${harness.port}`;
    // The phone's own link: p2's token, pinned to p2 (decision 0037).
    const own = new URL(harness.viewUrl("p2")).searchParams.get("token") ?? "";
    const page = await get(LAN, harness.port, `/p/p2?token=${own}`, `${LAN}:${harness.port}`);
    const origin = /"appOrigin":"(http:\/\/127\.0\.0\.2:\d+)"/.exec(page.body)?.[1] ?? "";
    const ws = await upgrade(
      `ws://${LAN}:${harness.port}/__yiqi/meeting?token=${own}&participant=p2`,
      at,
    );
    assert.ok(ws instanceof WebSocket);
    const next = frameQueue(ws);
    try {
      ws.send(JSON.stringify({ t: "hello", protocol: 1 }));
      assert.equal((await next()).t, "welcome");
      ws.send(JSON.stringify({ t: "claim", id: 1, participants: ["p2"] }));
      assert.equal((await next()).t, "claimed");
      ws.send(JSON.stringify({ t: "open", id: 2, participant: "p2", url: `${origin}/play?x=1` }));
      const opened = await next();
      assert.equal(opened.t, "opened");
      assert.equal(opened.url, `${origin}/play?x=1`, "the phone sees its LAN origin");
      const trace = harness.meetingCore?.meeting.trace.entries() ?? [];
      const entry = [...trace].reverse().find((e) => e.name === "instance.opened");
      assert.deepEqual(
        (entry?.data as { url?: string } | undefined)?.url,
        `http://p2.demo.localhost:${harness.port}/play?x=1`,
        "the meeting sees p2's own origin",
      );
    } finally {
      ws.close();
    }
  });

  test("a peer on another machine is not given the token by the page config", () => {
    const meeting = createServerMeeting({
      participants: 1,
      app: (p) => ({ url: `http://p1.demo.localhost:${p}/`, name: "Demo", game: true }),
      harnessDir: build.dir,
      appId: "demo",
      clients: createParticipantClients(),
      log: () => {},
    });
    meeting.start(7100);
    const ask = (remoteAddress: string) =>
      meeting.configFor({
        socket: { remoteAddress },
        headers: { host: "127.0.0.1:7100" },
      } as unknown as IncomingMessage);
    assert.equal(ask("192.168.1.9").meeting, undefined);
    assert.equal(ask("::ffff:10.0.0.3").meeting, undefined);
    assert.match(
      ask("127.0.0.1").meeting?.link ?? "",
      /^ws:\/\/127\.0\.0\.1:7100\/__yiqi\/meeting\?token=/,
    );
    assert.ok(ask("::1").meeting);
  });
});
