/**
 * Every request to the harness server gets an answer with bytes in it, never an empty response
 * (the browser's `ERR_EMPTY_RESPONSE`, seen once by a participant frame in the harness bench):
 * a static file removed by a rebuild, an app server that closes kept-alive sockets just as the
 * proxy reuses them, an app server that dies between its head and its body, a handler that
 * fails after writing a head. Loopback only, bounded counts.
 */
import assert from "node:assert/strict";
import { createReadStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { DEFAULT_PARTICIPANT_CLIENT } from "./participantClients.ts";
import { APP_UNREACHABLE, proxyHttp } from "./proxy.ts";
import { parseRequestTarget } from "./requestTarget.ts";
import { FILE_UNREADABLE, failRequest, guardPipedSources, holdHeadUntilBody } from "./respond.ts";
import { type HarnessServer, startHarnessServer } from "./server.ts";
import { upstreamTarget } from "./upstreamTarget.ts";

const listen = async (server: Server | ReturnType<typeof createNetServer>): Promise<number> => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return (server.address() as AddressInfo).port;
};

/** What came back on a fresh connection: the status line and body, or "EMPTY" (no byte at all). */
function raw(
  port: number,
  host: string,
  path: string,
  { method = "GET", body = "" } = {},
): Promise<{ status: number; body: string } | "EMPTY" | "HUNG"> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () =>
      socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: ${host}\r\nSec-Fetch-Dest: iframe\r\nConnection: close\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("HUNG");
    }, 5000);
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", () => {});
    socket.on("close", () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString("utf8");
      if (text === "") resolve("EMPTY");
      else
        resolve({
          status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
          body: text.slice(text.indexOf("\r\n\r\n") + 4),
        });
    });
  });
}

/**
 * An app server that keeps sockets alive and closes each one when a request arrives on it after
 * `perSocket` answered ones: the proxy's agent has just reused a socket the server closed, the
 * race of a server's keep-alive timeout. `/dies` sends its head and dies before its body.
 */
function awkwardUpstream(perSocket: number): ReturnType<typeof createNetServer> {
  return createNetServer((socket: Socket) => {
    let answered = 0;
    let pending = "";
    socket.on("error", () => {});
    socket.on("data", (c: Buffer) => {
      pending += c.toString("latin1");
      for (let end = pending.indexOf("\r\n\r\n"); end !== -1; end = pending.indexOf("\r\n\r\n")) {
        const head = pending.slice(0, end);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        pending = pending.slice(end + 4 + length);
        if (answered === perSocket) {
          socket.destroy();
          return;
        }
        answered++;
        const path = head.split(" ")[1] ?? "/";
        if (path === "/dies") {
          socket.write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: 10\r\n\r\n");
          setTimeout(() => socket.destroy(), 10);
          return;
        }
        const html = path.endsWith(".js") ? "" : "<!doctype html><head></head>";
        const body = `${html}${path}`;
        socket.write(
          `HTTP/1.1 200 OK\r\nContent-Type: ${html ? "text/html" : "text/javascript"}\r\n` +
            `Content-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n${body}`,
        );
      }
    });
  });
}

describe("the proxy answers every request", () => {
  let upstream: ReturnType<typeof createNetServer>;
  let front: Server;
  let port: number;

  before(async () => {
    upstream = awkwardUpstream(1);
    const origin = `http://127.0.0.1:${await listen(upstream)}`;
    front = createServer((req, res) =>
      proxyHttp(req, res, {
        target: upstreamTarget(new URL(origin), parseRequestTarget(req.url)!),
        isAppOrigin: () => false,
        origin: "http://p1.app.localhost:1",
        client: DEFAULT_PARTICIPANT_CLIENT,
        log: () => {},
      }),
    );
    port = await listen(front);
  });

  after(async () => {
    front.closeAllConnections();
    await new Promise((r) => front.close(r));
    await new Promise((r) => upstream.close(r));
  });

  test("a GET on a kept-alive socket the app's server closed is sent again, on another socket", async () => {
    for (let i = 0; i < 6; i++) {
      const reply = await raw(port, "p1.app.localhost:1", `/page-${i}`);
      assert.notEqual(reply, "EMPTY");
      assert.equal(typeof reply === "object" && reply.status, 200);
      assert.match(typeof reply === "object" ? reply.body : "", new RegExp(`/page-${i}$`));
    }
  });

  test("a POST is not sent twice: it gets a coded 502 saying what happened", async () => {
    const warm = await raw(port, "p1.app.localhost:1", "/warm");
    assert.equal(typeof warm === "object" && warm.status, 200);
    const reply = await raw(port, "p1.app.localhost:1", "/form", { method: "POST", body: "a=1" });
    assert.notEqual(reply, "EMPTY");
    assert.equal(typeof reply === "object" && reply.status, 502);
    assert.match(typeof reply === "object" ? reply.body : "", new RegExp(APP_UNREACHABLE));
  });

  test("an app server that dies between its head and its body: 502, not an empty response", async () => {
    const reply = await raw(port, "p1.app.localhost:1", "/dies");
    assert.notEqual(reply, "EMPTY");
    assert.equal(typeof reply === "object" && reply.status, 502);
    assert.match(typeof reply === "object" ? reply.body : "", /closed the connection/);
  });

  test("stress: 64 participants' documents and scripts at once, 3 rounds: every one answered 200", async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 3; round++) {
      const replies = await Promise.all(
        Array.from({ length: 64 * 3 }, (_, i) => {
          const p = 1 + (i % 64);
          const path = i % 3 === 0 ? `/p${p}` : `/p${p}-${i}.js`;
          return raw(port, `p${p}.app.localhost:1`, path);
        }),
      );
      for (const r of replies) {
        const key = typeof r === "string" ? r : String(r.status);
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    assert.deepEqual([...outcomes], [["200", 64 * 3 * 3]]);
  });
});

describe("the harness server answers every request while its files change", () => {
  let dir: string;
  let server: HarnessServer;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "yiqi-answered-"));
    for (const name of ["harness", "demo"]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "index.html"), `<!doctype html><title>${name}</title>`);
    }
    writeFileSync(join(dir, "shim.js"), "/* shim */");
    server = await startHarnessServer({
      port: 0,
      harnessDir: join(dir, "harness"),
      demoDir: join(dir, "demo"),
      shimFile: join(dir, "shim.js"),
    });
  });

  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("a rebuild: the demo's page is missing (503, coded), then its new files are served", async () => {
    const host = `p1.demo.localhost:${server.port}`;
    rmSync(join(dir, "demo"), { recursive: true });
    const during = await raw(server.port, host, "/");
    assert.notEqual(during, "EMPTY");
    assert.equal(typeof during === "object" && during.status, 503);
    assert.match(typeof during === "object" ? during.body : "", new RegExp(FILE_UNREADABLE));
    mkdirSync(join(dir, "demo", "assets"), { recursive: true });
    writeFileSync(join(dir, "demo", "index.html"), "<!doctype html><title>rebuilt</title>");
    writeFileSync(join(dir, "demo", "assets", "new-1234.js"), "/* rebuilt */");
    const page = await raw(server.port, host, "/");
    assert.match(typeof page === "object" ? page.body : "", /rebuilt/);
    assert.deepEqual(await raw(server.port, host, "/assets/new-1234.js"), {
      status: 200,
      body: "/* rebuilt */",
    });
  });
});

describe("a failure after the head was written but before the body", () => {
  let front: Server;
  let port: number;

  before(async () => {
    front = createServer((req, res) => {
      holdHeadUntilBody(res);
      guardPipedSources(res);
      if (req.url === "/file") {
        // What the static file server does: the head, then the file, which a rebuild removed.
        res.writeHead(200, { "content-type": "text/javascript", "content-length": "5" });
        createReadStream(join(tmpdir(), "yiqi-removed-by-a-rebuild.js")).pipe(res);
      } else if (req.url === "/throws") {
        res.writeHead(200, { "content-type": "text/plain" });
        failRequest(res, new Error("boom"));
      } else if (req.url === "/bad-header") {
        try {
          res.writeHead(200, { "x-bad": "a\nb" });
          res.end("not reached");
        } catch (error) {
          failRequest(res, error);
        }
      } else if (req.url === "/implicit") {
        // No writeHead: Node writes the head itself (through writeHead) on end.
        res.statusCode = 201;
        res.setHeader("x-implicit", "yes");
        res.end("made");
      } else {
        res.writeHead(204);
        res.end();
      }
    });
    port = await listen(front);
  });

  after(async () => {
    front.closeAllConnections();
    await new Promise((r) => front.close(r));
  });

  test("a piped file that fails to open gets 503 HARNESS_FILE_UNREADABLE, not an empty response", async () => {
    const reply = await raw(port, "127.0.0.1", "/file");
    assert.notEqual(reply, "EMPTY");
    assert.equal(typeof reply === "object" && reply.status, 503);
    assert.match(typeof reply === "object" ? reply.body : "", /ENOENT.*HARNESS_FILE_UNREADABLE/);
  });

  test("a handler that fails gets the 500 naming the failure", async () => {
    const reply = await raw(port, "127.0.0.1", "/throws");
    assert.equal(typeof reply === "object" && reply.status, 500);
    assert.match(typeof reply === "object" ? reply.body : "", /boom/);
  });

  test("a held head is still sent by end() without a body", async () => {
    assert.deepEqual(await raw(port, "127.0.0.1", "/other"), { status: 204, body: "" });
  });

  test("an implicit head (statusCode and setHeader, no writeHead) is sent as Node sends it", async () => {
    const reply = await raw(port, "127.0.0.1", "/implicit");
    assert.deepEqual(reply, { status: 201, body: "made" });
  });

  test("a held head is validated at once, as Node's own writeHead does", async () => {
    const reply = await raw(port, "127.0.0.1", "/bad-header");
    assert.equal(typeof reply === "object" && reply.status, 500);
    assert.match(typeof reply === "object" ? reply.body : "", /x-bad/);
  });
});
