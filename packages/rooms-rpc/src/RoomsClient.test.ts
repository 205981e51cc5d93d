import assert from "node:assert/strict";
import { test } from "node:test";
import { authProtocol, passwordFromProtocol } from "./auth.ts";
import { describeErrorCode } from "./errorCodes.ts";
import { actionSince, RoomsClient, type WebSocketLike } from "./RoomsClient.ts";
import { RoomsError } from "./RoomsError.ts";
import { SHARE_ACTIONS } from "./share.ts";
import { compareVersions } from "./version.ts";

type Listener = (event: never) => void;

/** An in-memory WebSocket: `server` decides what each sent frame gets back. */
class FakeSocket implements WebSocketLike {
  static instances: FakeSocket[] = [];
  static refuse = false;
  static server: (frame: Record<string, unknown>, socket: FakeSocket) => void = () => {};
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  readonly listeners = new Map<string, Listener[]>();
  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    FakeSocket.instances.push(this);
    setTimeout(() => {
      if (FakeSocket.refuse) return this.drop(1006);
      this.readyState = 1;
      this.emit("open", {});
    }, 1);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: unknown): void {
    for (const l of this.listeners.get(type) ?? []) (l as (e: unknown) => void)(event);
  }
  send(data: string): void {
    const frame = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(frame);
    FakeSocket.server(frame, this);
  }
  reply(frame: Record<string, unknown>, result: Record<string, unknown>): void {
    this.emit("message", {
      data: JSON.stringify({ jsonrpc: "2.0", id: frame.id, method: frame.method, result }),
    });
  }
  push(message: unknown): void {
    this.emit("message", { data: JSON.stringify(message) });
  }
  drop(code = 1006): void {
    this.readyState = 3;
    this.emit("close", { code, reason: "" });
  }
  close(code = 1000): void {
    if (this.readyState === 3) return;
    setTimeout(() => this.drop(code), 0);
  }
}

const okServer = (frame: Record<string, unknown>, socket: FakeSocket): void => {
  const params = frame.params as { action?: string };
  socket.reply(frame, {
    error_code: 0,
    message: "",
    ...(params.action ? { action: params.action } : {}),
    ...(frame.method === "Query" ? { data: { cast_code: "42" } } : {}),
  });
};

const client = (extra: Partial<ConstructorParameters<typeof RoomsClient>[0]> = {}): RoomsClient => {
  FakeSocket.instances = [];
  FakeSocket.refuse = false;
  FakeSocket.server = okServer;
  return new RoomsClient({
    url: "ws://rooms.test:6295",
    password: "p@ss/=",
    WebSocket: FakeSocket,
    ...extra,
  });
};

test("auth- subprotocol: URL-encoded btoa by default, raw on request; both decode", () => {
  assert.equal(authProtocol("123456"), "auth-MTIzNDU2");
  assert.equal(authProtocol("ab?"), `auth-${encodeURIComponent(btoa("ab?"))}`);
  assert.equal(authProtocol("ab?", { urlEncode: false }), `auth-${btoa("ab?")}`);
  for (const p of ["ab?", "密码", "s3cret/+="]) {
    assert.equal(passwordFromProtocol(authProtocol(p)), p);
    assert.equal(passwordFromProtocol(authProtocol(p, { urlEncode: false })), p);
  }
  assert.equal(passwordFromProtocol("other"), undefined);
  assert.equal(passwordFromProtocol("auth-%%%"), undefined);
});

test("the client offers the auth- protocol and sends JSON-RPC with caller-chosen unique ids", async () => {
  const c = client();
  const data = await c.query<{ cast_code: string }>(["Share", "CastCode"], { id: "mine-1" });
  assert.deepEqual(data, { cast_code: "42" });
  const socket = FakeSocket.instances[0]!;
  assert.deepEqual(socket.protocols, [authProtocol("p@ss/=")]);
  assert.deepEqual(socket.sent[0], {
    jsonrpc: "2.0",
    id: "mine-1",
    method: "Query",
    params: { path: ["Share", "CastCode"] },
  });
  await c.share.startShare({ share_type: 1, fluency_first: true, device_id: "hdmi" });
  assert.deepEqual(socket.sent[1]?.params, {
    action: "StartShare",
    action_params: { share_type: 1, fluency_first: true, device_id: "hdmi" },
  });
  await c.share.stopShare();
  assert.deepEqual(socket.sent[2]?.params, { action: "StopShare" });
  assert.notEqual(socket.sent[1]?.id, socket.sent[2]?.id);
  await c.close();
});

test("a duplicate in-flight id is refused locally", async () => {
  const c = client();
  FakeSocket.server = () => {};
  const first = c.query(["Share"], { id: 7, timeoutMs: 200 });
  await assert.rejects(
    c.query(["Share"], { id: 7 }),
    (e: RoomsError) => e.code === "INVALID_ARGUMENT",
  );
  await assert.rejects(first, (e: RoomsError) => e.code === "TIMEOUT");
  await c.close();
});

test("a non-zero error_code rejects with RoomsError naming code, meaning, action and message", async () => {
  const c = client();
  FakeSocket.server = (frame, socket) =>
    socket.reply(frame, { error_code: 10000, action: "StopShare", message: "not in a meeting" });
  const error = await c.share.stopShare().then(
    () => assert.fail("should reject"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RoomsError);
  assert.equal(error.code, "DEVICE");
  assert.equal(error.errorCode, 10000);
  assert.equal(error.errorName, "NOT_IN_MEETING");
  assert.equal(error.errorMeaning, describeErrorCode(10000).meaning);
  assert.equal(error.action, "StopShare");
  assert.equal(error.method, "Call/Share");
  assert.equal(error.deviceMessage, "not in a meeting");
  assert.match(error.message, /StopShare.*10000 NOT_IN_MEETING/);
  await c.close();
});

test("request() returns the in-band result whatever its code; JSON-RPC errors reject", async () => {
  const c = client();
  FakeSocket.server = (frame, socket) =>
    socket.reply(frame, { error_code: 6, message: "bad path" });
  assert.deepEqual(await c.request("Query", { path: ["Nope"] }), {
    error_code: 6,
    message: "bad path",
  });
  FakeSocket.server = (frame, socket) =>
    socket.push({
      jsonrpc: "2.0",
      id: frame.id,
      error: { code: -32600, message: "Invalid Request" },
    });
  await assert.rejects(
    c.request("Query", {}),
    (e: RoomsError) => e.code === "JSON_RPC" && e.errorName === "INVALID_REQUEST",
  );
  await c.close();
});

test("timeouts and AbortSignal reject with TIMEOUT and ABORTED", async () => {
  const c = client({ timeoutMs: 30 });
  FakeSocket.server = () => {};
  await assert.rejects(
    c.share.query(),
    (e: RoomsError) => e.code === "TIMEOUT" && /30 ms/.test(e.message),
  );
  const ac = new AbortController();
  const pending = c.share.openShareGuide({ signal: ac.signal, timeoutMs: 5000 });
  ac.abort();
  await assert.rejects(
    pending,
    (e: RoomsError) => e.code === "ABORTED" && e.action === "OpenShareGuide",
  );
  await assert.rejects(
    c.share.closeShareGuide({ signal: AbortSignal.abort() }),
    (e: RoomsError) => e.code === "ABORTED",
  );
  assert.equal(c.inFlight, 0);
  await c.close();
});

test("a socket closing with calls in flight rejects them with CLOSED", async () => {
  const c = client();
  FakeSocket.server = () => {};
  await c.connect();
  const calls = [c.share.query(), c.share.stopShare(), c.meeting.leave()];
  await new Promise((r) => setTimeout(r, 5));
  FakeSocket.instances[0]!.drop(1006);
  for (const call of calls)
    await assert.rejects(
      call,
      (e: RoomsError) => e.code === "CLOSED" && /code 1006.*in flight/.test(e.message),
    );
  assert.equal(c.status, "closed");
  // Without reconnect the next call opens a new socket.
  FakeSocket.server = okServer;
  await c.share.stopShare();
  assert.equal(FakeSocket.instances.length, 2);
  await c.close();
  await assert.rejects(c.share.query(), (e: RoomsError) => e.code === "CLOSED");
});

test("connect failures reject with CONNECT_FAILED; a missing WebSocket with NO_WEBSOCKET", async () => {
  const c = client();
  FakeSocket.refuse = true;
  await assert.rejects(c.share.query(), (e: RoomsError) => e.code === "CONNECT_FAILED");
  const g = globalThis as { WebSocket?: unknown };
  const saved = g.WebSocket;
  g.WebSocket = undefined;
  try {
    const bare = new RoomsClient({ url: "ws://x", password: "p" });
    await assert.rejects(bare.share.query(), (e: RoomsError) => e.code === "NO_WEBSOCKET");
  } finally {
    g.WebSocket = saved;
  }
});

test("reconnect with backoff re-subscribes and serves calls made while reconnecting", async () => {
  const c = client({ reconnect: { minDelayMs: 5, maxDelayMs: 20 } });
  const statuses: string[] = [];
  c.onStatus((s) => statuses.push(s));
  await c.subscribe(["Share"]);
  FakeSocket.instances[0]!.drop(1006);
  assert.equal(c.status, "reconnecting");
  const during = c.share.queryCastCode();
  assert.deepEqual(await during, { cast_code: "42" });
  assert.equal(FakeSocket.instances.length, 2);
  const resent = FakeSocket.instances[1]!.sent.find((f) => f.method === "Subscribe");
  assert.deepEqual(resent?.params, { path: ["Share"] });
  assert.deepEqual(statuses, ["connecting", "open", "reconnecting", "open"]);
  await c.close();
});

test("typed event listeners receive Event/<Module> pushes; removal works", async () => {
  const c = client();
  await c.subscribe([]);
  const seen: string[] = [];
  const off = c.on("Share", (e) => {
    if (e.sub_event === "ShareInfoChanged") seen.push(`share ${e.share_info.is_sharing}`);
  });
  c.on("*", (e, module) => seen.push(`* ${module} ${e.sub_event}`));
  const socket = FakeSocket.instances[0]!;
  socket.push({
    jsonrpc: "2.0",
    method: "Event/Share",
    params: {
      sub_event: "ShareInfoChanged",
      share_info: { is_sharing: true, quick_casting_state: 0 },
    },
  });
  off();
  socket.push({
    jsonrpc: "2.0",
    method: "Event/Share",
    params: { sub_event: "ShareGuideChanged", is_open: true },
  });
  assert.deepEqual(seen, ["share true", "* Share ShareInfoChanged", "* Share ShareGuideChanged"]);
  await c.close();
});

test("every action knows its Rooms version; roomsVersion gates newer actions locally", async () => {
  assert.equal(actionSince("Share", "StartShare"), "3.13.190");
  assert.equal(actionSince("Share", "StartWindowShare"), "3.11.170");
  assert.equal(actionSince("Share", "EndQuickShare"), "3.10.160");
  assert.equal(Object.keys(SHARE_ACTIONS).length, 8);
  assert.equal(compareVersions("3.9.0", "3.13.190"), -1);
  assert.equal(compareVersions("3.13.190", "3.13.190"), 0);
  const c = client({ roomsVersion: "3.11.170" });
  await assert.rejects(
    c.share.startShare({ share_type: 0, fluency_first: true }),
    (e: RoomsError) => e.code === "UNSUPPORTED_VERSION" && /3\.13\.190/.test(e.message),
  );
  await c.share.startWindowShare({ share_voice: true, fluency_first: false });
  assert.equal(FakeSocket.instances[0]?.sent.length, 1);
  await c.close();
});
