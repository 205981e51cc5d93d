import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { WebSocket, WebSocketServer } from "ws";
import { ATTACH_PROBE_ID, attachRooms, RemoteRoomsError } from "./roomsRemote.ts";

const Socket = WebSocket as unknown as typeof globalThis.WebSocket;

test("attachRooms: requests over a running device's socket get their reply; pushed frames are seen", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "pw" }), port: 0 });
  const frames: string[] = [];
  const rooms = await attachRooms({
    url: server.url,
    password: "pw",
    WebSocket: Socket,
    onFrame: (d, t) => frames.push(`${d} ${t}`),
  });
  try {
    const reply = await rooms.request(
      '{"jsonrpc":"2.0","id":"7","method":"Query","params":{"path":["Share"]}}',
    );
    assert.equal(JSON.parse(reply ?? "{}").id, "7");
    assert.ok(frames.some((f) => f.startsWith('-> {"jsonrpc"')));
    assert.ok(frames.some((f) => f.startsWith("<- ") && /"id":\s*"7"/.test(f)));
    await assert.rejects(rooms.console("state"), /start the device with yiqi rooms --control-port/);
  } finally {
    rooms.close();
    await server.close();
  }
});

test("attachRooms: a refused page or a closed port rejects with every cause and its fix", async () => {
  const server = await startRoomsServer({ port: 0 });
  const { port } = server;
  await server.close();
  await assert.rejects(
    attachRooms({
      url: `ws://127.0.0.1:${port}`,
      password: "123456",
      WebSocket: Socket,
      origin: "http://127.0.0.1:7200",
    }),
    (e: Error) =>
      e instanceof RemoteRoomsError &&
      /yiqi rooms --allow-origin http:\/\/127\.0\.0\.1:7200/.test(e.message) &&
      /no device listens there/.test(e.message),
  );
  await assert.rejects(
    attachRooms({ url: "http://127.0.0.1:6295", password: "x", WebSocket: Socket }),
    /must be a ws: or wss:\/\/ URL/,
  );
});

test("attachRooms: console lines and state go to the console URL with the password", async () => {
  const device = await startRoomsServer({ port: 0 });
  const seen: { path?: string; auth?: string; body: string }[] = [];
  const stub = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ path: req.url, auth: req.headers.authorization, body });
      if (req.url === "/state") res.end('{"loggedIn":true}');
      else if (req.url === "/console") res.end('{"lines":["meeting: 123456789"],"quit":false}');
      else res.writeHead(401).end("Send the device's password");
    });
  });
  await new Promise<void>((r) => stub.listen(0, "127.0.0.1", () => r()));
  const controlUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/`;
  const rooms = await attachRooms({
    url: device.url,
    password: "123456",
    controlUrl,
    WebSocket: Socket,
  });
  try {
    assert.deepEqual(await rooms.console("meeting on 123456789"), ["meeting: 123456789"]);
    assert.deepEqual(await rooms.state(), { loggedIn: true });
    assert.deepEqual(seen[0], {
      path: "/console",
      auth: "Bearer 123456",
      body: "meeting on 123456789",
    });
    assert.equal(seen[1]?.path, "/state");
  } finally {
    rooms.close();
    await device.close();
    await new Promise<void>((r) => stub.close(() => r()));
  }
});

test("regression: a request in flight when the device closes rejects at once, not after its timeout", {
  timeout: 10_000,
}, async () => {
  // A device that takes the request and closes without answering (it stopped, it crashed).
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  // It answers the attach's password probe (a read of Share), then dies on the next request.
  server.on("connection", (ws) =>
    ws.on("message", (data) => {
      const { id, method } = JSON.parse(String(data)) as { id: string; method: string };
      if (id === ATTACH_PROBE_ID)
        ws.send(JSON.stringify({ jsonrpc: "2.0", method, id, result: { error_code: 0 } }));
      else ws.close(1001, "going away");
    }),
  );
  await new Promise<void>((r) => server.once("listening", () => r()));
  const { port } = server.address() as AddressInfo;
  let closed = "";
  const rooms = await attachRooms({
    url: `ws://127.0.0.1:${port}`,
    password: "pw",
    WebSocket: Socket,
    timeoutMs: 60_000,
    onClose: (why) => (closed = why),
  });
  try {
    await assert.rejects(
      rooms.request('{"jsonrpc":"2.0","id":"9","method":"Query","params":{"path":["Share"]}}'),
      (e: Error) =>
        e instanceof RemoteRoomsError &&
        /No reply to id "9": the device closed the connection \(code 1001: going away\)/.test(
          e.message,
        ),
    );
    assert.match(closed, /code 1001/);
  } finally {
    rooms.close();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test("regression: a console that answers something other than its JSON is BAD_ANSWER quoting it, not a raw SyntaxError", async () => {
  const device = await startRoomsServer({ port: 0 });
  // Another server on the console port: an HTML page, and JSON of the wrong shape.
  const stub = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url === "/state")
        res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>harness");
      else res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => stub.listen(0, "127.0.0.1", () => r()));
  const rooms = await attachRooms({
    url: device.url,
    password: "123456",
    controlUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
    WebSocket: Socket,
  });
  try {
    await assert.rejects(
      rooms.state(),
      (e: Error) =>
        e instanceof RemoteRoomsError &&
        e.code === "BAD_ANSWER" &&
        /GET \/state is not JSON \(text\/html: "<!doctype html><p>harness"\)/.test(e.message) &&
        /yiqi rooms --control-port N/.test(e.message),
    );
    await assert.rejects(
      rooms.console("state"),
      (e: Error) =>
        e instanceof RemoteRoomsError &&
        e.code === "BAD_ANSWER" &&
        /POST \/console is not what yiqi rooms sends/.test(e.message),
    );
  } finally {
    rooms.close();
    await device.close();
    await new Promise<void>((r) => stub.close(() => r()));
  }
});

test("attachRooms: a wrong password fails the attach with the device's code, not the first request", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "pw" }), port: 0 });
  const frames: string[] = [];
  try {
    await assert.rejects(
      attachRooms({
        url: server.url,
        password: "not-it",
        WebSocket: Socket,
        onFrame: (d, t) => frames.push(`${d} ${t}`),
      }),
      (e: Error) =>
        e instanceof RemoteRoomsError &&
        e.code === "ATTACH_FAILED" &&
        /refused the password \(error_code 16/.test(e.message) &&
        /yiqi rooms --password/.test(e.message),
    );
    // The probe is a read, logged like any request.
    assert.ok(frames.some((f) => f.includes('"id":"yiqi-attach"') && f.includes('"Query"')));
  } finally {
    await server.close();
  }
});
