import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { RoomsClient, type RoomsError } from "@yiqi/rooms-rpc/node";
import type { CommandIO } from "../command.ts";
import { roomsCheckCommand, roomsCommand, startRooms } from "./rooms.ts";
import { runConsoleLine } from "./roomsConsole.ts";

const capture = (stopped: Promise<void> = new Promise(() => {})) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (l) => out.push(l), err: (l) => err.push(l), stopped };
  return { io, out, err };
};

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

const waitFor = async (out: string[], pattern: RegExp): Promise<string> => {
  for (let i = 0; i < 200; i++) {
    const hit = out.find((l) => pattern.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no line matching ${pattern} in:\n${out.join("\n")}`);
};

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
  assert.ok(out.some((l) => / <- .*"error_code":10000/.test(l)));
  push("quit");
  assert.equal(await exit, 0);
  assert.ok(out.includes("Rooms device stopped."));
});

test("yiqi rooms: a busy port is reported with a fix", async () => {
  const busy = await startRoomsServer({ port: 0 });
  try {
    const { io, err } = capture();
    assert.equal(await roomsCommand.run(["--port", String(busy.port)], io), 1);
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
  assert.equal(device.state.share?.user.nickname, "Alice Chen");
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
