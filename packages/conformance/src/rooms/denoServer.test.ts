// Runs on Deno only (it starts the Deno server): under Node this file registers no test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RoomsDevice } from "@yiqi/mock-host";
import { roomsContractCases } from "./cases.ts";
import { formatCaseResult, runRoomsContract } from "./runRoomsContract.ts";

if ((globalThis as { Deno?: unknown }).Deno !== undefined) {
  test("the contract passes against the emulator over the Deno server", async () => {
    // Imported only on Deno: the package blocks the ./deno subpath on Node.
    const { startRoomsServer } = await import("@yiqi/mock-host/deno");
    const server = await startRoomsServer({
      device: new RoomsDevice({ password: "d3no" }),
      port: 0,
    });
    try {
      const report = await runRoomsContract({ url: server.url, password: "d3no" });
      const failed = report.results
        .filter((r) => !r.ok)
        .map(formatCaseResult)
        .join("\n");
      assert.equal(report.failed, 0, failed);
      assert.equal(report.summary, `${roomsContractCases.length} passed, 0 failed`);
    } finally {
      await server.close();
    }
  });
}
