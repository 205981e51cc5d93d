import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { authProtocol } from "@yiqi/rooms-rpc";
import { RoomsClient } from "@yiqi/rooms-rpc/node";
import { WebSocket } from "ws";
import { startRoomsServer } from "./node.ts";
import { RoomsDevice } from "./rooms/RoomsDevice.ts";

/** Sends a raw HTTP upgrade and returns the response head (and body). */
const rawHandshake = (port: number, protocol: string, extra: string[] = []): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        [
          "GET / HTTP/1.1",
          `Host: 127.0.0.1:${port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
          "Sec-WebSocket-Version: 13",
          `Sec-WebSocket-Protocol: ${protocol}`,
          ...extra,
          "",
          "",
        ].join("\r\n"),
      );
    });
    let head = "";
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      if (head.startsWith("HTTP/1.1 101") && head.includes("\r\n\r\n")) {
        socket.destroy();
        resolve(head);
      }
    });
    socket.on("end", () => resolve(head));
    socket.on("error", reject);
  });

test("the Node server accepts the raw btoa credential (not a token) and echoes it verbatim", async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ password: "pa?s>" }),
    port: 0,
  });
  try {
    const raw = `auth-${btoa("pa?s>")}`;
    assert.match(raw, /[/=]/);
    const head = await rawHandshake(server.port, raw);
    assert.match(head, /^HTTP\/1\.1 101/);
    assert.ok(head.includes(`Sec-WebSocket-Protocol: ${raw}\r\n`), head);
  } finally {
    await server.close();
  }
});

test("the Node server listens on loopback by default, answers plain HTTP with 426, logs traffic", async () => {
  const device = new RoomsDevice({ inMeeting: true });
  const kinds: string[] = [];
  device.onLog((e) => kinds.push(e.kind));
  const server = await startRoomsServer({ device, port: 0 });
  try {
    assert.equal(server.host, "127.0.0.1");
    assert.equal(server.url, `ws://127.0.0.1:${server.port}`);
    const res = await fetch(`http://127.0.0.1:${server.port}/`);
    assert.equal(res.status, 426);
    await res.text();
    const client = new RoomsClient({ url: server.url, password: "123456" });
    await client.share.startShare({ share_type: 0, fluency_first: true });
    assert.equal((await client.share.query()).share.share_info.is_sharing, true);
    await client.close();
    assert.deepEqual(kinds.slice(0, 3), ["open", "request", "response"]);
  } finally {
    await server.close();
  }
});

test("closing the server closes client connections", async () => {
  const server = await startRoomsServer({ port: 0 });
  const client = new RoomsClient({ url: server.url, password: "123456" });
  await client.connect();
  const closed = new Promise<string>((resolve) =>
    client.onStatus((s) => s === "closed" && resolve(s)),
  );
  await server.close();
  assert.equal(await closed, "closed");
  await client.close();
});

test("the Node server refuses foreign origins with 403 (logged), accepts no Origin, validates options", async () => {
  const device = new RoomsDevice();
  const log: string[] = [];
  device.onLog((e) => log.push(`${e.kind} ${e.text}`));
  const server = await startRoomsServer({ device, port: 0 });
  try {
    const evil = await rawHandshake(server.port, "auth-MTIzNDU2", ["Origin: https://evil.example"]);
    assert.match(evil, /^HTTP\/1\.1 403 Forbidden\r\n/);
    assert.match(evil, /content-type: text\/plain/i);
    assert.match(evil, /--allow-origin https:\/\/evil\.example/);
    assert.match(
      log.join("\n"),
      /^refused 127\.0\.0\.1:\d+ refused: origin "https:\/\/evil\.example"/m,
    );
    assert.match(await rawHandshake(server.port, "auth-MTIzNDU2"), /^HTTP\/1\.1 101/);
  } finally {
    await server.close();
  }
  await assert.rejects(
    startRoomsServer({ port: 0, allowedOrigins: ["evil.example"] }),
    (e: Error & { code?: string }) =>
      e.code === "INVALID_ARGUMENT" && /scheme:\/\/host/.test(e.message),
  );
  await assert.rejects(
    startRoomsServer({ port: 0, maxPayload: 0 }),
    (e: Error & { code?: string }) => e.code === "INVALID_ARGUMENT",
  );
});

test("the Node server reads small frames before auth (1009) and maxPayload after", async () => {
  const server = await startRoomsServer({
    port: 0,
    maxUnauthenticatedPayload: 100,
    maxPayload: 300,
  });
  try {
    const closeCode = async (password: string | undefined, frame: string) => {
      const ws = new WebSocket(server.url, password === undefined ? [] : [authProtocol(password)]);
      await new Promise((r) => ws.once("open", r));
      ws.send(frame);
      return await new Promise<number>((r) => ws.once("close", (code) => r(code)));
    };
    assert.equal(await closeCode(undefined, "x".repeat(101)), 1009);
    assert.equal(await closeCode("123456", "x".repeat(301)), 1009);
    // Within the limit, an unauthenticated frame gets its in-band answer and 1008.
    assert.equal(await closeCode(undefined, "x".repeat(100)), 1008);
  } finally {
    await server.close();
  }
});
