import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import type { RoomsError } from "@yiqi/rooms-rpc";
import { RoomsClient } from "@yiqi/rooms-rpc/node";
import { WebSocket } from "ws";
import { capture, waitForLine } from "../testing/capture.ts";
import { roomsCommand, startRooms } from "./rooms.ts";
import { roomsCheckCommand } from "./roomsCheck.ts";
import { escapeTerminal, runConsoleLine } from "./roomsConsole.ts";

/** An input whose lines the test pushes. */
const lines = () => {
  const queue: string[] = [];
  let wake: () => void = () => {};
  const push = (line: string): void => {
    queue.push(line);
    wake();
  };
  async function* iterate(): AsyncGenerator<string> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      await new Promise<void>((r) => (wake = r));
    }
  }
  return { push, input: iterate() };
};

const waitFor = (out: string[], pattern: RegExp): Promise<string> => waitForLine(out, pattern, 200);

test("yiqi rooms: bad flags exit 2 and say what to do", async () => {
  for (const argv of [
    ["--port", "http"],
    ["--port", "70000"],
    ["--version", "latest"],
    ["--bogus"],
    ["--password", ""],
  ]) {
    const { io, err } = capture();
    assert.equal(await roomsCommand.run(argv, io), 2, argv.join(" "));
    assert.match(err[0] ?? "", /^yiqi rooms: /);
    assert.match(err[1] ?? "", /yiqi rooms --help/);
  }
});

test("yiqi rooms: serves the device, logs traffic, and stdin lines change its state", async () => {
  const { io, out } = capture();
  const { push, input } = lines();
  const exit = startRooms(["--port", "0", "--password", "pw", "--version", "3.13.190"], io, {
    input,
  });
  const listening = await waitFor(out, /listening on ws:\/\/127\.0\.0\.1:\d+$/);
  const url = listening.slice(listening.indexOf("ws://"));
  assert.ok(out.some((l) => l.includes("auth-cHc%3D")));
  const client = new RoomsClient({ url, password: "pw" });
  await assert.rejects(client.share.stopShare(), (e: RoomsError) => e.errorCode === 10000);
  push("meeting on 123456789");
  await waitFor(out, /^meeting: 123456789$/);
  await client.share.stopShare();
  push("api off");
  await waitFor(out, /^api: off$/);
  await assert.rejects(client.share.query(), (e: RoomsError) => e.errorCode === 2);
  push("state");
  await waitFor(out, /control API: disabled/);
  await client.close();
  assert.ok(out.some((l) => / -> .*"StopShare"/.test(l)));
  assert.ok(out.some((l) => / <- .*"error_code": 10000/.test(l)));
  push("quit");
  assert.equal(await exit, 0);
  assert.ok(out.includes("Rooms device stopped."));
});

test("yiqi rooms: a busy port is reported with a fix", async () => {
  const busy = await startRoomsServer({ port: 0 });
  try {
    const { io, err } = capture();
    assert.equal(await roomsCommand.run(["--port", String(busy.port)], io), 2);
    assert.match(err.join("\n"), /in use: pass --port 0/);
  } finally {
    await busy.close();
  }
});

test("yiqi rooms-check: passes against the emulator with a closing count line; fails against a broken one", async () => {
  const server = await startRoomsServer({ device: new RoomsDevice({ password: "x/y" }), port: 0 });
  const old = await startRoomsServer({ device: new RoomsDevice({ version: "3.10.160" }), port: 0 });
  try {
    const good = capture();
    assert.equal(
      await roomsCheckCommand.run(["--url", server.url, "--password", "x/y"], good.io),
      0,
    );
    assert.match(good.out.at(-1) ?? "", /^\d+ passed, 0 failed$/);
    const bad = capture();
    assert.equal(
      await roomsCheckCommand.run(["--url", old.url, "--password", "123456"], bad.io),
      1,
    );
    assert.match(bad.out.at(-1) ?? "", /^\d+ passed, [1-9]\d* failed$/);
  } finally {
    await server.close();
    await old.close();
  }
  const missing = capture();
  const saved = process.env.ROOMS_URL;
  delete process.env.ROOMS_URL;
  try {
    assert.equal(await roomsCheckCommand.run(["--password", "p"], missing.io), 2);
    assert.match(missing.err[0] ?? "", /--url ws:\/\//);
  } finally {
    if (saved !== undefined) process.env.ROOMS_URL = saved;
  }
});

test("console lines: each control changes the device; bad input prints usage", () => {
  const device = new RoomsDevice();
  assert.deepEqual(runConsoleLine(device, "meeting on").lines, ["meeting: 100200300"]);
  runConsoleLine(device, "share Alice Chen");
  assert.equal(device.state.share?.sharer, "remote");
  runConsoleLine(device, "login off");
  assert.equal(device.state.loggedIn, false);
  runConsoleLine(device, "version 3.11.170");
  assert.equal(device.state.version, "3.11.170");
  runConsoleLine(device, "cast 2");
  assert.equal(device.state.quickCastingState, 2);
  runConsoleLine(device, "guide open");
  assert.equal(device.state.shareGuideOpen, true);
  runConsoleLine(device, "devices a,b");
  assert.deepEqual(device.state.captureDevices, ["a", "b"]);
  runConsoleLine(device, "meeting off");
  assert.equal(device.state.meeting, undefined);
  assert.match(runConsoleLine(device, "version banana").lines[0] ?? "", /^usage: version/);
  assert.match(runConsoleLine(device, "dance").lines[0] ?? "", /unknown command/);
  assert.equal(runConsoleLine(device, "quit").quit, true);
});

test("world console lines: members, waiting room, role, invitation, recording, devices", () => {
  const device = new RoomsDevice();
  assert.deepEqual(runConsoleLine(device, "members").lines, ["members: not in a meeting"]);
  runConsoleLine(device, "meeting on 123456789 host");
  assert.equal(device.state.meeting?.roomsRole, 1);
  runConsoleLine(device, "join Erin Xu waiting");
  assert.equal(device.state.meeting?.members.find((m) => m.nickname === "Erin Xu")?.waiting, true);
  runConsoleLine(device, "admit Erin Xu");
  runConsoleLine(device, "mute Erin Xu on");
  const erin = device.state.meeting?.members.find((m) => m.nickname === "Erin Xu");
  assert.deepEqual([erin?.waiting, erin?.audio_on], [false, false]);
  assert.match(
    runConsoleLine(device, "members").lines.join("\n"),
    /Erin Xu \(attendee\) mic muted/,
  );
  runConsoleLine(device, "leave Erin Xu");
  assert.equal(
    device.state.meeting?.members.some((m) => m.nickname === "Erin Xu"),
    false,
  );
  runConsoleLine(device, "role attendee");
  assert.equal(device.state.meeting?.roomsRole, 3);
  runConsoleLine(device, "record on");
  assert.equal(device.state.meeting?.recording, true);
  runConsoleLine(device, "invite 200300400 Alice Chen");
  assert.equal(device.state.invite.incoming?.inviter, "Alice Chen");
  runConsoleLine(device, "mic off");
  runConsoleLine(device, "volume 20");
  runConsoleLine(device, "frame 3");
  assert.deepEqual(
    [
      device.state.devices.mic.switch,
      device.state.devices.speaker.volume,
      device.state.devices.camera.frameMode,
    ],
    [false, 20, 3],
  );
  assert.match(
    runConsoleLine(device, "request grant").lines[0] ?? "",
    /no recording request waits/,
  );
  assert.match(runConsoleLine(device, "frame 9").lines[0] ?? "", /^usage: frame/);
  assert.match(
    runConsoleLine(device, "state").lines.join("\n"),
    /invitation: 200300400 from Alice Chen/,
  );
  assert.match(runConsoleLine(device, "help").lines[0] ?? "", /admit \[NAME\]/);
});

test("escapeTerminal shows C0, DEL, C1, bidi and line separators as escapes", () => {
  assert.equal(escapeTerminal("a\u001b[2Jb"), "a\\x1b[2Jb");
  assert.equal(escapeTerminal("\u001b]0;pwned\u0007"), "\\x1b]0;pwned\\x07");
  assert.equal(escapeTerminal("x\ny\rz\t"), "x\\ny\\rz\\t");
  assert.equal(escapeTerminal("\u0000\u007f\u0085\u009b"), "\\x00\\x7f\\x85\\x9b");
  assert.equal(escapeTerminal("\u202eevil\u2066\u200f\u2028"), "\\u202eevil\\u2066\\u200f\\u2028");
  assert.equal(escapeTerminal('{"a":"\\u001b","b":"é 一起"}'), '{"a":"\\u001b","b":"é 一起"}');
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const RAW_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test("yiqi rooms: escape sequences in unauthenticated frames reach the log escaped", async () => {
  const { io, out } = capture();
  const { push, input } = lines();
  const exit = startRooms(["--port", "0"], io, { input });
  const listening = await waitFor(out, /listening on ws:\/\/127\.0\.0\.1:\d+$/);
  const url = listening.slice(listening.indexOf("ws://"));
  const ws = new WebSocket(url);
  await new Promise((r) => ws.once("open", r));
  ws.send("\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\r\nfake log line");
  await new Promise((r) => ws.once("close", r));
  const line = await waitFor(out, / -> .*pwned/);
  assert.match(line, /\\x1b\]0;pwned\\x07\\x1b\[2J\\x9b31m\\u202eevil\\r\\nfake log line$/);
  push("share \u001b[31mEve");
  push("quit");
  assert.equal(await exit, 0);
  for (const l of out) assert.doesNotMatch(l, RAW_CONTROLS, JSON.stringify(l));
});

test("yiqi rooms --allow-origin: pages from that origin connect, others get 403; a bad origin exits 2", async () => {
  const bad = capture();
  assert.equal(await roomsCommand.run(["--allow-origin", "localhost:5173"], bad.io), 2);
  assert.match(bad.err[0] ?? "", /--allow-origin: .*scheme:\/\/host/);
  const { io, out } = capture();
  const { push, input } = lines();
  const exit = startRooms(
    [
      "--port",
      "0",
      "--allow-origin",
      "http://localhost:5173",
      "--allow-origin",
      "https://b.example",
    ],
    io,
    { input },
  );
  const listening = await waitFor(out, /listening on ws:\/\/127\.0\.0\.1:\d+$/);
  const port = Number(listening.slice(listening.lastIndexOf(":") + 1));
  assert.ok(out.some((l) => l.includes("http://localhost:5173, https://b.example")));
  /** A raw upgrade from a page at `origin`: the status code and body. */
  const status = (origin: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () =>
        socket.write(
          [
            "GET / HTTP/1.1",
            `Host: 127.0.0.1:${port}`,
            `Origin: ${origin}`,
            "Upgrade: websocket",
            "Connection: Upgrade",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: 13",
            "",
            "",
          ].join("\r\n"),
        ),
      );
      let text = "";
      const done = () => {
        socket.destroy();
        resolve({ status: Number(text.slice(9, 12)), text });
      };
      socket.on("data", (chunk) => {
        text += chunk.toString("utf8");
        if (text.startsWith("HTTP/1.1 101") && text.includes("\r\n\r\n")) done();
      });
      socket.on("end", done);
      socket.on("error", reject);
    });
  const refused = await status("https://evil.example");
  assert.equal(refused.status, 403);
  assert.match(refused.text, /--allow-origin https:\/\/evil\.example/);
  for (const origin of ["http://localhost:5173", "https://b.example", "http://127.0.0.1:7100"])
    assert.equal((await status(origin)).status, 101, origin);
  await waitFor(out, /!! .*refused: origin "https:\/\/evil\.example" is not allowed/);
  push("quit");
  assert.equal(await exit, 0);
});
