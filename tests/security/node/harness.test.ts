// Attacks on the `yiqi harness` server (harness UI, per-participant reverse proxy, relay) by raw
// clients on loopback/LAN and by hostile pages (forged Origin/Referer headers, as a browser would
// send them). Every test is bounded in count and time; everything listens on loopback.
// See docs/decisions/0006-harness-server-boundaries.md.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, request, type Server } from "node:http";
import { type AddressInfo, connect, type Socket } from "node:net";
import { after, before, describe, test } from "node:test";
import { bundledAssets, type HarnessServer, startHarnessServer } from "@yiqi/harness/node";
import { WebSocket, WebSocketServer } from "ws";

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
};

/**
 * Sends `text` on a raw socket; resolves with what came back once the peer closed, 100 ms after
 * the last data, or after `ms` without any.
 */
function raw(port: number, text: string | Buffer, ms = 1500): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString("latin1"));
    };
    let timer = setTimeout(done, ms);
    socket.on("data", (c: Buffer) => {
      chunks.push(c);
      // An answer arrived: the connection may stay open (keep-alive); stop soon.
      clearTimeout(timer);
      timer = setTimeout(done, 100);
    });
    socket.on("close", done);
    socket.on("error", done);
  });
}

interface Reply {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/** An HTTP request with exactly `headers` (forged Host, Origin, Referer, ...). */
function http(
  port: number,
  path: string,
  headers: Record<string, string>,
  method = "GET",
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error("no answer within 10 s")));
    req.on("error", reject);
    req.end(body);
  });
}

/** Opens a WebSocket with forged headers; resolves with the socket or the refusal. */
function ws(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ ws: WebSocket; got: string[] } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    const got: string[] = [];
    socket.on("message", (m) => got.push(String(m)));
    socket.on("open", () => resolve({ ws: socket, got }));
    socket.on("unexpected-response", (_req, res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
    });
    socket.on("error", reject);
  });
}

/**
 * A harness server in its own process (as `yiqi harness` runs), so that an input that throws
 * where nothing catches it stops that process, as it would stop `yiqi harness`.
 */
async function harnessProcess(
  appUrl: string,
): Promise<{ port: number; appId: string; exited: () => boolean; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { startHarnessServer, bundledAssets } from "@yiqi/harness/node";
       const s = await startHarnessServer({ port: 0, app: process.env.APP, ...bundledAssets() });
       console.log(JSON.stringify({ port: s.port, appId: s.registerApp(process.env.APP) }));`,
    ],
    { env: { ...process.env, APP: appUrl }, stdio: ["ignore", "pipe", "inherit"] },
  );
  let exited = false;
  child.on("exit", () => {
    exited = true;
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (c: Buffer) => resolve(c.toString("utf8")));
    child.once("exit", (code) => reject(new Error(`the harness process exited (${code})`)));
  });
  return { ...JSON.parse(line), exited: () => exited, stop: () => child.kill() };
}

const upgradeHeaders = (host: string, extra = ""): string =>
  `Host: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}\r\n`;

describe("the harness server against raw clients and hostile pages", () => {
  let harness: HarnessServer;
  /** The developer's private service on loopback: no request may ever reach it. */
  let privateService: Server;
  let privatePort: number;
  let privateHits = 0;
  /** The registered app's dev server. */
  let app: Server;
  let appPort: number;
  let appId: string;
  let otherAppId: string;
  const seen: Array<{ url: string; origin?: string; referer?: string }> = [];
  let releaseHeld: () => void = () => {};

  before(async () => {
    privateService = createServer((_req, res) => {
      privateHits += 1;
      res.end("private");
    });
    privateService.on("upgrade", (_req, socket) => {
      privateHits += 1;
      socket.destroy();
    });
    privatePort = await listen(privateService);

    app = createServer((req, res) => {
      seen.push({ url: req.url ?? "", origin: req.headers.origin, referer: req.headers.referer });
      if (req.url === "/headers") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ origin: req.headers.origin, referer: req.headers.referer }));
      } else if (req.url === "/dies.bin" || req.url === "/dies.html") {
        const type = req.url.endsWith(".bin") ? "application/octet-stream" : "text/html";
        res.writeHead(200, { "content-type": type, "content-length": "1000000" });
        res.write("x".repeat(1000));
        setTimeout(() => res.socket?.destroy(), 50);
      } else if (req.url === "/huge.js") {
        // 20 MiB of JavaScript, then the response is held open: a proxy that buffers it whole
        // for the SDK rewrite sends nothing until the end.
        res.writeHead(200, { "content-type": "text/javascript" });
        res.write(Buffer.alloc(20 * 1024 * 1024, 0x20));
        releaseHeld = () => res.end("//end\n");
      } else {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end(`app 404 ${req.url}`);
      }
    });
    const appWs = new WebSocketServer({ server: app });
    appWs.on("connection", (socket, req) => socket.send(`origin:${req.headers.origin ?? "-"}`));
    appPort = await listen(app);

    harness = await startHarnessServer({ port: 0, ...bundledAssets() });
    appId = harness.registerApp(`http://127.0.0.1:${appPort}/`);
    otherAppId = harness.registerApp(`http://127.0.0.1:${privatePort}/unused`);
  });

  after(async () => {
    releaseHeld();
    await harness.close();
    app.closeAllConnections();
    privateService.closeAllConnections();
    await new Promise((r) => app.close(r));
    await new Promise((r) => privateService.close(r));
  });

  const appHost = (): string => `p1.${appId}.localhost:${harness.port}`;
  const harnessHost = (): string => `127.0.0.1:${harness.port}`;

  test("no input stops the server: each bad request or upgrade gets a 4xx/5xx or is closed", async () => {
    const child = await harnessProcess(`http://127.0.0.1:${appPort}/`);
    try {
      const port = child.port;
      const h = `p1.${child.appId}.localhost:${port}`;
      const hh = `127.0.0.1:${port}`;
      const demo = `p1.demo.localhost:${port}`;
      const json = `Host: ${hh}\r\nOrigin: http://${hh}\r\nContent-Type: application/json\r\n`;
      const cases: Array<[string, string]> = [
        ["Referer: x (HTTP)", `GET /headers HTTP/1.1\r\nHost: ${h}\r\nReferer: x\r\n\r\n`],
        ["Referer: x (upgrade)", `GET /hmr HTTP/1.1\r\n${upgradeHeaders(h, "Referer: x\r\n")}`],
        ["bad port in a // target", `GET //x:99999/ HTTP/1.1\r\nHost: ${h}\r\n\r\n`],
        ["bad port in a // target (harness)", `GET //x:99999/ HTTP/1.1\r\nHost: ${hh}\r\n\r\n`],
        ["bad absolute target", `GET http://[bad/ HTTP/1.1\r\nHost: ${h}\r\n\r\n`],
        ["asterisk target", `OPTIONS * HTTP/1.1\r\nHost: ${h}\r\n\r\n`],
        ["bad port, upgrade", `GET //x:99999/__yiqi/relay?room=a HTTP/1.1\r\n${upgradeHeaders(h)}`],
        [
          "relay upgrade, bad version",
          `GET /__yiqi/relay?room=a HTTP/1.1\r\nHost: ${demo}\r\nOrigin: http://${demo}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 99\r\n\r\n`,
        ],
        [
          "relay upgrade, no room",
          `GET /__yiqi/relay HTTP/1.1\r\n${upgradeHeaders(demo, `Origin: http://${demo}\r\n`)}`,
        ],
        ["upgrade, harness host", `GET / HTTP/1.1\r\n${upgradeHeaders(hh)}`],
        ["upgrade, no host", "GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"],
        ["malformed request line", "GARBAGE\r\n\r\n"],
        ["apps: not JSON", `POST /__yiqi/apps HTTP/1.1\r\n${json}Content-Length: 3\r\n\r\n{x}`],
        ["apps: JSON null", `POST /__yiqi/apps HTTP/1.1\r\n${json}Content-Length: 4\r\n\r\nnull`],
        ["apps: cut short", `POST /__yiqi/apps HTTP/1.1\r\n${json}Content-Length: 99\r\n\r\n{"u`],
        ["bad percent-encoding", `GET /%E0%A4%A HTTP/1.1\r\nHost: ${hh}\r\n\r\n`],
        ["bad percent-encoding (demo)", `GET /%E0%A4%A HTTP/1.1\r\nHost: ${demo}\r\n\r\n`],
      ];
      for (const [name, text] of cases) {
        const reply = await raw(port, text, 800);
        if (reply !== "")
          assert.match(
            reply,
            /^HTTP\/1\.1 (4\d\d|5\d\d|200|101) /,
            `${name}: ${reply.slice(0, 80)}`,
          );
        assert.equal(child.exited(), false, `the server survives: ${name}`);
        const config = await http(port, "/__yiqi/config", { host: hh });
        assert.equal(config.status, 200, `the server still answers after: ${name}`);
      }
      const referer = await http(port, "/headers", { host: h, referer: "x" });
      assert.equal(referer.status, 200, "a bad Referer is harmless");
      assert.equal(JSON.parse(referer.body).referer, undefined, "and is not forwarded");
    } finally {
      child.stop();
    }
  });

  test("no request target reaches another host or port than the registered app's", async () => {
    const h = appHost();
    const evil = `127.0.0.1:${privatePort}`;
    const targets = [
      `//${evil}/secret`,
      `//${evil}`,
      `http://${evil}/secret`,
      `/\\${evil}/secret`,
      `\\\\${evil}/secret`,
      `///${evil}/secret`,
    ];
    for (const target of targets) {
      await raw(harness.port, `GET ${target} HTTP/1.1\r\nHost: ${h}\r\n\r\n`, 800);
      await raw(harness.port, `GET ${target} HTTP/1.1\r\n${upgradeHeaders(h)}`, 800);
    }
    assert.equal(privateHits, 0, "the private service was never reached");
    const forged = await http(harness.port, `//${evil}/secret`, { host: h });
    assert.match(forged.body, /^app 404 \/\/127\.0\.0\.1/, "the path went to the app, verbatim");
    const absolute = await raw(harness.port, `GET http://${evil}/ HTTP/1.1\r\nHost: ${h}\r\n\r\n`);
    assert.match(absolute, /^HTTP\/1\.1 400[\s\S]*origin-form/);
  });

  test("the relay admits only the participant origins of the room's app", async () => {
    const port = harness.port;
    const demoHost = `p2.demo.localhost:${port}`;
    const path = "/__yiqi/relay?room=r";
    const refused: Array<Record<string, string>> = [
      { host: demoHost, origin: "https://evil.example" },
      { host: demoHost, origin: `http://p1.${appId}.localhost:${port}` },
      { host: demoHost, origin: `http://p1.demo.localhost:${port + 1}` },
      { host: demoHost, origin: "null" },
      { host: demoHost },
    ];
    for (const headers of refused) {
      const r = await ws(port, path, headers);
      assert.ok("status" in r, `refused: ${JSON.stringify(headers)}`);
      assert.equal(r.status, 403);
      assert.match(r.body, /participant origin/);
    }
    const unknown = await ws(port, path, {
      host: `p1.deadbeef.localhost:${port}`,
      origin: `http://p1.deadbeef.localhost:${port}`,
    });
    assert.ok("status" in unknown && unknown.status === 404, "no relay for an unregistered app");
    const a = await ws(port, path, { host: demoHost, origin: `http://p1.demo.localhost:${port}` });
    const b = await ws(port, path, { host: demoHost, origin: `http://p3.demo.localhost:${port}` });
    assert.ok("ws" in a && "ws" in b);
    a.ws.send("hi");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(b.got, ["hi"]);
    a.ws.close();
    b.ws.close();
  });

  test("POST /__yiqi/apps: same-origin JSON only (no cross-site form or text/plain CSRF)", async () => {
    const port = harness.port;
    const body = JSON.stringify({ url: `http://127.0.0.1:${privatePort}/` });
    const post = (headers: Record<string, string>): Promise<Reply> =>
      http(port, "/__yiqi/apps", { host: harnessHost(), ...headers }, "POST", body);
    const json = { "content-type": "application/json" };
    const cases: Array<[Record<string, string>, number]> = [
      [{ origin: "https://evil.example", "content-type": "text/plain" }, 403],
      [{ origin: "https://evil.example", ...json }, 403],
      [{ origin: `http://p1.${appId}.localhost:${port}`, ...json }, 403],
      [{ origin: "null", ...json }, 403],
      [json, 403],
      [{ origin: `http://127.0.0.1:${port}`, "content-type": "text/plain" }, 415],
      [{ origin: `http://127.0.0.1:${port}`, "sec-fetch-site": "cross-site", ...json }, 403],
    ];
    for (const [headers, status] of cases) {
      const r = await post(headers);
      assert.equal(r.status, status, JSON.stringify(headers));
      assert.match(JSON.parse(r.body).error, /harness page|application\/json/);
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const ok = await post({ origin, "sec-fetch-site": "same-origin", ...json });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers["access-control-allow-origin"], undefined);
    }
    const config = await http(port, "/__yiqi/config", {
      host: harnessHost(),
      origin: "https://evil.example",
    });
    assert.equal(config.headers["access-control-allow-origin"], undefined, "no CORS");
    assert.equal(config.headers["x-content-type-options"], "nosniff");
    assert.equal(config.headers["cross-origin-resource-policy"], "same-origin");
  });

  test("Origin and Referer reach the app truthfully (its own only when the request is the app's)", async () => {
    const port = harness.port;
    const upstream = `http://127.0.0.1:${appPort}`;
    const headersSeen = async (headers: Record<string, string>): Promise<unknown> =>
      JSON.parse((await http(port, "/headers", { host: appHost(), ...headers })).body);
    assert.deepEqual(
      await headersSeen({
        origin: `http://p2.${appId}.localhost:${port}`,
        referer: `http://p2.${appId}.localhost:${port}/a/b?c=1`,
      }),
      { origin: upstream, referer: `${upstream}/a/b?c=1` },
    );
    for (const other of [
      "https://evil.example",
      `http://p1.demo.localhost:${port}`,
      `http://p1.${otherAppId}.localhost:${port}`,
      `http://p1.${appId}.localhost:${port + 1}`,
    ])
      assert.deepEqual(await headersSeen({ origin: other, referer: `${other}/x` }), {
        origin: other,
        referer: `${other}/x`,
      });
    const hmr = (origin: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/hmr`, {
          headers: { host: appHost(), origin },
        });
        socket.on("message", (m) => {
          resolve(String(m));
          socket.close();
        });
        socket.on("error", reject);
      });
    assert.equal(await hmr("https://evil.example"), "origin:https://evil.example");
    assert.equal(await hmr(`http://p3.${appId}.localhost:${port}`), `origin:${upstream}`);
  });

  test("an upstream that dies mid-body fails the client's load instead of hanging it", async () => {
    for (const path of ["/dies.bin", "/dies.html"]) {
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve("hung"), 5000);
        const req = request(
          { host: "127.0.0.1", port: harness.port, path, headers: { host: appHost() } },
          (res) => {
            if (res.statusCode === 502) {
              clearTimeout(timer);
              resolve("502");
            }
            res.on("data", () => {});
            res.on("end", () => resolve("complete"));
            res.on("error", () => resolve("aborted"));
            res.on("aborted", () => resolve("aborted"));
          },
        );
        req.on("error", () => resolve("aborted"));
        req.end();
      });
      assert.ok(outcome === "aborted" || outcome === "502", `${path}: ${outcome}`);
    }
  });

  test("a huge HTML/JS response is streamed past the rewrite bound, not buffered whole", async () => {
    const received = await new Promise<number>((resolve, reject) => {
      let bytes = 0;
      const timer = setTimeout(() => resolve(bytes), 5000);
      const req = request(
        { host: "127.0.0.1", port: harness.port, path: "/huge.js", headers: { host: appHost() } },
        (res) => {
          res.on("data", (c: Buffer) => {
            bytes += c.length;
            if (bytes >= 20 * 1024 * 1024) {
              clearTimeout(timer);
              resolve(bytes);
              req.destroy();
            }
          });
        },
      );
      req.on("error", reject);
      req.end();
    });
    releaseHeld();
    assert.ok(received >= 20 * 1024 * 1024, `got ${received} bytes while the upstream held on`);
  });

  test("relay limits: one app's rooms cannot lock other apps out; a non-reading peer is dropped", async () => {
    const port = harness.port;
    const origin = `http://p1.${appId}.localhost:${port}`;
    const open: WebSocket[] = [];
    let refusedAt = -1;
    for (let i = 0; i < 1100 && refusedAt < 0; i += 1) {
      const r = await ws(port, `/__yiqi/relay?room=flood${i}`, { host: appHost(), origin });
      if ("ws" in r) open.push(r.ws);
      else {
        assert.equal(r.status, 503);
        assert.match(r.body, /rooms/);
        refusedAt = i;
      }
    }
    assert.ok(refusedAt > 0 && refusedAt < 1000, `one app's room cap (refused at ${refusedAt})`);
    const demo = await ws(port, "/__yiqi/relay?room=ok", {
      host: `p1.demo.localhost:${port}`,
      origin: `http://p1.demo.localhost:${port}`,
    });
    assert.ok("ws" in demo, "another app still gets a room");
    for (const s of open) s.terminate();

    // A peer that completes the handshake and then never reads.
    const stalled: Socket = connect(port, "127.0.0.1");
    const handshake = await new Promise<string>((resolve) => {
      stalled.once("data", (c: Buffer) => resolve(c.toString("latin1")));
      stalled.write(
        `GET /__yiqi/relay?room=ok HTTP/1.1\r\n${upgradeHeaders(`p1.demo.localhost:${port}`, `Origin: http://p1.demo.localhost:${port}\r\n`)}`,
      );
    });
    assert.match(handshake, /^HTTP\/1\.1 101/);
    stalled.pause();
    const message = Buffer.alloc(60 * 1024, 0x61);
    const total = 64 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += message.length) {
      demo.ws.send(message);
      if (sent % (4 * 1024 * 1024) === 0) await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise<void>((r) => demo.ws.send("", () => r()));
    await new Promise((r) => setTimeout(r, 2500));
    let delivered = 0;
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      stalled.on("data", (c: Buffer) => {
        delivered += c.length;
      });
      stalled.on("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
      stalled.resume();
    });
    assert.ok(closed, "the stalled peer was disconnected");
    assert.ok(
      delivered < total / 4,
      `the harness did not buffer everything for it (${delivered} of ${total} bytes)`,
    );
    assert.equal(demo.ws.readyState, WebSocket.OPEN, "the sender is unaffected");
    demo.ws.close();
  });
});
