/**
 * Contract cases: the connection's lifecycle: close, re-handshake, refused or unanswered
 * handshakes.
 *
 * @module
 */
import { ContractFailure, expectBridgeError, expectEqual } from "./expect.ts";
import type { ContractCase } from "./testApi.ts";

/** Closing by either side, re-handshakes, and handshakes that fail (protocol, origin, timeout, abort). */
export const lifecycleCases: readonly ContractCase[] = [
  {
    name: "closing rejects pending calls with CONNECTION_CLOSED and refuses new ones",
    async run(ctx) {
      const conn = await ctx.connect();
      const pending = conn.remote.sleep(300);
      conn.close("test done");
      await expectBridgeError(pending, "CONNECTION_CLOSED");
      await expectBridgeError(conn.remote.add(1, 2), "CONNECTION_CLOSED");
      expectEqual(conn.isClosed, true, "isClosed");
    },
  },
  {
    name: "the host closing the connection rejects the app's pending calls",
    async run(ctx) {
      const conn = await ctx.connect();
      let closedWith: string | undefined;
      conn.onClose((e) => {
        closedWith = e.code;
      });
      await conn.remote.closeSoon(20);
      await expectBridgeError(conn.remote.sleep(500), "CONNECTION_CLOSED");
      expectEqual(closedWith, "CONNECTION_CLOSED", "onClose");
    },
  },
  {
    name: "a new handshake from the same frame replaces the old connection",
    async run(ctx) {
      const first = await ctx.connect();
      const closed = expectBridgeError(first.remote.sleep(500), "CONNECTION_CLOSED");
      const second = await ctx.connect();
      await closed;
      expectEqual(await second.remote.add(20, 22), 42, "new connection");
      expectEqual(first.isClosed, true, "old connection closed");
      second.close();
    },
  },
  {
    name: "a protocol mismatch is reported with both versions and what to upgrade",
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect({ protocol: 2 }), "PROTOCOL_MISMATCH");
      for (const part of ["yiqi.contract@2", "yiqi.contract@1", "upgrade the host"])
        if (!error.message.includes(part))
          throw new ContractFailure(`message lacks "${part}": ${error.message}`);
    },
  },
  {
    name: "a host speaking a newer protocol tells the app to upgrade",
    host: { protocol: 3 },
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect(), "PROTOCOL_MISMATCH");
      if (!error.message.includes("upgrade the app")) throw new ContractFailure(error.message);
    },
  },
  {
    name: "a host that does not allow the app's origin refuses the handshake with ORIGIN_REJECTED",
    host: { allowedOrigins: "other" },
    async run(ctx) {
      const error = await expectBridgeError(ctx.connect({ timeout: 2000 }), "ORIGIN_REJECTED");
      if (!error.message.includes(ctx.appOrigin))
        throw new ContractFailure(`message lacks the origin: ${error.message}`);
    },
  },
  {
    name: "a handshake nobody answers fails with HANDSHAKE_TIMEOUT naming the host origin",
    async run(ctx) {
      const error = await expectBridgeError(
        ctx.connect({ hostOrigin: "https://nobody.example", timeout: 100 }),
        "HANDSHAKE_TIMEOUT",
      );
      if (!error.message.includes("https://nobody.example"))
        throw new ContractFailure(`message lacks the origin: ${error.message}`);
    },
  },
  {
    name: "an AbortSignal stops a handshake with ABORTED",
    async run(ctx) {
      const controller = new AbortController();
      const pending = ctx.connect({
        hostOrigin: "https://nobody.example",
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 10);
      await expectBridgeError(pending, "ABORTED");
    },
  },
];
