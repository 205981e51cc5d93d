import assert from "node:assert/strict";
import { test } from "node:test";
import { WebSocketServer, type WebSocket as WsWebSocket } from "ws";
import { RoomsClient, WebSocket, type WebSocketConstructorLike } from "./node.ts";

// Type-level: the standard WebSocket class and the `ws` class both fit WebSocketConstructorLike.
export const standardFits = (ws: typeof globalThis.WebSocket): WebSocketConstructorLike => ws;
export const wsFits = (ws: typeof WsWebSocket): WebSocketConstructorLike => ws;

test("the node entry's RoomsClient talks to a real ws server and the server sees the auth- protocol", async () => {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => wss.once("listening", r));
  const seen: string[] = [];
  wss.on("connection", (socket, req) => {
    seen.push(String(req.headers["sec-websocket-protocol"]));
    socket.on("message", (data) => {
      const frame = JSON.parse(String(data)) as { id: string; method: string };
      socket.send(
        JSON.stringify({
          jsonrpc: "2.0",
          id: frame.id,
          method: frame.method,
          result: { error_code: 0, message: "", data: { cast_code: "1" } },
        }),
      );
    });
  });
  const port = (wss.address() as { port: number }).port;
  const client = new RoomsClient({ url: `ws://127.0.0.1:${port}`, password: "123456" });
  try {
    assert.deepEqual(await client.share.queryCastCode(), { cast_code: "1" });
    assert.deepEqual(seen, ["auth-MTIzNDU2"]);
    assert.equal(typeof WebSocket, "function");
  } finally {
    await client.close();
    await new Promise((r) => wss.close(r));
  }
});
