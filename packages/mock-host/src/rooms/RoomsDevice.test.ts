import assert from "node:assert/strict";
import { test } from "node:test";
import { authProtocol } from "@yiqi/rooms-rpc";
import { type RoomsConnection, RoomsDevice, type RoomsLogEntry } from "./RoomsDevice.ts";

const req = (method: string, params: Record<string, unknown> = {}, id: string | number = "1") =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

const call = (device: RoomsDevice, action: string, action_params?: Record<string, unknown>) =>
  JSON.parse(
    device.handle(req("Call/Share", action_params ? { action, action_params } : { action })),
  ).result as { error_code: number; action: string; message: string };

/** A connection whose frames are collected. */
const open = (device: RoomsDevice, password = "123456") => {
  const frames: Record<string, unknown>[] = [];
  const closes: number[] = [];
  const conn: RoomsConnection = device.connect(
    { send: (t) => frames.push(JSON.parse(t)), close: (code) => closes.push(code) },
    { protocols: [authProtocol(password)] },
  );
  return { conn, frames, closes };
};

test("responses echo id and method; Query [Share] has the share wrapper, CastCode is flat", () => {
  const device = new RoomsDevice({ castCode: "112233" });
  const all = JSON.parse(device.handle(req("Query", { path: ["Share"] }, 99)));
  assert.equal(all.id, 99);
  assert.equal(all.method, "Query");
  assert.deepEqual(all.result, {
    error_code: 0,
    message: "",
    data: {
      share: {
        share_info: { is_sharing: false, quick_casting_state: 0 },
        cast_code: "112233",
        capture_device_list: ["hdmi-in-1", "usb-capture-1"],
      },
    },
  });
  assert.deepEqual(
    JSON.parse(device.handle(req("Query", { path: ["Share", "CastCode"] }))).result.data,
    {
      cast_code: "112233",
    },
  );
});

test("input that is not JSON-RPC gets -32700 / -32600", () => {
  const device = new RoomsDevice();
  const code = (text: string) => JSON.parse(device.handle(text)).error?.code;
  assert.equal(code("{nope"), -32700);
  assert.equal(code("[]"), -32600);
  assert.equal(code("42"), -32600);
  assert.equal(code('{"jsonrpc":"1.0","id":"1","method":"Query"}'), -32600);
  assert.equal(code('{"jsonrpc":"2.0","id":null,"method":"Query"}'), -32600);
  // A notification (no id) is executed and never answered (JSON-RPC 2.0 §4.1, decision 0213).
  assert.equal(device.handle('{"jsonrpc":"2.0","method":"Query","params":{"path":["Share"]}}'), "");
  assert.equal(code('{"jsonrpc":"2.0","id":"1","method":"Query","params":[1]}'), -32600);
  assert.equal(JSON.parse(device.handle('{"jsonrpc":"2.0","id":"x1"}')).id, "x1");
});

test("SPEC B4 decisions: 10000, 1, 9, 6, 8, 17, and 4 for an unknown method", () => {
  const device = new RoomsDevice();
  assert.equal(
    call(device, "StartShare", { share_type: 0, fluency_first: true }).error_code,
    10000,
  );
  device.enterMeeting("123456789");
  assert.equal(call(device, "StopWindowShare").error_code, 1);
  assert.match(call(device, "EndQuickShare").message, /sharing/);
  assert.equal(call(device, "Teleport").error_code, 9);
  assert.equal(JSON.parse(device.handle(req("Query", { path: ["Nope"] }))).result.error_code, 6);
  assert.equal(JSON.parse(device.handle(req("Call/Nope", { action: "X" }))).result.error_code, 6);
  assert.equal(call(device, "StartShare", { share_type: 0 }).error_code, 8);
  assert.equal(
    call(device, "StartShare", { share_type: 0, fluency_first: true, select_index: 9 }).error_code,
    8,
  );
  assert.equal(call(device, "StartShare", { share_type: 0, fluency_first: true }).error_code, 0);
  assert.equal(call(device, "StartShare", { share_type: 0, fluency_first: true }).error_code, 17);
  assert.equal(
    call(device, "StartWindowShare", { share_voice: true, fluency_first: true }).error_code,
    17,
  );
  assert.equal(JSON.parse(device.handle(req("Teleport"))).result.error_code, 4);
});

test("share state records sharer, type, voice, fluency, window and capture device", () => {
  const device = new RoomsDevice({ inMeeting: true });
  assert.equal(
    call(device, "StartShare", {
      share_type: 1,
      fluency_first: false,
      share_voice: true,
      device_id: "usb-capture-1",
    }).error_code,
    0,
  );
  const share = device.state.share;
  assert.equal(share?.sharer, "rooms");
  assert.equal(share?.shareType, 1);
  assert.equal(share?.deviceId, "usb-capture-1");
  assert.equal(share?.shareVoice, true);
  assert.equal(share?.fluencyFirst, false);
  assert.equal(call(device, "StopShare").error_code, 0);
  assert.equal(
    call(device, "StartWindowShare", { share_voice: false, fluency_first: true, select_index: 2 })
      .error_code,
    0,
  );
  assert.equal(device.state.share?.selectIndex, 2);
  device.setCaptureDevices([]);
  assert.equal(call(device, "StopShare").error_code, 0);
  assert.equal(call(device, "StartShare", { share_type: 1, fluency_first: true }).error_code, 1);
});

test("quick cast: control sets state 2 in a cast meeting; EndQuickShare ends it", () => {
  const device = new RoomsDevice();
  device.setQuickCast(2);
  let share = JSON.parse(device.handle(req("Query", { path: ["Share"] }))).result.data.share;
  assert.equal(share.share_info.quick_casting_state, 2);
  assert.equal(share.share_info.share_user_info.nickname, "Quick cast laptop");
  assert.equal(device.state.meeting?.status, 4);
  assert.equal(device.state.meeting?.type, 3);
  const top = JSON.parse(
    device.handle(req("Call/Share", { action: "EndQuickShare", meeting_type: "castMeeting" })),
  );
  assert.equal(top.result.error_code, 0);
  share = JSON.parse(device.handle(req("Query", { path: ["Share"] }))).result.data.share;
  assert.deepEqual(share.share_info, { is_sharing: false, quick_casting_state: 0 });
  assert.equal(device.state.meeting, undefined);
  device.enterMeeting();
  device.setRemoteShare("Alice Chen");
  assert.equal(call(device, "CancelQuickShare", { meeting_type: "nope" }).error_code, 8);
  // Decision 0212: someone else's share is not the Rooms sharing.
  assert.match(call(device, "CancelQuickShare").message, /another participant is sharing/);
  assert.equal(device.state.share?.sharer, "remote");
});

test("gates: API disabled → 2, not logged in → 3, version gating → 9 (actions) and 6 (query)", () => {
  const device = new RoomsDevice({ version: "3.10.160", inMeeting: true });
  assert.equal(
    call(device, "StartWindowShare", { share_voice: true, fluency_first: true }).error_code,
    9,
  );
  assert.match(call(device, "OpenShareGuide").message, /3\.13\.190/);
  device.setRemoteShare("Bob Li");
  assert.equal(call(device, "EndQuickShare").error_code, 1);
  device.setVersion("3.8.0");
  assert.equal(JSON.parse(device.handle(req("Query", { path: ["Share"] }))).result.error_code, 6);
  device.setVersion("3.13.190");
  device.setLoggedIn(false);
  assert.equal(call(device, "OpenShareGuide").error_code, 3);
  device.setApiEnabled(false);
  assert.equal(call(device, "OpenShareGuide").error_code, 2);
  device.setApiEnabled(true);
  device.setLoggedIn(true);
  assert.equal(call(device, "OpenShareGuide").error_code, 0);
  assert.equal(call(device, "OpenShareGuide").error_code, 17);
  assert.equal(device.state.shareGuideOpen, true);
});

test("auth: wrong password → 16, no credential → 5, then the connection is closed with 1008", () => {
  const device = new RoomsDevice();
  const wrong = open(device, "nope");
  wrong.conn.receive(req("Query", { path: ["Share"] }, "a"));
  assert.deepEqual(wrong.frames[0]?.result, {
    error_code: 16,
    message: "control API password failed: check the password set on the Rooms",
  });
  assert.deepEqual(wrong.closes, [1008]);
  const frames: Record<string, unknown>[] = [];
  const none = device.connect(
    { send: (t) => frames.push(JSON.parse(t)), close: () => {} },
    { protocols: undefined },
  );
  none.receive(req("Query", { path: ["Share"] }, "b"));
  assert.equal((frames[0]?.result as { error_code: number } | undefined)?.error_code, 5);
  assert.equal(device.authenticate(`auth-${btoa("123456")}`), "ok");
  assert.equal(device.selectProtocol("foo, auth-x"), "auth-x");
});

test("events go only to subscribed connections, per path; subscribe path errors → 7", () => {
  const device = new RoomsDevice({ inMeeting: true });
  const a = open(device);
  const b = open(device);
  const c = open(device);
  a.conn.receive(req("Subscribe", { path: [] }, "s1"));
  b.conn.receive(req("Subscribe", { path: ["Share", "ShareGuideChanged"] }, "s2"));
  c.conn.receive(req("Subscribe", { path: ["Nope"] }, "s3"));
  assert.equal((c.frames[0]?.result as { error_code: number } | undefined)?.error_code, 7);
  c.conn.receive(req("Subscribe", { path: ["Share", "Nope"] }, "s4"));
  assert.equal((c.frames[1]?.result as { error_code: number } | undefined)?.error_code, 7);
  a.conn.receive(
    req(
      "Call/Share",
      { action: "StartShare", action_params: { share_type: 0, fluency_first: true } },
      "c1",
    ),
  );
  device.update((s) => {
    s.shareGuideOpen = true;
  });
  const events = (f: { frames: Record<string, unknown>[] }) =>
    f.frames
      .filter((x) => x.id === undefined && x.method === "Event/Share")
      .map((x) => `${x.method} ${(x.params as { sub_event: string }).sub_event}`);
  assert.deepEqual(events(a), ["Event/Share ShareInfoChanged", "Event/Share ShareGuideChanged"]);
  assert.deepEqual(events(b), ["Event/Share ShareGuideChanged"]);
  assert.deepEqual(events(c), []);
  // The response comes before the event it causes.
  assert.equal(a.frames[1]?.id, "c1");
  a.conn.receive(req("Unsubscribe", { path: [] }, "u1"));
  device.leaveMeeting();
  assert.deepEqual(events(a).length, 2);
});

test("the log is deterministic with an injected clock", () => {
  const run = () => {
    let t = 1000;
    const device = new RoomsDevice({ now: () => t++, inMeeting: true });
    const log: RoomsLogEntry[] = [];
    device.onLog((e) => log.push(e));
    const { conn } = open(device);
    conn.receive(req("Call/Share", { action: "StopShare" }, "x"));
    device.setCastCode("999");
    conn.closed();
    return log;
  };
  const first = run();
  assert.deepEqual(first, run());
  assert.deepEqual(
    first.map((e) => e.kind),
    ["open", "request", "response", "state", "close"],
  );
  assert.equal(first[0]?.at, 1000);
});

test("hostile params never throw: the toString crash, deep nesting, __proto__ keys get coded answers", () => {
  const device = new RoomsDevice({ inMeeting: true });
  device.onLog(() => {});
  const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
  const frames = [
    '{"jsonrpc":"2.0","id":1,"method":"Call/Share","params":{"action":{"toString":1}}}',
    `{"jsonrpc":"2.0","id":1,"method":"Call/Share","params":{"action":"StartShare","action_params":{"share_type":${deep}}}}`,
    `{"jsonrpc":"2.0","id":1,"method":"Call/Meeting","params":{"action":"JoinMeeting","action_params":{"meeting_code":${deep}}}}`,
    '{"jsonrpc":"2.0","id":1,"method":"Call/Share","params":{"action":"StartShare","action_params":{"__proto__":{"share_type":0,"fluency_first":true}}}}',
    `{"jsonrpc":"2.0","id":1,"method":"Query","params":{"path":${deep}}}`,
  ];
  const codes = frames.map((f) => JSON.parse(device.handle(f)).result.error_code);
  assert.deepEqual(codes, [8, 8, 8, 8, 8]);
  assert.equal(({} as Record<string, unknown>).share_type, undefined, "no prototype pollution");
  assert.equal(device.state.share, undefined);
});

test("one connection's failure closes only it: a throwing transport, a throwing log listener", () => {
  const device = new RoomsDevice({ inMeeting: true });
  device.onLog(() => {
    throw new Error("terminal gone");
  });
  const good = open(device);
  const closes: number[] = [];
  const bad = device.connect(
    {
      send: () => {
        throw new Error("socket closing");
      },
      close: (code) => {
        closes.push(code);
        throw new Error("already closed");
      },
    },
    { protocols: [authProtocol("123456")] },
  );
  bad.receive(req("Subscribe", { path: [] }, "s"));
  good.conn.receive(req("Subscribe", { path: [] }, "s"));
  good.conn.receive(
    req("Call/Share", {
      action: "StartShare",
      action_params: { share_type: 0, fluency_first: true },
    }),
  );
  // Closed once, at its first failed send; nothing more is sent to it.
  assert.deepEqual(closes, [1011]);
  assert.equal((good.frames[1]?.result as { error_code?: number } | undefined)?.error_code, 0);
  assert.ok(good.frames.slice(2).some((f) => f.method === "Event/Share"));
});

test("auth: several credentials → 4; failed attempts lock the client out (10) on the injected clock", () => {
  let now = 0;
  const device = new RoomsDevice({ now: () => now, authLimit: { freeAttempts: 2 } });
  const attempt = (password: string | string[], address = "10.0.0.7") => {
    const frames: { result: { error_code: number; message: string } }[] = [];
    const closes: number[] = [];
    const protocols = (Array.isArray(password) ? password : [password]).map((p) => authProtocol(p));
    const conn = device.connect(
      { send: (t) => frames.push(JSON.parse(t)), close: (c) => closes.push(c) },
      { protocols, address },
    );
    conn.receive(req("Query", { path: ["Share"] }));
    return { auth: conn.auth, ...frames[0]!.result, closes };
  };
  const several = attempt(["x", "123456"]);
  assert.deepEqual([several.auth, several.error_code, several.closes], ["multiple", 4, [1008]]);
  assert.equal(attempt("y").error_code, 16);
  const locked = attempt("123456");
  assert.deepEqual([locked.auth, locked.error_code], ["locked", 10]);
  assert.match(locked.message, /too frequent: .* try again in 1 s/);
  assert.equal(attempt("123456", "10.0.0.8").error_code, 0, "other clients are not locked");
  now += 1000;
  assert.equal(attempt("123456").error_code, 0);
  const forged = device.connect(
    { send: () => {}, close: () => {} },
    {
      protocols: [],
      admission: { auth: "ok", protocol: undefined, retryAfterMs: 0, client: "forged" },
    },
  );
  assert.equal(forged.auth, "missing", "a transport cannot forge an admission");
  const off = new RoomsDevice({ authLimit: false });
  for (let i = 0; i < 20; i++) off.admit({ protocols: [authProtocol("no")], address: "1.2.3.4" });
  assert.equal(off.admit({ protocols: [authProtocol("123456")], address: "1.2.3.4" }).auth, "ok");
});
