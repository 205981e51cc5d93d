/**
 * The root entry loads no msw (decision 0020): a Deno script that imports `@yiqi/mock-host`
 * runs with no permission beyond what its own work needs, and exits when that work is done.
 * Runs the same from `node --test` and `deno test` (both spawn `deno run --no-prompt`, so a
 * permission request fails the script instead of prompting).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

/** The workspace's deno.json: resolves `@yiqi/*` for a script outside the workspace. */
const DENO_CONFIG = fileURLToPath(new URL("../../../deno.json", import.meta.url));
/** Upper bound on one script; a script that does not exit by then is the bug this test catches. */
const BOUND_MS = 60_000;

const denoBinary = (): string => {
  if ((globalThis as { Deno?: unknown }).Deno !== undefined) return process.execPath;
  const pkg = createRequire(import.meta.url).resolve("deno/package.json");
  return join(dirname(pkg), process.platform === "win32" ? "deno.exe" : "deno");
};

/** Runs `source` with `deno run --no-prompt <flags>`; returns exit status and output. */
const runDeno = (
  source: string,
  flags: string[] = [],
): { status: number | null; signal: string | null; stdout: string; stderr: string } => {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-entry-"));
  try {
    const script = join(dir, "script.ts");
    writeFileSync(script, source);
    const out = spawnSync(
      denoBinary(),
      ["run", "--no-prompt", "--config", DENO_CONFIG, ...flags, script],
      {
        encoding: "utf8",
        timeout: BOUND_MS,
        killSignal: "SIGKILL",
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
    return { status: out.status, signal: out.signal, stdout: out.stdout, stderr: out.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

test("a Deno script importing @yiqi/mock-host needs no permission and exits", () => {
  const run = runDeno(`
import { RoleType } from "@yiqi/jsapi";
import { createMeeting, openHeadlessApp } from "@yiqi/mock-host";

const meeting = createMeeting({
  participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Guest" }],
});
const host = openHeadlessApp(meeting, "p1");
await host.wemeet.collaboration.start();
console.log("activeID", (await host.wemeet.collaboration.getContext()).activeID !== "");
host.close();
`);
  assert.equal(run.signal, null, `the script did not exit within ${BOUND_MS} ms`);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /activeID true/);
});

test("a Deno script serving the Rooms device needs only --allow-net and exits after close()", () => {
  const run = runDeno(
    `
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/deno";

const server = await startRoomsServer({ device: new RoomsDevice(), port: 0 });
console.log("listening", server.url.startsWith("ws://127.0.0.1:"));
await server.close();
`,
    ["--allow-net=127.0.0.1"],
  );
  assert.equal(run.signal, null, `the script did not exit within ${BOUND_MS} ms`);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /listening true/);
});

test("a Deno script serves a meeting, and remote meetings drive and observe it (protocol 2), with only --allow-net", () => {
  const run = runDeno(
    `
import { RoleType } from "@yiqi/jsapi";
import { connectRemoteMeeting, createMeeting } from "@yiqi/mock-host";
import { startMeetingServer } from "@yiqi/mock-host/deno";

const meeting = createMeeting({
  participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
});
const server = await startMeetingServer({ port: 0, meeting });
const watcher = await connectRemoteMeeting(server.url);
const driver = await connectRemoteMeeting(server.url);
await driver.claim(["p1"]);
await driver.ui.openApp("p1");
const host = await driver.openInstance("p1");
const started = (await host.call("collaborationStart", {})) as { ok: boolean };
await driver.ui.join("p2");
const end = Date.now() + 10_000;
while (watcher.session()?.joined.join() !== "p2" && Date.now() < end)
  await new Promise((r) => setTimeout(r, 10));
console.log("started", started.ok, "watcher sees", watcher.session()?.joined.join(), watcher.view("p2").app?.scene);
await watcher.close();
await driver.close();
await server.close();
`,
    ["--allow-net=127.0.0.1"],
  );
  assert.equal(run.signal, null, `the script did not exit within ${BOUND_MS} ms`);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /started true watcher sees p2 inCollaboration/);
});
