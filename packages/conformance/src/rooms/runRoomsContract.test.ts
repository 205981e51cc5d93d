import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { roomsLink } from "@yiqi/mock-host/msw";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { WebSocket as NodeWebSocket } from "@yiqi/rooms-rpc/node";
import { setupServer } from "msw/node";
import { roomsContractCases } from "./cases.ts";
import {
  formatCaseResult,
  type RoomsContractReport,
  runRoomsContract,
} from "./runRoomsContract.ts";

const failures = (report: RoomsContractReport): string =>
  report.results
    .filter((r) => !r.ok)
    .map(formatCaseResult)
    .join("\n");

test("the contract passes against the emulator over the Node server", async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ password: "s3cret/+=" }),
    port: 0,
  });
  try {
    const report = await runRoomsContract({
      url: server.url,
      password: "s3cret/+=",
      WebSocket: NodeWebSocket,
    });
    assert.equal(report.failed, 0, failures(report));
    assert.equal(report.passed, roomsContractCases.length);
    assert.equal(report.summary, `${roomsContractCases.length} passed, 0 failed`);
  } finally {
    await server.close();
  }
});

test("the contract passes against the emulator over msw WebSocket interception", async () => {
  const g = globalThis as unknown as { WebSocket?: unknown };
  const hadGlobal = g.WebSocket !== undefined;
  // msw intercepts the global WebSocket class; Node 20 has none, so lend it ws's.
  if (!hadGlobal)
    Object.defineProperty(globalThis, "WebSocket", {
      value: NodeWebSocket,
      configurable: true,
      writable: true,
    });
  const device = new RoomsDevice();
  const msw = setupServer(roomsLink(device, { url: "ws://rooms.yiqi.test:6295" }));
  msw.listen({ onUnhandledRequest: "error" });
  try {
    const report = await runRoomsContract({ url: "ws://rooms.yiqi.test:6295", password: "123456" });
    assert.equal(report.failed, 0, failures(report));
    assert.equal(report.passed, roomsContractCases.length);
  } finally {
    msw.close();
    if (!hadGlobal) delete g.WebSocket;
  }
});

test("the contract fails where a device breaks it (a Rooms too old for StartShare)", async () => {
  const server = await startRoomsServer({
    device: new RoomsDevice({ version: "3.11.170" }),
    port: 0,
  });
  try {
    const lines: string[] = [];
    const report = await runRoomsContract({
      url: server.url,
      password: "123456",
      WebSocket: NodeWebSocket,
      onResult: (r) => lines.push(formatCaseResult(r)),
    });
    assert.ok(report.failed > 0);
    assert.equal(report.passed + report.failed, roomsContractCases.length);
    assert.match(report.summary, /^\d+ passed, [1-9]\d* failed$/);
    assert.ok(
      lines.some((l) => /^FAIL StartShare .*expected error_code 0, got 9/.test(l)),
      lines.join("\n"),
    );
    // Told the version, the suite expects 9 for the newer actions and passes.
    const aware = await runRoomsContract({
      url: server.url,
      password: "123456",
      WebSocket: NodeWebSocket,
      roomsVersion: "3.11.170",
    });
    assert.equal(aware.failed, 0, failures(aware));
  } finally {
    await server.close();
  }
});

test("an unreachable endpoint fails every case with the reason", async () => {
  const server = await startRoomsServer({ port: 0 });
  const url = server.url;
  await server.close();
  const report = await runRoomsContract({
    url,
    password: "x",
    WebSocket: NodeWebSocket,
    timeoutMs: 2000,
  });
  assert.equal(report.passed, 0);
  assert.equal(report.failed, roomsContractCases.length);
  assert.match(report.results[0]?.problem ?? "", /cannot connect/);
});
