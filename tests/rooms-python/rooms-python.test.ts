import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";

const client = fileURLToPath(new URL("./client.py", import.meta.url));

const runPython = (args: string[]): Promise<{ code: number | null; out: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn("python3", [client, ...args], { stdio: ["ignore", "pipe", "pipe"] });
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
