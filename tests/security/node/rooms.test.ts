// Attacks on the Node Rooms server (`@yiqi/mock-host/node`) as a raw client or a web page would
// make them: hostile frames, foreign origins, credential stuffing, brute force, huge frames.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { WebSocket } from "ws";
import {
  auth,
  codeOf,
  HOSTILE_ROOMS_FRAMES,
  ROOMS_QUERY_SHARE,
  upgradeRequest,
} from "../deno/roomsHostileFrames.ts";

interface Session {
  /** Sends one frame and resolves with the next frame received. */
  ask(text: string): Promise<string>;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  ws: WebSocket;
}

const open = (url: string, protocols: string[], origin?: string): Promise<Session> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, origin !== undefined ? { origin } : {});
    const inbox: string[] = [];
    let waiter: ((t: string) => void) | undefined;
    ws.on("message", (data) => {
      const text = data.toString();
      if (waiter) {
        const w = waiter;
        waiter = undefined;
        w(text);
      } else inbox.push(text);
    });
    const closed = new Promise<{ code: number; reason: string }>((r) =>
      ws.on("close", (code, reason) => r({ code, reason: reason.toString() })),
    );
    ws.on("error", reject);
    ws.on("open", () =>
      resolve({
        ws,
        closed,
        ask: (text) =>
          new Promise<string>((r, j) => {
            const timer = setTimeout(() => j(new Error(`no answer to ${text.slice(0, 80)}`)), 5000);
            const done = (t: string) => {
              clearTimeout(timer);
              r(t);
            };
            const queued = inbox.shift();
            if (queued !== undefined) done(queued);
            else waiter = done;
            ws.send(text);
          }),
      }),
    );
  });

/** A raw HTTP upgrade; resolves with the whole response the server sent before closing. */
const rawUpgrade = (port: number, headers: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(upgradeRequest(port, headers)));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(text);
    }, 1000);
    socket.on("data", (chunk) => {
      text += chunk.toString("latin1");
      if (text.startsWith("HTTP/1.1 101") && text.includes("\r\n\r\n")) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.on("end", () => {
      clearTimeout(timer);
      resolve(text);
    });
    socket.on("error", reject);
  });

test("hostile frames after auth get coded answers; the server and the connection stay up", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "p" }), port: 0 });
  try {
    const s = await open(server.url, [auth("p")]);
    for (const frame of HOSTILE_ROOMS_FRAMES) {
      const code = codeOf(await s.ask(frame));
      assert.notEqual(code, 0, frame.slice(0, 120));
      assert.notEqual(code, -32603, `internal error for ${frame.slice(0, 120)}`);
    }
    // A binary frame (not even UTF-8) is refused as an invalid request (decision 0213).
    s.ws.send(new Uint8Array([0xff, 0xfe, 0x00, 0x1b]));
    assert.equal(codeOf(await s.ask(ROOMS_QUERY_SHARE)), -32600);
    assert.equal(codeOf(await s.ask(ROOMS_QUERY_SHARE)), 0);
    const fresh = await open(server.url, [auth("p")]);
    assert.equal(codeOf(await fresh.ask(ROOMS_QUERY_SHARE)), 0);
    s.ws.close();
    fresh.ws.close();
  } finally {
    await server.close();
  }
});

test("a web page's origin is refused with 403 and how to allow it; raw clients and the harness are not", async () => {
  const server = await startRoomsServer({ port: 0 });
  const opened = await startRoomsServer({ port: 0, allowedOrigins: ["https://app.example"] });
  try {
    const evil = await rawUpgrade(server.port, [
      "Origin: http://evil.example",
      `Sec-WebSocket-Protocol: ${auth("123456")}`,
    ]);
    assert.match(evil, /^HTTP\/1\.1 403 /);
    assert.match(evil, /--allow-origin http:\/\/evil\.example/);
    assert.match(evil, /allowedOrigins/);
    const none = await rawUpgrade(server.port, [`Sec-WebSocket-Protocol: ${auth("123456")}`]);
    assert.match(none, /^HTTP\/1\.1 101 /);
    for (const origin of ["http://127.0.0.1:7100", "http://localhost:7100"]) {
      const harness = await rawUpgrade(server.port, [`Origin: ${origin}`]);
      assert.match(harness, /^HTTP\/1\.1 101 /, origin);
    }
    assert.match(await rawUpgrade(server.port, ["Origin: null"]), /^HTTP\/1\.1 403 /);
    assert.match(
      await rawUpgrade(opened.port, ["Origin: https://app.example"]),
      /^HTTP\/1\.1 101 /,
    );
    assert.match(
      await rawUpgrade(opened.port, ["Origin: http://127.0.0.1:7100"]),
      /^HTTP\/1\.1 403 /,
    );
    // A ws client claiming a page origin, end to end.
    await assert.rejects(open(server.url, [auth("123456")], "http://evil.example"), /403/);
  } finally {
    await server.close();
    await opened.close();
  }
});

test("one handshake offers one credential: several auth- protocols are refused, even with the right one", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "p" }), port: 0 });
  try {
    const s = await open(server.url, [auth("a"), auth("b"), auth("p")]);
    const reply = JSON.parse(await s.ask(ROOMS_QUERY_SHARE));
    assert.equal(reply.result.error_code, 4);
    assert.match(reply.result.message, /exactly one auth- subprotocol/);
    assert.equal((await s.closed).code, 1008);
  } finally {
    await server.close();
  }
});

test("brute force: failed passwords lock the client out (10), even the right one, until the backoff ends", async () => {
  let now = 0;
  const device = new RoomsDevice({ password: "314159", now: () => now });
  const server = await startRoomsServer({ device, port: 0 });
  try {
    const codes: number[] = [];
    for (let guess = 0; guess < 12; guess++) {
      const s = await open(server.url, [auth(String(guess).padStart(6, "0"))]);
      codes.push(JSON.parse(await s.ask(ROOMS_QUERY_SHARE)).result.error_code);
      await s.closed;
    }
    assert.deepEqual(codes.slice(0, 5), [16, 16, 16, 16, 16]);
    assert.deepEqual(new Set(codes.slice(5)), new Set([10]));
    const locked = await open(server.url, [auth("314159")]);
    const answer = JSON.parse(await locked.ask(ROOMS_QUERY_SHARE)).result;
    assert.equal(answer.error_code, 10);
    assert.match(answer.message, /try again in \d+ s/);
    now += 60 * 60_000;
    const right = await open(server.url, [auth("314159")]);
    assert.equal(codeOf(await right.ask(ROOMS_QUERY_SHARE)), 0);
    right.ws.close();
  } finally {
    await server.close();
  }
});

test("frames are small before auth (1009) and bounded after it", async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ password: "p" }),
    port: 0,
    maxPayload: 64 * 1024,
  });
  try {
    const anon = await open(server.url, []);
    anon.ws.send(`{"jsonrpc":"2.0","id":1,"method":"Query","x":"${"a".repeat(16 * 1024)}"}`);
    assert.equal((await anon.closed).code, 1009);
    const s = await open(server.url, [auth("p")]);
    const big = `{"jsonrpc":"2.0","id":1,"method":"Query","params":{"path":["Share"]},"x":"${"a".repeat(32 * 1024)}"}`;
    assert.equal(codeOf(await s.ask(big)), 0);
    s.ws.send("a".repeat(128 * 1024));
    assert.equal((await s.closed).code, 1009);
    const fresh = await open(server.url, [auth("p")]);
    assert.equal(codeOf(await fresh.ask(ROOMS_QUERY_SHARE)), 0);
    fresh.ws.close();
  } finally {
    await server.close();
  }
});
