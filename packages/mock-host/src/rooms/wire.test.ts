import assert from "node:assert/strict";
import { test } from "node:test";
import { authProtocol } from "@yiqi/rooms-rpc";
import { RoomsDevice } from "./RoomsDevice.ts";
import { stringifyDevice } from "./wire.ts";

const req = (method: string, params: Record<string, unknown>, id: string | number = "x") =>
  JSON.stringify({ jsonrpc: "2.0", id, method, params });

test("the device's bytes: jsonrpc, method, id, result; Python separators; error_code first", () => {
  const device = new RoomsDevice({ castCode: "112233" });
  assert.equal(
    device.handle(req("Query", { path: ["Share", "CastCode"] })),
    '{"jsonrpc": "2.0", "method": "Query", "id": "x", "result": {"error_code": 0, "message": "成功", "data": {"cast_code": "112233"}}}',
  );
  assert.equal(
    device.handle(req("Call/Share", { action: "StopShare" }, 7)),
    '{"jsonrpc": "2.0", "method": "Call/Share", "id": 7, "result": {"error_code": 10000, "action": "StopShare", "message": "precondition failed: StopShare needs the Rooms to be in a meeting"}}',
  );
  assert.equal(
    device.handle(req("Query", { path: ["Meeting", "MeetingInfo"] }, "Meeting Status")),
    '{"jsonrpc": "2.0", "method": "Query", "id": "Meeting Status", "result": {"error_code": 0, "message": "", "data": {"meeting_info": {"meeting_status": 0}}}}',
  );
  assert.equal(
    device.handle("{nope").slice(0, 57),
    '{"jsonrpc": "2.0", "id": null, "error": {"code": -32700, ',
  );
});

test("wire: compact keeps the key order without spaces", () => {
  const device = new RoomsDevice({ wire: "compact", castCode: "1" });
  assert.equal(
    device.handle(req("Query", { path: ["Share", "CastCode"] })),
    '{"jsonrpc":"2.0","method":"Query","id":"x","result":{"error_code":0,"message":"成功","data":{"cast_code":"1"}}}',
  );
});

test("events print jsonrpc, method, params with sub_event first", () => {
  const device = new RoomsDevice({ inMeeting: true });
  const frames: string[] = [];
  const conn = device.connect(
    { send: (t) => frames.push(t), close: () => {} },
    { protocols: [authProtocol("123456")] },
  );
  conn.receive(req("Subscribe", { path: ["Device", "EnableMic"] }, "s"));
  conn.receive(req("Call/Device", { action: "EnableMic", action_params: { enable: false } }, "m"));
  assert.equal(
    frames[1],
    '{"jsonrpc": "2.0", "method": "Call/Device", "id": "m", "result": {"error_code": 0, "action": "EnableMic", "message": ""}}',
  );
  assert.equal(
    frames[2],
    '{"jsonrpc": "2.0", "method": "Event/Device", "params": {"sub_event": "EnableMic", "error_code": 0, "message": "", "mic_info": {"switch": false, "device_id": "Yiqi Table Mic", "volume": 80}}}',
  );
});

test("polled answers end in }}}} exactly once, as the driver's regular expression needs", () => {
  const device = new RoomsDevice({ scene: "busy" });
  for (const path of [
    ["Meeting", "MeetingInfo"],
    ["Device", "CameraInfo"],
    ["Device", "MicInfo"],
    ["Device", "SpeakerInfo"],
    ["Members"],
    ["Share"],
  ]) {
    const text = device.handle(req("Query", { path }, "p"));
    const m = /\{"jsonrpc": "2\.0", "method": "Query", "id": "p", "result": \{.*?\}\}\}\}/.exec(
      text,
    );
    assert.equal(m?.[0], text, `${path.join("/")}: the regex must match the whole frame`);
  }
  const list = device.handle(req("Query", { path: ["Meeting", "MeetingList"] }, "l"));
  assert.equal(
    /\{"jsonrpc": "2\.0", "method": "Query", "id": "l", "result": \{.*?\}\}\}/.exec(list)?.[0],
    list,
  );
  const ack = device.handle(
    req("Call/Device", { action: "SetSpeakerVolume", action_params: { volume: 5 } }, "v"),
  );
  assert.equal(
    /\{"jsonrpc": "2\.0", "method": "Call\/(?:Device|Meeting|MeetingControl|Share)", "id": "(v)", "result": \{.*?\}\}/.exec(
      ack,
    )?.[0],
    ack,
  );
});

test("stringifyDevice matches JSON.parse round trips and Python's separators", () => {
  const value = { a: [1, "b", null, { c: true }], d: 'é\n"', e: {}, f: [], g: undefined };
  const text = stringifyDevice(value);
  assert.equal(text, '{"a": [1, "b", null, {"c": true}], "d": "é\\n\\"", "e": {}, "f": []}');
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
});
