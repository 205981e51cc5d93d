// Attacks on the Deno Rooms server: raw frames that must not stop it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/deno";

test("placeholder: the Deno server starts and answers", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "p" }), port: 0 });
  try {
    const ws = new WebSocket(server.url, [`auth-${encodeURIComponent(btoa("p"))}`]);
    const reply = await new Promise<string>((resolve, reject) => {
      ws.onopen = () => ws.send('{"jsonrpc":"2.0","id":1,"method":"Query","params":{"path":["Share"]}}');
      ws.onmessage = (e) => resolve(String(e.data));
      ws.onerror = () => reject(new Error("socket error"));
    });
    assert.match(reply, /"error_code":0/);
    ws.close();
  } finally {
    await server.close();
  }
});
