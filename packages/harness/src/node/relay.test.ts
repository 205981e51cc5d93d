import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";
import { createRelay, type Relay } from "./relay.ts";

type Opened = { ws: WebSocket; got: string[] } | { status: number; body: string };

describe("relay quotas and backpressure", () => {
  let relay: Relay;
  let server: Server;
  let port: number;

  before(async () => {
    relay = createRelay({
      maxRoomsPerApp: 3,
      maxSocketsPerApp: 5,
      maxPerRoom: 2,
      maxSockets: 8,
      maxBufferedBytes: 64 * 1024,
      dropGraceMs: 200,
    });
    server = createServer();
    server.on("upgrade", (req, socket, head) => {
      const url = new URL(req.url ?? "/", "http://x");
      relay.handleUpgrade(
        req,
        socket,
        head,
        url.searchParams.get("app") ?? "",
        url.searchParams.get("room"),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });

  after(async () => {
    relay.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const open = (app: string, room: string): Promise<Opened> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/?app=${app}&room=${room}`);
      const got: string[] = [];
      ws.on("message", (m) => got.push(String(m)));
      ws.on("open", () => resolve({ ws, got }));
      ws.on("unexpected-response", (_q, res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on("error", reject);
    });
  const sockets = (xs: Opened[]): WebSocket[] => xs.flatMap((x) => ("ws" in x ? [x.ws] : []));

  test("rooms, sockets per room and per app are capped per app; other apps still get in", async () => {
    const a = [await open("a", "r1"), await open("a", "r1")];
    const full = await open("a", "r1");
    assert.ok("status" in full && full.status === 503 && /room r1 is full/.test(full.body));
    a.push(await open("a", "r2"), await open("a", "r3"));
    const rooms = await open("a", "r4");
    assert.ok("status" in rooms && rooms.status === 503 && /3 rooms open/.test(rooms.body));
    a.push(await open("a", "r3"));
    const perApp = await open("a", "r2");
    assert.ok("status" in perApp && perApp.status === 503 && /5 relay sockets/.test(perApp.body));
    const b = [await open("b", "r1"), await open("b", "r2"), await open("b", "r3")];
    assert.equal(sockets(b).length, 3, "app b is not locked out by app a");
    const total = await open("c", "r1");
    assert.ok("status" in total && /8 sockets in all/.test(total.body), "the global backstop");
    const bad = await open("c", "");
    assert.ok("status" in bad && bad.status === 400 && /\?room=/.test(bad.body));
    for (const ws of sockets([...a, ...b])) ws.terminate();
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(relay.rooms(), {}, "rooms are freed when their sockets close");
  });

  test("a peer that does not read is dropped (1013) instead of buffered without bound", async () => {
    const sender = await open("d", "r");
    assert.ok("ws" in sender);
    const stalled = connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => {
      stalled.once("data", () => resolve());
      stalled.write(
        "GET /?app=d&room=r HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
      );
    });
    stalled.pause();
    const message = Buffer.alloc(32 * 1024, 0x61);
    const total = 48 * 1024 * 1024;
    for (let sent = 0; sent < total; sent += message.length) {
      sender.ws.send(message);
      if (sent % (2 * 1024 * 1024) === 0) await new Promise((r) => setTimeout(r, 10));
      if (!("d:r" in relay.rooms()) || relay.rooms()["d:r"] === 1) break;
    }
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(relay.rooms(), { "d:r": 1 }, "the stalled peer left the room");
    let delivered = 0;
    const closed = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5000);
      stalled.on("data", (c: Buffer) => {
        delivered += c.length;
      });
      stalled.on("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
      stalled.resume();
    });
    assert.ok(closed, "and was disconnected");
    assert.ok(delivered < total / 4, `${delivered} of ${total} bytes were queued for it`);
    sender.ws.terminate();
  });
});
