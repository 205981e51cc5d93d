import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { joinMeetingServer } from "@yiqi/mock-host/node";
import { WebSocket } from "ws";
import { viewLinkOf } from "../page/serverConfig.ts";
import { type HarnessServer, type ServerMeetingConfig, startHarnessServer } from "./server.ts";
import { type StubBuild, stubBuild } from "./testing/stubBuild.ts";

/** Opens `/__yiqi/meeting` as `origin`; resolves with the socket or the refusal status. */
const socket = (port: number, query: string, origin?: string): Promise<WebSocket | number> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__yiqi/meeting?${query}`, {
      ...(origin ? { origin } : {}),
    });
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", () => resolve(0));
  });

/** The status and text of a `/__yiqi/meeting` upgrade that is refused (0 if it was admitted). */
const refusal = (port: number, query: string, origin?: string): Promise<[number, string]> =>
  new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__yiqi/meeting?${query}`, {
      ...(origin ? { origin } : {}),
    });
    ws.once("open", () => {
      ws.close();
      resolve([0, "admitted"]);
    });
    ws.once("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve([res.statusCode ?? 0, body]));
    });
    ws.once("error", () => resolve([0, "error"]));
  });

/** A page's socket with a `request` that resolves with the answer to the frame it sends. */
async function page(
  port: number,
  query: string,
  protocol = 1,
): Promise<{
  ws: WebSocket;
  frames: Record<string, unknown>[];
  request(frame: Record<string, unknown>): Promise<Record<string, unknown>>;
}> {
  const ws = await socket(port, query, `http://127.0.0.1:${port}`);
  assert.ok(ws instanceof WebSocket, `the page is admitted (got ${String(ws)})`);
  const answers = new Map<unknown, (f: Record<string, unknown>) => void>();
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (d) => {
    const f = JSON.parse(String(d)) as Record<string, unknown>;
    frames.push(f);
    const key = f.t === "welcome" ? "hello" : f.id;
    answers.get(key)?.(f);
    answers.delete(key);
  });
  const request = (frame: Record<string, unknown>): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${frame.t}`)), 5000);
      answers.set(frame.t === "hello" ? "hello" : frame.id, (f) => {
        clearTimeout(timer);
        resolve(f);
      });
      ws.send(JSON.stringify(frame));
    });
  await request({ t: "hello", protocol });
  return { ws, frames, request };
}

describe("yiqi harness runs the meeting in its own process (decision 0038)", () => {
  let harness: HarnessServer;
  let build: StubBuild;
  let token: string;
  before(async () => {
    build = stubBuild("yiqi-meeting-", {
      view: "<!doctype html><html><head></head><body>v</body></html>",
      index: "<!doctype html><html><body>harness</body></html>",
    });
    harness = await startHarnessServer({ port: 0, participants: 3, ...build.assets });
    token = new URL(harness.joinLink).searchParams.get("token") ?? "";
  });
  after(async () => {
    await harness.close();
    build.remove();
  });

  test("one meeting on the harness port: its join link, view links and the page's config", async () => {
    const link = new URL(harness.joinLink);
    assert.equal(link.origin, `ws://127.0.0.1:${harness.port}`, "no second port");
    assert.equal(link.pathname, "/__yiqi/meeting");
    assert.ok(token.length >= 22, "a fresh 128-bit token");
    assert.equal(harness.meetingCore?.token, token);
    assert.deepEqual(
      harness.meetingCore?.meeting.participants().map((p) => p.id),
      ["p1", "p2", "p3"],
    );
    const view = new URL(harness.viewUrl("p2"));
    assert.equal(`${view.origin}${view.pathname}`, `http://127.0.0.1:${harness.port}/p/p2`);
    assert.match(view.searchParams.get("token") ?? "", /^p2\.[\w-]{22}$/, "p2's own token");
    assert.ok(!view.href.includes(token), "the meeting's token is in no participant's link");
    assert.equal((await fetch(view)).status, 200);
    assert.equal((await fetch(new URL("/p/p2", view))).status, 401);
    const config = (await (await fetch(new URL("/__yiqi/config", view))).json()) as {
      meeting?: ServerMeetingConfig;
    };
    assert.equal(config.meeting?.link, harness.joinLink);
    const meeting = config.meeting as ServerMeetingConfig;
    assert.ok(!meeting.viewLink.includes(token), "nor in the pattern the meeting panel fills");
    for (const id of ["p1", "p2", "p3", "p999"])
      assert.equal(viewLinkOf(meeting, id), harness.viewUrl(id), id);
  });

  test("the socket needs the token (checked before the upgrade) and a harness page's Origin", async () => {
    const origin = `http://127.0.0.1:${harness.port}`;
    assert.equal(await socket(harness.port, "", origin), 401, "no token");
    assert.equal(await socket(harness.port, `token=${"x".repeat(22)}`, origin), 401);
    for (const other of [
      `http://p2.demo.localhost:${harness.port}`,
      `http://p1.demo.localhost:${harness.port}`,
      "http://evil.example",
      `http://127.0.0.1:${harness.port + 1}`,
    ])
      assert.equal(await socket(harness.port, `token=${token}`, other), 403, other);
    assert.equal(
      await socket(harness.port, `token=${token}&participant=admin`, origin),
      400,
      "a participant of another form",
    );
  });

  test("the full page is not pinned; a view page acts only as its participant", async () => {
    const full = await page(harness.port, `token=${token}`);
    const phone = await page(harness.port, `token=${token}&participant=p2`);
    try {
      for (const frame of [
        { t: "claim", id: 1, participants: ["p3"] },
        { t: "claim", id: 2, count: 1 },
        { t: "claim", id: 3, participants: ["p1"], takeover: true },
        { t: "open", id: 4, participant: "p3" },
        { t: "drive", id: 5, action: "ui.join", args: ["p3"] },
        { t: "drive", id: 6, action: "addParticipant", args: [{ nickname: "Eve" }] },
        { t: "reset", id: 7, options: {} },
      ]) {
        const answer = await phone.request(frame);
        assert.equal(answer.code, "NOT_YOUR_PARTICIPANT", JSON.stringify(frame));
      }
      assert.equal((await phone.request({ t: "claim", id: 8, participants: ["p2"] })).t, "claimed");
      const opened = await phone.request({ t: "open", id: 9, participant: "p2" });
      assert.equal(opened.t, "opened");
      // The full page claims the others, and may not take p2 from the phone without a takeover.
      const claimed = await full.request({ t: "claim", id: 1, participants: ["p1", "p3"] });
      assert.equal(claimed.t, "claimed");
      const taken = await full.request({ t: "claim", id: 2, participants: ["p2"] });
      assert.equal(taken.code, "PARTICIPANT_TAKEN");
      const holders = harness.meetingCore?.assignments();
      assert.deepEqual([holders?.get("p1"), holders?.get("p3")], ["v1", "v1"]);
      assert.equal(holders?.get("p2"), "v2");
    } finally {
      full.ws.close();
      phone.ws.close();
    }
  });

  test("protocol 2: a view page takes its participant over and drives only its client", async () => {
    const full = await page(harness.port, `token=${token}`, 2);
    const phone = await page(harness.port, `token=${token}&participant=p3`, 2);
    try {
      const held = await full.request({ t: "claim", id: 1, participants: ["p1", "p3"] });
      assert.equal(held.t, "claimed");
      const takeOther = { t: "claim", id: 1, participants: ["p1"], takeover: true };
      assert.equal((await phone.request(takeOther)).code, "NOT_YOUR_PARTICIPANT");
      const take = await phone.request({ t: "claim", id: 2, participants: ["p3"], takeover: true });
      assert.equal(take.t, "claimed");
      const end = Date.now() + 5000;
      while (!full.frames.some((f) => f.t === "released") && Date.now() < end)
        await new Promise((r) => setTimeout(r, 5));
      const released = full.frames.find((f) => f.t === "released");
      assert.deepEqual(released?.participants, ["p3"], "the harness page is told");
      const phoneView = phone.frames.find((f) => f.t === "welcome")?.view;
      assert.equal(harness.meetingCore?.assignments().get("p3"), phoneView);
      const own = await phone.request({ t: "drive", id: 3, action: "ui.openApp", args: ["p3"] });
      assert.equal(own.t, "result", JSON.stringify(own));
      for (const [id, action, args] of [
        [4, "ui.openApp", ["p1"]],
        [5, "ui.end", ["p1"]],
        [6, "removeParticipant", ["p1"]],
        [7, "setDecisions", [{ permissiveAuth: true }]],
      ] as const) {
        const answer = await phone.request({ t: "drive", id, action, args });
        assert.equal(answer.code, "NOT_YOUR_PARTICIPANT", action);
      }
      assert.equal(
        (await phone.request({ t: "reset", id: 8, options: {} })).code,
        "NOT_YOUR_PARTICIPANT",
      );
      // The full page is the meeting's owner: it drives anything.
      const added = await full.request({
        t: "drive",
        id: 9,
        action: "addParticipant",
        args: [{ nickname: "Zoe" }],
      });
      assert.equal(added.t, "result");
    } finally {
      full.ws.close();
      phone.ws.close();
    }
  });

  test("a headless view joins with the join link (no Origin) and holds its own participants", async () => {
    const view = await joinMeetingServer(harness.joinLink, { participants: 2 });
    try {
      assert.equal(view.participants.length, 2);
      const ids = view.participants.map((p) => p.participantId);
      for (const id of ids) assert.ok(harness.meetingCore?.assignments().has(id), id);
    } finally {
      await view.close();
    }
  });
  test("a participant's link admits that participant only (decision 0037)", async () => {
    const origin = `http://127.0.0.1:${harness.port}`;
    const own = new URL(harness.viewUrl("p2")).searchParams.get("token") ?? "";
    // The page: p2's link opens /p/p2; on /p/p3 it is refused with what to do.
    assert.equal((await fetch(`${origin}/p/p2?token=${own}`)).status, 200);
    const other = await fetch(`${origin}/p/p3?token=${own}`);
    assert.equal(other.status, 403);
    const body = await other.text();
    assert.match(body, /data-refused="TOKEN_FOR_ANOTHER_PARTICIPANT"/);
    assert.match(body, /This link is p2&#39;s: it opens p2&#39;s page \(\/p\/p2\) only/);
    assert.equal((await fetch(`${origin}/p/p3?token=${token}`)).status, 200, "the meeting's");
    assert.equal((await fetch(`${origin}/p/p3?token=${own.replace("p2.", "p3.")}`)).status, 401);
    // The socket: unpinned or pinned to another participant is refused before the upgrade, from
    // the page and from a process (no Origin) alike.
    for (const from of [origin, undefined]) {
      const [unpinned, why] = await refusal(harness.port, `token=${own}`, from);
      assert.equal(unpinned, 403, String(from));
      assert.match(why, /^TOKEN_FOR_ANOTHER_PARTICIPANT: .*connect with \?participant=p2/);
      const [another, whyNot] = await refusal(harness.port, `token=${own}&participant=p3`, from);
      assert.equal(another, 403, String(from));
      assert.match(whyNot, /^TOKEN_FOR_ANOTHER_PARTICIPANT: .*p2 only, not p3/);
    }
    assert.deepEqual(await refusal(harness.port, `token=${own}x&participant=p2`, origin), [
      401,
      "BAD_TOKEN: open the page link the meeting's host shared (it carries ?token=).\n",
    ]);
    // Pinned to p2: it acts as p2 and as no one else.
    const phone = await page(harness.port, `token=${own}&participant=p2`, 2);
    const full = await page(harness.port, `token=${token}`, 2);
    try {
      const take = await phone.request({ t: "claim", id: 1, participants: ["p2"], takeover: true });
      assert.equal(take.t, "claimed", JSON.stringify(take));
      for (const frame of [
        { t: "claim", id: 2, participants: ["p3"], takeover: true },
        { t: "open", id: 3, participant: "p3" },
        { t: "drive", id: 4, action: "ui.openApp", args: ["p3"] },
        { t: "drive", id: 5, action: "addParticipant", args: [{ nickname: "Eve" }] },
        { t: "reset", id: 6, options: {} },
      ]) {
        const answer = await phone.request(frame);
        assert.equal(answer.code, "NOT_YOUR_PARTICIPANT", JSON.stringify(frame));
      }
      // The meeting's token keeps full access.
      const added = await full.request({
        t: "drive",
        id: 1,
        action: "addParticipant",
        args: [{ nickname: "Yan" }],
      });
      assert.equal(added.t, "result", JSON.stringify(added));
    } finally {
      phone.ws.close();
      full.ws.close();
    }
  });
});
