import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { capture, waitForLine } from "../testing/capture.ts";
import { probeApp } from "./harness.ts";
import { startRooms } from "./rooms.ts";
import { roomsCheckCommand } from "./roomsCheck.ts";
import { ROOMS_CONSOLE_HELP, runConsoleLine } from "./roomsConsole.ts";

const never = (async function* (): AsyncGenerator<string> {
  await new Promise(() => {});
})();

test("regression: `share off` during a quick cast reports the cast that goes on, not 'none'", () => {
  const device = new RoomsDevice();
  runConsoleLine(device, "cast 2");
  assert.equal(device.state.share?.sharer, "quickcast");
  const { lines } = runConsoleLine(device, "share off");
  assert.equal(device.state.share?.sharer, "quickcast", "share off stops participants only");
  assert.match(lines[0] ?? "", /^share: quickcast /);
  assert.match(lines.join("\n"), /quick-casting.*"cast 1"/);
  assert.deepEqual(
    runConsoleLine(device, "state").lines.filter((l) => l.startsWith("share:")),
    [lines[0]],
  );
  // `share NAME` in the cast's meeting (not in progress) changes nothing and says so.
  assert.match(runConsoleLine(device, "share Bob").lines[0] ?? "", /^share: unchanged/);
  runConsoleLine(device, "cast 0");
  assert.equal(device.state.share, undefined);
  // A participant's share still stops with `share off`.
  runConsoleLine(device, "meeting on 123456789");
  assert.match(runConsoleLine(device, "share Bob Li").lines[0] ?? "", /^share: remote /);
  assert.deepEqual(runConsoleLine(device, "share off").lines, ["share: none"]);
});

test("yiqi rooms --commands FILE runs its lines once listening; a quit line stops it (exit 0)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-rooms-"));
  const file = join(dir, "setup.txt");
  writeFileSync(file, "# a busy meeting\nmeeting on 123456789\n\nshare Bob Li\nstate\nquit\n");
  const { io, out } = capture();
  assert.equal(
    await startRooms(["--port", "0", "--quiet", "--commands", file], io, { input: never }),
    0,
  );
  const at = (l: string) => out.indexOf(l);
  assert.ok(at("> meeting on 123456789") > at(out.find((l) => /listening on/.test(l)) ?? ""));
  assert.ok(out.includes("meeting: 123456789"));
  assert.ok(out.some((l) => /^share: remote /.test(l)));
  assert.ok(!out.some((l) => l.includes("a busy meeting")), "comments are not run");
  assert.equal(out.at(-1), "Rooms device stopped.");
  const missing = capture();
  assert.equal(await startRooms(["--commands", join(dir, "nope.txt")], missing.io), 2);
  assert.match(missing.err[0] ?? "", /--commands: cannot read .*nope\.txt \(ENOENT\)/);
});

test("yiqi rooms --control-port: console lines over HTTP with the password; pages need an allowed origin", async () => {
  let stop: () => void = () => {};
  const { io, out } = capture(new Promise<void>((r) => (stop = r)));
  const exit = startRooms(
    [
      "--port",
      "0",
      "--quiet",
      "--password",
      "pw",
      "--control-port",
      "0",
      "--allow-origin",
      "http://localhost:5173",
    ],
    io,
    { input: never },
  );
  const hint = await waitForLine(out, /console over HTTP: /);
  const url = hint.slice(hint.lastIndexOf("http://"));
  const post = (body: string, headers: Record<string, string> = { authorization: "Bearer pw" }) =>
    fetch(url, { method: "POST", headers, body });
  try {
    assert.equal((await post("state", {})).status, 401);
    assert.equal((await post("state", { authorization: "Bearer 123456" })).status, 401);
    const evil = await post("quit", { authorization: "Bearer pw", origin: "https://evil.example" });
    assert.equal(evil.status, 403);
    assert.match(await evil.text(), /--allow-origin https:\/\/evil\.example/);
    const ran = await post("meeting on 123456789\nshare Bob Li", {
      authorization: "Bearer pw",
      origin: "http://localhost:5173",
    });
    assert.equal(ran.status, 200);
    assert.equal(ran.headers.get("access-control-allow-origin"), "http://localhost:5173");
    const body = (await ran.json()) as { lines: string[]; quit: boolean };
    assert.equal(body.lines[0], "meeting: 123456789");
    assert.match(body.lines[1] ?? "", /^share: remote /);
    assert.equal(body.quit, false);
    const preflight = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-headers": "authorization",
      },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get("access-control-allow-headers") ?? "", /authorization/);
    const state = (await (
      await fetch(url.replace(/\/console$/, "/state"), { headers: { authorization: "Bearer pw" } })
    ).json()) as { meeting?: { code: string } };
    assert.equal(state.meeting?.code, "123456789");
    assert.ok(out.includes("[http] > share Bob Li"), "HTTP lines are echoed on the console");
    const quit = (await (await post("quit")).json()) as { quit: boolean };
    assert.equal(quit.quit, true);
    assert.equal(await exit, 0);
  } finally {
    stop();
    await exit;
  }
  const bad = capture();
  assert.equal(await startRooms(["--control-port", "x"], bad.io), 2);
});

test("yiqi rooms-check against an endpoint nobody serves: one line, exit 2", async () => {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  const c = capture();
  assert.equal(
    await roomsCheckCommand.run(["--url", `ws://127.0.0.1:${port}`, "--password", "x"], c.io),
    2,
  );
  assert.deepEqual(c.out, []);
  assert.equal(c.err.length, 1);
  assert.match(
    c.err[0] ?? "",
    /cannot reach ws:\/\/127\.0\.0\.1:\d+: nothing listens .*yiqi rooms/,
  );
});

test("yiqi harness: probeApp says why an app URL does not answer, and nothing when it does", async () => {
  const server = createServer((_, res) => res.writeHead(404).end());
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  try {
    assert.equal(await probeApp(`http://127.0.0.1:${port}/`), undefined, "any status answers");
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  assert.match(
    (await probeApp(`http://127.0.0.1:${port}/`)) ?? "",
    /is not reachable \(ECONNREFUSED\): start your app's dev server/,
  );
});

test("regression: --control-port shares the device's wrong-password lockout (no unlimited guessing over HTTP)", async () => {
  let stop: () => void = () => {};
  const { io, out } = capture(new Promise<void>((r) => (stop = r)));
  const exit = startRooms(["--port", "0", "--quiet", "--control-port", "0"], io, {
    input: never,
  });
  const hint = await waitForLine(out, /console over HTTP: /);
  const url = hint.slice(hint.lastIndexOf("http://"));
  const post = (password: string) =>
    fetch(url, { method: "POST", headers: { authorization: `Bearer ${password}` }, body: "state" });
  try {
    // Five free attempts (decision 0206), then the machine is locked out, even the right password.
    for (let i = 0; i < 5; i++) assert.equal((await post(`00000${i}`)).status, 401);
    const locked = await post("123456");
    assert.equal(locked.status, 429);
    assert.match(locked.headers.get("retry-after") ?? "", /^\d+$/);
    assert.match(await locked.text(), /Too many wrong passwords from this machine: try again in/);
  } finally {
    stop();
    await exit;
  }
});

test("regression: no console line throws or breaks the device (`role constructor` made its state unreadable)", () => {
  const commands = new Set(
    ROOMS_CONSOLE_HELP.split("\n")
      .map((l) => l.trim().split(/\s+/)[0] ?? "")
      .filter((w) => /^[a-z]+$/.test(w) && w !== "quit"),
  );
  assert.ok(
    commands.has("role") && commands.has("join") && commands.size > 15,
    [...commands].join(),
  );
  const odd = ["constructor", "toString", "__proto__", "hasOwnProperty", "-1", "NaN", "1e9", ""];
  for (const setup of [[], ["meeting on 123456789 host", "join Ann", "join Bob waiting"]])
    for (const cmd of commands)
      for (const arg of odd) {
        const device = new RoomsDevice();
        for (const line of setup) runConsoleLine(device, line);
        const line = `${cmd} ${arg}`;
        assert.doesNotThrow(() => runConsoleLine(device, line), line);
        assert.doesNotThrow(() => device.state, `the state after "${line}"`);
      }
  const device = new RoomsDevice();
  runConsoleLine(device, "meeting on 123456789");
  assert.match(runConsoleLine(device, "role constructor").lines[0] ?? "", /^usage: role host/);
  assert.deepEqual(runConsoleLine(device, "role cohost").lines, ["the Rooms is cohost"]);
});
