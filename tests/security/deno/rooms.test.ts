// Attacks on the Deno Rooms server (`@yiqi/mock-host/deno`) as a raw client or a web page would
// make them: hostile frames, a subprotocol list without spaces, foreign origins, credential
// stuffing, huge frames before auth.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/deno";
import {
  auth,
  codeOf,
  HOSTILE_ROOMS_FRAMES,
  ROOMS_QUERY_SHARE,
  upgradeRequest,
} from "./roomsHostileFrames.ts";

interface Session {
  ask(text: string | Uint8Array<ArrayBuffer>): Promise<string>;
  closed: Promise<{ code: number; reason: string }>;
  ws: WebSocket;
}

const open = (url: string, protocols: string[]): Promise<Session> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    const inbox: string[] = [];
    let waiter: ((t: string) => void) | undefined;
    ws.onmessage = (e) => {
      const text = String(e.data);
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w(text);
      } else inbox.push(text);
    };
    const closed = new Promise<{ code: number; reason: string }>((r) => {
      ws.onclose = (e) => r({ code: e.code, reason: e.reason });
    });
    ws.onerror = () => reject(new Error("socket error"));
    ws.onopen = () =>
      resolve({
        ws,
        closed,
        ask: (text) =>
          new Promise<string>((r, j) => {
            const timer = setTimeout(() => j(new Error("no answer")), 5000);
            const done = (t: string) => {
              clearTimeout(timer);
              r(t);
            };
            const queued = inbox.shift();
            if (queued !== undefined) done(queued);
            else waiter = done;
            ws.send(text);
          }),
      });
  });

/** A raw HTTP upgrade over TCP; resolves with the response head (and body, if any). */
const rawUpgrade = async (port: number, headers: string[]): Promise<string> => {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    await conn.write(new TextEncoder().encode(upgradeRequest(port, headers)));
    let text = "";
    const buf = new Uint8Array(8192);
    const deadline = Date.now() + 2000;
    while (Date.now() < deadline) {
      const n = await Promise.race([
        conn.read(buf),
        new Promise<null>((r) => setTimeout(() => r(null), 300)),
      ]);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
      if (text.startsWith("HTTP/1.1 101") && text.includes("\r\n\r\n")) break;
    }
    return text;
  } finally {
    conn.close();
  }
};

/** Starts `roomsServerProcess.ts` in a child Deno process; resolves once it listens. */
const spawnServer = async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "deno/roomsServerProcess.ts"],
    cwd: new URL("..", import.meta.url),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let exited = false;
  const status = child.status.then((s) => {
    exited = true;
    return s;
  });
  const stderr = new Response(child.stderr).text();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!/port \d+/.test(out)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the server process did not start: ${await stderr}`);
    out += value;
  }
  const port = Number(/port (\d+)/.exec(out)![1]);
  return {
    url: `ws://127.0.0.1:${port}`,
    alive: () => !exited,
    stderr,
    stop: async () => {
      await child.stdin.close();
      await reader.cancel();
      return await status;
    },
  };
};

test("hostile frames after auth get coded answers; the Deno server process and the connection stay up", async () => {
  const server = await spawnServer();
  try {
    const s = await open(server.url, [auth("p")]);
    for (const frame of HOSTILE_ROOMS_FRAMES) {
      const code = codeOf(await s.ask(frame));
      assert.notEqual(code, 0, frame.slice(0, 120));
      assert.notEqual(code, -32603, `internal error for ${frame.slice(0, 120)}`);
    }
    // A binary frame (not even UTF-8) is refused as an invalid request (decision 0213).
    assert.equal(codeOf(await s.ask(new Uint8Array([0xff, 0xfe, 0x00, 0x1b]))), -32600);
    assert.equal(codeOf(await s.ask(ROOMS_QUERY_SHARE)), 0);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(server.alive(), await Promise.race([server.stderr, "(alive)"]));
    const fresh = await open(server.url, [auth("p")]);
    assert.equal(codeOf(await fresh.ask(ROOMS_QUERY_SHARE)), 0);
    s.ws.close();
    fresh.ws.close();
    await Promise.all([s.closed, fresh.closed]);
  } finally {
    assert.equal((await server.stop()).success, true, "the server process ended cleanly");
  }
});

test('"Sec-WebSocket-Protocol: json,auth-…" (no space) connects and echoes the auth- protocol', async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ password: "pa?s>" }),
    port: 0,
  });
  try {
    const raw = `auth-${btoa("pa?s>")}`;
    for (const header of [`json,${raw}`, `json, ${raw}`, `${raw},json`, ` ${raw} `]) {
      const head = await rawUpgrade(server.port, [`Sec-WebSocket-Protocol: ${header}`]);
      assert.match(head, /^HTTP\/1\.1 101 /, `${header}\n${head}`);
      assert.ok(
        head.toLowerCase().includes(`sec-websocket-protocol: ${raw.toLowerCase()}\r\n`),
        head,
      );
    }
  } finally {
    await server.close();
  }
});

test("a web page's origin is refused with 403 before the upgrade; raw clients and the harness are not", async () => {
  const server = await startRoomsServer({ port: 0 });
  try {
    const evil = await rawUpgrade(server.port, ["Origin: http://evil.example"]);
    assert.match(evil, /^HTTP\/1\.1 403 /);
    assert.match(evil, /--allow-origin http:\/\/evil\.example/);
    assert.match(await rawUpgrade(server.port, []), /^HTTP\/1\.1 101 /);
    assert.match(
      await rawUpgrade(server.port, ["Origin: http://localhost:7100"]),
      /^HTTP\/1\.1 101 /,
    );
  } finally {
    await server.close();
  }
});

test("several auth- credentials are refused (4); a huge frame before auth closes with 1009", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "p" }), port: 0 });
  try {
    const many = await open(server.url, [auth("a"), auth("p")]);
    assert.equal(codeOf(await many.ask(ROOMS_QUERY_SHARE)), 4);
    assert.equal((await many.closed).code, 1008);
    const anon = await open(server.url, []);
    anon.ws.send(`{"jsonrpc":"2.0","id":1,"method":"Query","x":"${"a".repeat(16 * 1024)}"}`);
    assert.equal((await anon.closed).code, 1009);
    const s = await open(server.url, [auth("p")]);
    assert.equal(codeOf(await s.ask(ROOMS_QUERY_SHARE)), 0);
    s.ws.close();
    await s.closed;
  } finally {
    await server.close();
  }
});
