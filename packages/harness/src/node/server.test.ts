import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { hostnameOf, rewriteSdkUrls, routeOf } from "./routing.ts";
import { type HarnessServer, startHarnessServer } from "./server.ts";

describe("routing", () => {
  test("participant hosts, harness hosts, and everything else refused", () => {
    assert.deepEqual(routeOf("p2.demo.localhost:7100"), {
      kind: "app",
      participant: 2,
      appId: "demo",
    });
    assert.deepEqual(routeOf("P12.AB12cd34.LOCALHOST:1"), {
      kind: "app",
      participant: 12,
      appId: "ab12cd34",
    });
    assert.deepEqual(routeOf("127.0.0.1:7100"), { kind: "harness" });
    assert.deepEqual(routeOf("localhost"), { kind: "harness" });
    assert.deepEqual(routeOf("[::1]:80"), { kind: "harness" });
    assert.equal(routeOf("evil.example:7100").kind, "refused", "DNS rebinding guard");
    assert.equal(routeOf("p0.demo.localhost").kind, "refused");
    assert.equal(routeOf("p1.demo.localhost.evil.example").kind, "refused");
    assert.equal(routeOf(undefined).kind, "refused");
    assert.equal(hostnameOf("[::1]:9"), "[::1]");
  });

  test("Tencent's SDK URLs are rewritten to the shim, other URLs are not", () => {
    const html = `<script src="https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js"></script>
      <script src="//cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.8.min.js"></script>
      s.src = "https://cdn.meeting.tencent.com/other/x.js";`;
    const out = rewriteSdkUrls(html);
    assert.equal(out.match(/\/wemeet-js-sdk\.js/g)?.length, 2);
    assert.match(out, /other\/x\.js/);
  });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(
  port: number,
  host: string,
  path: string,
  method = "GET",
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method,
        headers: {
          host,
          "content-type": "application/json",
          // What the harness page's fetch sends: its own origin.
          ...(method === "POST" ? { origin: `http://${host}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.setTimeout(5000, () => req.destroy(new Error("no answer within 5 s")));
    req.on("error", reject);
    req.end(body);
  });
}

describe("the harness server", () => {
  let dir: string;
  let server: HarnessServer;
  let upstream: Server;
  let upstreamWs: WebSocketServer;
  let upstreamUrl: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "yiqi-harness-"));
    for (const name of ["harness", "demo"]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "index.html"), `<!doctype html><title>${name}</title>`);
    }
    writeFileSync(join(dir, "demo", "gone.js"), "/* removed by a rebuild */");
    writeFileSync(join(dir, "shim.js"), "/* shim */ window.wemeet = {};");
    upstream = createServer((req, res) => {
      if (req.url === "/page") {
        res.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "x-frame-options": "DENY",
          "content-security-policy": "default-src 'self'; frame-ancestors 'none'",
        });
        res.end(
          `<h1>app</h1><script src="https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js"></script><p>${req.headers.host}</p>`,
        );
      } else if (req.url === "/ua") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end(`<html><head><title>ua</title></head><p>${req.headers["user-agent"]}</p></html>`);
      } else if (req.url === "/cached") {
        if (req.headers["if-none-match"] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
        } else {
          res.writeHead(200, { "content-type": "text/html", etag: '"v1"' });
          res.end("<head></head><p>cached</p>");
        }
      } else if (req.url === "/fragment.html") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<head></head><b>fragment</b>");
      } else if (req.url === "/data.bin") {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.end(Buffer.from([1, 2, 3]));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    upstreamWs = new WebSocketServer({ server: upstream });
    upstreamWs.on("connection", (ws) => ws.on("message", (m) => ws.send(`echo:${m}`)));
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/`;
    server = await startHarnessServer({
      port: 0,
      harnessDir: join(dir, "harness"),
      demoDir: join(dir, "demo"),
      shimFile: join(dir, "shim.js"),
      participants: 4,
    });
  });

  after(async () => {
    await server.close();
    upstreamWs.close();
    await new Promise((r) => upstream.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  test("serves the harness at 127.0.0.1 and the demo at participant hosts, with the shim on every app host", async () => {
    const h = `127.0.0.1:${server.port}`;
    const page = await get(server.port, h, "/");
    assert.match(page.body, /<title>harness/);
    // No other site may frame the harness page (clickjacking).
    assert.equal(page.headers["x-frame-options"], "DENY");
    assert.equal(page.headers["content-security-policy"], "frame-ancestors 'none'");
    assert.match(
      (await get(server.port, h, "/some/deep/link")).body,
      /<title>harness/,
      "single-page fallback",
    );
    assert.match(
      (await get(server.port, `p1.demo.localhost:${server.port}`, "/")).body,
      /<title>demo/,
    );
    const shim = await get(server.port, `p3.demo.localhost:${server.port}`, "/wemeet-js-sdk.js");
    assert.equal(shim.status, 200);
    assert.match(String(shim.headers["content-type"]), /javascript/);
    assert.match(shim.body, /window\.wemeet/);
    const config = JSON.parse((await get(server.port, h, "/__yiqi/config")).body);
    assert.deepEqual(
      [config.port, config.defaultApp, config.participants],
      [server.port, "demo", 4],
    );
  });

  test("refuses other hosts (421) with a message naming the right address", async () => {
    const r = await get(server.port, "attacker.example", "/");
    assert.equal(r.status, 421);
    assert.match(r.body, new RegExp(`http://127\\.0\\.0\\.1:${server.port}/`));
  });

  test("registers an app and proxies each participant host to it, rewriting the SDK URL and framing headers", async () => {
    const reg = await get(
      server.port,
      `127.0.0.1:${server.port}`,
      "/__yiqi/apps",
      "POST",
      JSON.stringify({ url: upstreamUrl }),
    );
    assert.equal(reg.status, 200);
    const { id } = JSON.parse(reg.body) as { id: string };
    assert.match(id, /^[a-f0-9]{8}$/);
    const again = JSON.parse(
      (
        await get(
          server.port,
          `127.0.0.1:${server.port}`,
          "/__yiqi/apps",
          "POST",
          JSON.stringify({ url: `${upstreamUrl}other` }),
        )
      ).body,
    );
    assert.equal(again.id, id, "one id per app origin: links stay stable");
    // Named by its page's title (decision 0009); this upstream's pages have none: its host.
    assert.equal(again.name, new URL(upstreamUrl).host);
    const titled = JSON.parse(
      (
        await get(
          server.port,
          `127.0.0.1:${server.port}`,
          "/__yiqi/apps",
          "POST",
          JSON.stringify({ url: `${upstreamUrl}ua` }),
        )
      ).body,
    );
    assert.equal(titled.name, "ua", "the <title> of the registered page, never p1");
    const page = await get(server.port, `p2.${id}.localhost:${server.port}`, "/page");
    assert.equal(page.status, 200);
    assert.match(page.body, /<script src="\/wemeet-js-sdk\.js">/);
    assert.doesNotMatch(page.body, /cdn\.meeting\.tencent\.com/);
    assert.match(page.body, /127\.0\.0\.1:\d+<\/p>/, "the upstream sees its own host");
    assert.equal(page.headers["x-frame-options"], undefined);
    // The client script's hash joins the app's own policy (decision 0008).
    assert.match(
      String(page.headers["content-security-policy"]),
      /^default-src 'self' 'sha256-[\w+/]+='$/,
    );
    assert.equal(Number(page.headers["content-length"]), Buffer.byteLength(page.body));
    const bin = await get(server.port, `p1.${id}.localhost:${server.port}`, "/data.bin");
    assert.deepEqual([...Buffer.from(bin.body, "latin1")].slice(0, 3), [1, 2, 3]);
  });

  test("each participant's client: its UA upstream and a first script in its documents", async () => {
    const h = `127.0.0.1:${server.port}`;
    const { id } = JSON.parse(
      (await get(server.port, h, "/__yiqi/apps", "POST", JSON.stringify({ url: upstreamUrl })))
        .body,
    ) as { id: string };
    const clients = (appId: string): Promise<Reply> =>
      get(
        server.port,
        h,
        "/__yiqi/clients",
        "POST",
        JSON.stringify({
          appId,
          clients: [
            { participant: 1, platform: "Windows", clientVersion: "3.11.0" },
            { participant: 2, platform: "Mac", clientVersion: "3.14.0" },
          ],
        }),
      );
    assert.equal((await clients(id)).status, 200);
    assert.equal((await clients("demo")).status, 200);
    assert.equal((await clients("nope1234")).status, 400, "an app nobody registered");
    const p1 = await get(server.port, `p1.${id}.localhost:${server.port}`, "/ua");
    assert.match(
      p1.body,
      /<p>Mozilla\/5\.0 \(Windows NT[^<]*os_name\/Windows [^<]*app_version\/3\.11\.0 /,
    );
    assert.match(p1.body, /^<html><head><script>\(\(\)=>\{[^<]*app_version\/3\.11\.0 /);
    const p2 = await get(server.port, `p2.${id}.localhost:${server.port}`, "/ua");
    assert.match(p2.body, /<p>[^<]*os_name\/Mac [^<]*app_version\/3\.14\.0 /);
    const p3 = await get(server.port, `p3.${id}.localhost:${server.port}`, "/ua");
    assert.match(p3.body, /<p>[^<]*app_version\/3\.14\.0\.400 /, "undescribed: the default client");
    const demo = await get(server.port, `p1.demo.localhost:${server.port}`, "/");
    assert.match(demo.body, /^<!doctype html><script>[^<]*os_name\/Windows /);
    const fetched = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/fragment.html",
          headers: { host: `p1.${id}.localhost:${server.port}`, "sec-fetch-dest": "empty" },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => {
            text += c.toString();
          });
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    assert.equal(fetched, "<head></head><b>fragment</b>", "an HTML fetch is not a document");
    // A revalidation would hand back a copy carrying another client's script: documents are
    // fetched whole and not cached.
    const cached = await new Promise<{
      status: number;
      body: string;
      etag: unknown;
      cache: unknown;
    }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/cached",
          headers: { host: `p2.${id}.localhost:${server.port}`, "if-none-match": '"v1"' },
        },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => {
            text += c.toString();
          });
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              etag: res.headers.etag,
              cache: res.headers["cache-control"],
            }),
          );
        },
      );
      req.on("error", reject);
      req.end();
    });
    assert.equal(cached.status, 200);
    assert.match(cached.body, /^<head><script>[^<]*os_name\/Mac /);
    assert.equal(cached.etag, undefined);
    assert.equal(cached.cache, "no-store");
  });

  test("bad registrations and unknown apps get clear errors; a dead upstream gets 502", async () => {
    const bad = await get(
      server.port,
      `127.0.0.1:${server.port}`,
      "/__yiqi/apps",
      "POST",
      JSON.stringify({ url: "ftp://x" }),
    );
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error, /not an http\(s\) URL/);
    const unknown = await get(server.port, `p1.deadbeef.localhost:${server.port}`, "/");
    assert.equal(unknown.status, 404);
    assert.match(unknown.body, /No app is registered/);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise((r) => closed.close(r));
    const deadId = server.registerApp(deadUrl);
    const dead = await get(server.port, `p1.${deadId}.localhost:${server.port}`, "/");
    assert.equal(dead.status, 502);
    assert.match(dead.body, /could not reach the app/);
  });

  test("the relay passes messages to the other sockets of the same room and app only", async () => {
    const open = (host: string, room: string): Promise<{ ws: WebSocket; got: string[] }> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/__yiqi/relay?room=${room}`, {
          headers: { host, origin: `http://${host}` },
        });
        const got: string[] = [];
        ws.on("message", (m) => got.push(String(m)));
        ws.on("open", () => resolve({ ws, got }));
        ws.on("error", reject);
      });
    const a = await open(`p1.demo.localhost:${server.port}`, "r1");
    const b = await open(`p2.demo.localhost:${server.port}`, "r1");
    const c = await open(`p3.demo.localhost:${server.port}`, "r2");
    const d = await open(`p1.${server.registerApp(upstreamUrl)}.localhost:${server.port}`, "r1");
    a.ws.send("hello");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(b.got, ["hello"]);
    assert.deepEqual(a.got, [], "no echo to the sender");
    assert.deepEqual(c.got, [], "other room");
    assert.deepEqual(d.got, [], "other app, same room name");
    for (const x of [a, b, c, d]) x.ws.close();
  });

  test("WebSocket upgrades on an app host are proxied to the app (dev-server hot reload)", async () => {
    const id = server.registerApp(upstreamUrl);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/hmr`, {
      headers: { host: `p1.${id}.localhost:${server.port}` },
    });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on("open", () => ws.send("ping"));
      ws.on("message", (m) => resolve(String(m)));
      ws.on("error", reject);
    });
    assert.equal(reply, "echo:ping");
    ws.close();
  });

  test("a static file removed while the server runs (a rebuild) gets an answer, and the server still serves", async () => {
    unlinkSync(join(dir, "demo", "gone.js"));
    const host = `p1.demo.localhost:${server.port}`;
    assert.equal((await get(server.port, host, "/gone.js")).status, 404, "looked up per request");
    assert.equal((await get(server.port, host, "/")).status, 200, "the server still serves");
  });
});
