import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { WebSocket } from "ws";
import { joinMeetingServer, startMeetingServer } from "../node.ts";
import { MeetingServerError } from "./protocol.ts";
import { tokensEqual } from "./token.ts";

/** Opens a raw view socket and says hello; resolves with it and its received frames. */
async function rawView(url: string): Promise<{ ws: WebSocket; frames: Record<string, unknown>[] }> {
  const ws = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (d) => frames.push(JSON.parse(String(d))));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  ws.send(JSON.stringify({ t: "hello", protocol: 1 }));
  await until(() => frames.some((f) => f.t === "welcome"));
  return { ws, frames };
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

const closeOf = (ws: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) =>
    ws.once("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );

describe("meeting server", () => {
  test("two views share one meeting: one starts 一起用, the others join, all converge", async () => {
    const server = await startMeetingServer({ port: 0 });
    try {
      const a = await joinMeetingServer(server.url, { participants: ["p1"] });
      const b = await joinMeetingServer(server.url, { participants: 2 });
      assert.notEqual(a.viewId, b.viewId);
      assert.deepEqual(
        b.participants.map((p) => p.participantId),
        ["p2", "p3"],
      );
      const [host] = a.participants;
      assert.ok(host);
      await host.wemeet.collaboration.start();
      const session = server.meeting.session();
      assert.ok(session);
      for (const p of b.participants) {
        server.meeting.ui.join(p.participantId);
      }
      // Joining from the invitation replaces the instance; the view's app is now closed.
      for (const p of b.participants) assert.match(await p.closed, /replaced|closed/);
      await b.close();
      const c = await joinMeetingServer(server.url, { participants: ["p2", "p3"] });
      const contexts = await Promise.all(
        [host, ...c.participants].map((p) => p.wemeet.collaboration.getContext()),
      );
      for (const ctx of contexts)
        assert.deepEqual(ctx, { activeID: session.activeId, url: session.url });
      await until(() => host.events.some((e) => e.name === "collaboration-change"));
      await c.close();
      await a.close();
      await until(() => server.core.assignments().size === 0);
      assert.ok(server.meeting.instances().every((i) => i.closed));
    } finally {
      await server.close();
    }
  });

  test("a view without the token, or with a wrong one, is refused before the upgrade", async () => {
    const server = await startMeetingServer({ port: 0 });
    try {
      for (const url of [
        server.url.replace(/\?token=.*/, ""),
        server.url.replace(/token=[^&]+/, `token=${"x".repeat(22)}`),
      ]) {
        await assert.rejects(joinMeetingServer(url, { participants: 1, timeoutMs: 3000 }), {
          code: "NOT_READY",
        });
        const status = await new Promise<number>((resolve) => {
          const ws = new WebSocket(url);
          ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
          ws.on("error", () => {});
        });
        assert.equal(status, 401);
      }
      assert.equal(tokensEqual(server.token, server.token), true);
      assert.equal(tokensEqual(`${server.token}x`, server.token), false);
      assert.equal(server.meeting.participants().length, 1);
    } finally {
      await server.close();
    }
  });

  test("a web page from a foreign Origin is refused with 403 naming the meeting server and how to allow it", async () => {
    const server = await startMeetingServer({ port: 0, allowedOrigins: ["http://localhost:5173"] });
    try {
      const answer = (origin: string): Promise<{ status: number; body: string }> =>
        new Promise((resolve) => {
          const ws = new WebSocket(server.url, { headers: { origin } });
          ws.on("unexpected-response", (_req, res) => {
            let body = "";
            res.on("data", (c: Buffer) => {
              body += String(c);
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          });
          ws.on("open", () => {
            ws.close();
            resolve({ status: 101, body: "" });
          });
          ws.on("error", () => {});
        });
      const evil = await answer("https://evil.example");
      assert.equal(evil.status, 403);
      assert.match(evil.body, /may not use this Yiqi meeting server/);
      assert.match(evil.body, /yiqi meeting --allow-origin https:\/\/evil\.example/);
      assert.doesNotMatch(evil.body, /Rooms/);
      assert.equal((await answer("http://localhost:5173")).status, 101);
    } finally {
      await server.close();
    }
  });

  test("a view cannot act for a participant or instance it was not given", async () => {
    const server = await startMeetingServer({ port: 0 });
    try {
      const a = await joinMeetingServer(server.url, { participants: ["p1"] });
      const victim = a.participants[0]?.instanceId;
      assert.ok(victim);
      const { ws, frames } = await rawView(server.url);
      const ask = async (frame: Record<string, unknown>) => {
        ws.send(JSON.stringify(frame));
        await until(() => frames.some((f) => f.id === frame.id));
        return frames.find((f) => f.id === frame.id);
      };
      assert.equal(
        (await ask({ t: "call", id: 1, instance: victim, method: "collaborationStart", args: {} }))
          ?.code,
        "NOT_YOUR_INSTANCE",
      );
      assert.equal(
        (await ask({ t: "open", id: 2, participant: "p1" }))?.code,
        "NOT_YOUR_PARTICIPANT",
      );
      assert.equal(
        (await ask({ t: "claim", id: 3, participants: ["p1"] }))?.code,
        "PARTICIPANT_TAKEN",
      );
      assert.equal((await ask({ t: "close", id: 4, instance: victim }))?.code, "NOT_YOUR_INSTANCE");
      assert.equal(
        (await ask({ t: "claim", id: 5, participants: ["p99"] }))?.code,
        "UNKNOWN_PARTICIPANT",
      );
      // Its own participant: a method outside the host table is refused.
      assert.equal((await ask({ t: "claim", id: 6, count: 1 }))?.t, "claimed");
      const opened = await ask({ t: "open", id: 7, participant: "p2" });
      assert.equal(opened?.t, "opened");
      assert.equal(
        (
          await ask({
            t: "call",
            id: 8,
            instance: opened?.instance,
            method: "constructor",
            args: {},
          })
        )?.code,
        "UNKNOWN_METHOD",
      );
      assert.equal(server.meeting.session(), null, "nothing was done as p1");
      assert.equal(server.meeting.instances().find((i) => i.id === victim)?.closed, false);
      ws.close();
      await a.close();
    } finally {
      await server.close();
    }
  });

  test("oversized and malformed frames close only that connection", async () => {
    const server = await startMeetingServer({ port: 0, limits: { maxFrameBytes: 4096 } });
    try {
      const a = await joinMeetingServer(server.url, { participants: ["p1"] });
      const big = await rawView(server.url);
      const bigClosed = closeOf(big.ws);
      big.ws.send(JSON.stringify({ t: "claim", id: 1, count: 1, pad: "x".repeat(5000) }));
      assert.equal((await bigClosed).code, 1009);
      for (const junk of [
        "not json",
        "[1]",
        JSON.stringify({ t: "nope", id: 1 }),
        JSON.stringify({ t: "call", id: -1 }),
      ]) {
        const bad = await rawView(server.url);
        const closed = closeOf(bad.ws);
        bad.ws.send(junk);
        const c = await closed;
        assert.equal(c.code, 1008);
        assert.match(c.reason, /^BAD_FRAME/);
        assert.equal(bad.frames.at(-1)?.code, "BAD_FRAME");
      }
      const noHello = new WebSocket(server.url);
      await new Promise((r) => noHello.once("open", r));
      const noHelloClosed = closeOf(noHello);
      noHello.send(JSON.stringify({ t: "claim", id: 1, count: 1 }));
      assert.match((await noHelloClosed).reason, /^NOT_READY/);
      // The first view is unaffected.
      const ctx = await a.participants[0]?.wemeet.app.getRunningContext();
      assert.equal(ctx?.scene, "inMeeting");
      await a.close();
    } finally {
      await server.close();
    }
  });

  test("a short token is refused with a coded error", async () => {
    await assert.rejects(startMeetingServer({ port: 0, token: "short" }), (e: unknown) => {
      assert.ok(e instanceof MeetingServerError);
      assert.equal(e.code, "INVALID_ARGUMENT");
      return true;
    });
  });
});
