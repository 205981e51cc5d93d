import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { MeetingServerError } from "./protocol.ts";
import { openViewSocket, type WebSocketConstructor } from "./viewSocket.ts";

/**
 * A server that welcomes (or not) and then closes with `reason`: how the meeting server and the
 * harness relay end a view (`RESET: …`, `NOT_READY: …`), which a view page shows by its code.
 */
async function closingServer(
  reason: string,
  welcome: boolean,
): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ port: 0 });
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (ws) => {
    ws.once("message", () => {
      if (!welcome) return ws.close(1011, reason);
      ws.send(JSON.stringify({ t: "welcome", protocol: 2, view: "v1", meetingId: "m1" }));
      // After the welcome: close once the view has had it.
      setTimeout(() => ws.close(1012, reason), 20);
    });
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: () => new Promise((r) => wss.close(() => r())),
  };
}

const options = {
  WebSocket: WebSocket as unknown as WebSocketConstructor,
  timeoutMs: 5000,
  onFrame: () => {},
};

test("a close before welcome refuses with the reason's leading CODE (else NOT_READY)", async () => {
  for (const [reason, code] of [
    ["NOT_READY: the meeting server is unreachable", "NOT_READY"],
    ["BAD_TOKEN: this link's token is not this meeting's", "BAD_TOKEN"],
    ["going away", "NOT_READY"],
    ["", "NOT_READY"],
  ] as const) {
    const server = await closingServer(reason, false);
    try {
      await assert.rejects(
        openViewSocket(server.url, { ...options, onLost: () => {} }),
        (e: unknown) => {
          assert.ok(e instanceof MeetingServerError);
          assert.equal(e.code, code, reason);
          assert.ok(e.message.includes(reason), e.message);
          return true;
        },
      );
    } finally {
      await server.close();
    }
  }
});

test("a close after welcome tells onLost the reason's code, and pending requests get it", async () => {
  const server = await closingServer("RESET: the meeting server's meeting was replaced", true);
  try {
    let lost: MeetingServerError | undefined;
    const socket = await openViewSocket(server.url, {
      ...options,
      onLost: (e) => {
        lost = e;
      },
    });
    // Never answered: the close rejects it with the same coded error.
    await assert.rejects(socket.request({ t: "claim", participants: ["p1"] }), {
      code: "RESET",
    });
    assert.equal(lost?.code, "RESET");
    assert.match(String(lost?.message), /RESET: the meeting server's meeting was replaced/);
  } finally {
    await server.close();
  }
});
