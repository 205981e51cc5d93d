import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { RoomsClient } from "@yiqi/rooms-rpc/node";

const client = fileURLToPath(new URL("./client.py", import.meta.url));
const driver = fileURLToPath(new URL("./driver.py", import.meta.url));

const runPython = (
  args: string[],
  script = client,
): Promise<{ code: number | null; out: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn("python3", [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });

test("a stdlib-only Python client drives the emulator over a raw socket", async () => {
  // The password makes btoa() produce "/" and "=": the raw (not URL-encoded) credential form.
  const password = "pa?s>";
  const device = new RoomsDevice({ password });
  const server = await startRoomsServer({ device, port: 0 });
  try {
    const { code, out } = await runPython([server.url, password]);
    assert.equal(code, 0, out);
    assert.match(out, /python client: \d+ checks passed/);
    assert.equal(device.state.meeting, undefined);
  } finally {
    await server.close();
  }
});

test("the Python client fails when the device misbehaves (it can fail)", async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ password: "right" }),
    port: 0,
  });
  try {
    const { code, out } = await runPython([server.url, "wrong"]);
    assert.equal(code, 1, out);
    assert.match(out, /^FAIL /m);
  } finally {
    await server.close();
  }
});

const NOW = 1_767_225_600_000;

test("a control-system driver reading answers only with regular expressions reads every poll; it agrees with RoomsClient", async () => {
  const password = "pa?s>";
  const server = await startRoomsServer({
    device: new RoomsDevice({ password, now: () => NOW }),
    port: 0,
  });
  let python: Record<string, unknown>;
  try {
    const { code, out } = await runPython([server.url, password], driver);
    assert.equal(code, 0, out);
    assert.match(out, /ok {3}every polled answer was read/);
    python = JSON.parse(/^STATE (.*)$/m.exec(out)?.[1] ?? "{}");
  } finally {
    await server.close();
  }
  // The same steps through the typed TypeScript client, on an identical device.
  const twin = await startRoomsServer({
    device: new RoomsDevice({ password, now: () => NOW }),
    port: 0,
  });
  const ts = new RoomsClient({ url: twin.url, password });
  try {
    await ts.meeting.join({ meeting_code: "123456789", password: "" });
    const { meeting_info: mi } = await ts.meeting.queryInfo();
    await ts.device.enableMic(false);
    await ts.device.setSpeakerVolume(35);
    const { user_list_info } = await ts.members.query();
    const { share } = await ts.share.query();
    const { meeting_list } = await ts.meeting.queryList();
    const mic = (await ts.device.queryMic()).mic_info.switch;
    const camera = (await ts.device.queryCamera()).camera_info.switch;
    const volume = (await ts.device.querySpeaker()).speaker_info.volume;
    const types = [
      "Unknown",
      "One Time Meeting",
      "Recurring Meeting",
      "WeChat Meeting",
      "Screen Sharing Meeting",
    ];
    assert.deepEqual(python, {
      meeting: {
        status: "In Meeting",
        type: types[(mi.meeting_type ?? -1) + 1],
        title: mi.meeting_title,
        id: mi.formatted_meeting_code,
        creator: mi.meeting_creator_name,
        password: mi.meeting_password,
        begin: mi.meeting_time?.begin_time,
        end: mi.meeting_time?.end_time,
      },
      mic_on: mic,
      camera_on: camera,
      volume,
      members: user_list_info.map((u) => u.nickname),
      cast_code: share.cast_code,
      meeting_list: meeting_list.map((m) => m.formatted_meeting_code),
    });
  } finally {
    await ts.close();
    await twin.close();
  }
});
