import assert from "node:assert/strict";
import { createServer, request, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { DEFAULT_PARTICIPANT_CLIENT } from "./participantClients.ts";
import { PROXY_LIMITS, proxyHttp } from "./proxy.ts";
import { parseRequestTarget } from "./requestTarget.ts";
import { upstreamTarget } from "./upstreamTarget.ts";

const listen = async (server: Server): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
};

/** GETs `path` through the proxy: "complete", "aborted", or "hung" after 3 s. */
const outcome = (port: number, path: string): Promise<{ end: string; status: number }> =>
  new Promise((resolve) => {
    let status = 0;
    const timer = setTimeout(() => resolve({ end: "hung", status }), 3000);
    const done = (end: string): void => {
      clearTimeout(timer);
      resolve({ end, status });
    };
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      status = res.statusCode ?? 0;
      res.on("data", () => {});
      res.on("end", () => done("complete"));
      res.on("error", () => done("aborted"));
    });
    req.on("error", () => done("aborted"));
    req.end();
  });

const HUGE_HEAD =
  '<!doctype html><html><head><script src="https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js"></script>';

/** GETs `path` through the proxy whole: status, headers and body. */
const fetchWhole = (
  port: number,
  path: string,
): Promise<{ headers: Record<string, unknown>; body: Buffer }> =>
  new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });

describe("the proxy when the app's server misbehaves", () => {
  let upstream: Server;
  let front: Server;
  let port: number;
  const held: ServerResponse[] = [];
  let upstreamSawClose = false;

  before(async () => {
    upstream = createServer((req, res) => {
      if (req.url?.startsWith("/dies")) {
        const type = req.url.endsWith(".html") ? "text/html" : "image/png";
        res.writeHead(200, { "content-type": type, "content-length": "100000" });
        res.write("x".repeat(100));
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === "/big.html") {
        res.writeHead(200, { "content-type": "text/html" });
        res.write(Buffer.alloc(PROXY_LIMITS.rewriteMaxBytes + 1024, 0x20));
        held.push(res);
      } else if (req.url?.startsWith("/huge")) {
        // A document over the rewrite bound, with its length declared or chunked.
        const head = Buffer.from(HUGE_HEAD);
        const total = PROXY_LIMITS.rewriteMaxBytes + 4096;
        res.writeHead(200, {
          "content-type": "TEXT/HTML; charset=utf-8",
          "content-security-policy": "script-src 'self'",
          etag: '"v1"',
          ...(req.url.endsWith("-declared.html") ? { "content-length": String(total) } : {}),
        });
        res.write(head);
        res.end(Buffer.alloc(total - head.length, 0x20));
      } else if (req.url === "/meta.html") {
        res.writeHead(200, {
          "content-type": "text/html",
          "content-security-policy-report-only": "script-src 'self'; report-uri /csp",
        });
        res.end(
          `<head><meta http-equiv="Content-Security-Policy" content="script-src https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js">${HUGE_HEAD.slice(HUGE_HEAD.indexOf("<script"))}`,
        );
      } else if (req.url === "/slow") {
        res.on("close", () => {
          upstreamSawClose = true;
        });
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("a");
        held.push(res);
      }
    });
    const target = `http://127.0.0.1:${await listen(upstream)}`;
    front = createServer((req, res) =>
      proxyHttp(req, res, {
        target: upstreamTarget(new URL(target), parseRequestTarget(req.url)!),
        isAppOrigin: () => false,
        origin: "http://p1.app.localhost:1",
        client: DEFAULT_PARTICIPANT_CLIENT,
        log: () => {},
      }),
    );
    port = await listen(front);
  });

  after(async () => {
    for (const res of held) res.destroy();
    front.closeAllConnections();
    upstream.closeAllConnections();
    await new Promise((r) => front.close(r));
    await new Promise((r) => upstream.close(r));
  });

  test("an upstream that dies mid-body fails the client's load (piped: cut; buffered: 502)", async () => {
    assert.deepEqual(await outcome(port, "/dies.png"), { end: "aborted", status: 200 });
    const buffered = await outcome(port, "/dies.html");
    assert.equal(buffered.status, 502);
  });

  test("an HTML/JS body over the rewrite bound is streamed, not buffered until its end", async () => {
    const bytes = await new Promise<number>((resolve) => {
      let n = 0;
      const timer = setTimeout(() => resolve(n), 3000);
      const req = request({ host: "127.0.0.1", port, path: "/big.html" }, (res) =>
        res.on("data", (c: Buffer) => {
          n += c.length;
          if (n > PROXY_LIMITS.rewriteMaxBytes) {
            clearTimeout(timer);
            resolve(n);
            req.destroy();
          }
        }),
      );
      req.end();
    });
    assert.ok(
      bytes > PROXY_LIMITS.rewriteMaxBytes,
      `${bytes} bytes arrived while upstream held on`,
    );
  });

  test("a document over the rewrite bound still carries the participant's client script first", async () => {
    for (const path of ["/huge-declared.html", "/huge-chunked.html"]) {
      const { headers, body } = await fetchWhole(port, path);
      const start = body.subarray(0, 4096).toString("latin1");
      assert.ok(
        start.startsWith("<!doctype html><html><head><script>"),
        `${path}: the client script is the first script`,
      );
      assert.ok(start.includes(DEFAULT_PARTICIPANT_CLIENT.userAgent), path);
      assert.ok(start.includes('src="/wemeet-js-sdk.js"'), `${path}: the SDK URL in its head`);
      assert.ok(body.length > PROXY_LIMITS.rewriteMaxBytes + 4096, `${path}: the whole body`);
      assert.equal(headers["cache-control"], "no-store", path);
      assert.equal(headers.etag, undefined, path);
      assert.match(String(headers["content-security-policy"]), /^script-src 'self' 'sha256-/, path);
    }
  });

  test("a <meta> policy admitting only Tencent's SDK admits the shim; a report-only header gets the hash", async () => {
    const { body, headers } = await fetchWhole(port, "/meta.html");
    assert.match(
      String(headers["content-security-policy-report-only"]),
      /^script-src 'self' 'sha256-[^']+'; report-uri \/csp$/,
      "a report-only policy does not report the client script",
    );
    const page = body.toString("latin1");
    assert.match(
      page,
      /content="script-src \/wemeet-js-sdk\.js http:\/\/p1\.app\.localhost:1\/wemeet-js-sdk\.js"/,
    );
    assert.ok(page.includes('<script src="/wemeet-js-sdk.js"></script>'));
  });

  test("a client that goes away ends the upstream request too", async () => {
    await new Promise<void>((resolve) => {
      const req = request({ host: "127.0.0.1", port, path: "/slow" }, (res) =>
        res.once("data", () => {
          req.destroy();
          resolve();
        }),
      );
      req.on("error", () => {});
      req.end();
    });
    const deadline = Date.now() + 2000;
    while (!upstreamSawClose && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(upstreamSawClose);
  });
});
