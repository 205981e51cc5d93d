import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { WebSocket } from "ws";
import { createMeeting } from "../meeting/meeting.ts";
import { startMeetingServer } from "../node.ts";

/**
 * What a browser view page shows and needs (decision 0031, "The view page"): the meeting's
 * subject in `welcome`, the participant's role in `claimed`, and where the client shows the app
 * after a join from the client replaced it, in `closed`.
 */
test("welcome, claimed and closed carry what a view page shows and reopens", async () => {
  const meeting = createMeeting({
    participants: [
      { nickname: "Host", role: RoleType.HOST },
      { nickname: "Mei", platform: "iOS" },
    ],
    meetingInfo: { meetingSubject: "Design review" },
  });
  const server = await startMeetingServer({ port: 0, meeting });
  const ws = new WebSocket(server.url);
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (d) => frames.push(JSON.parse(String(d))));
  const next = async (t: string): Promise<Record<string, unknown>> => {
    const end = Date.now() + 5000;
    for (;;) {
      const i = frames.findIndex((f) => f.t === t);
      if (i !== -1) return frames.splice(i, 1)[0] as Record<string, unknown>;
      if (Date.now() > end) throw new Error(`no ${t} frame`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  try {
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    ws.send(JSON.stringify({ t: "hello", protocol: 1 }));
    assert.equal((await next("welcome")).subject, "Design review");
    ws.send(JSON.stringify({ t: "claim", id: 1, participants: ["p2"] }));
    assert.deepEqual((await next("claimed")).participants, [
      { id: "p2", nickname: "Mei", role: RoleType.ATTENDEE },
    ]);
    const url = "http://p2.demo.localhost:7100/";
    ws.send(JSON.stringify({ t: "open", id: 2, participant: "p2", url }));
    const opened = await next("opened");
    // The host starts; Mei joins from her client's invitation: her app is replaced.
    meeting.ui.openApp("p1");
    const host = meeting.openInstance("p1", { url: "http://p1.demo.localhost:7100/" });
    assert.equal(
      (await host.api.collaborationStart({ pageUrl: "http://p1.demo.localhost:7100/" })).ok,
      true,
    );
    assert.equal(meeting.ui.join("p2").ok, true);
    const closed = await next("closed");
    assert.equal(closed.instance, opened.instance);
    assert.match(String(closed.reason), /replaced by the 一起用 instance/);
    assert.equal(closed.url, meeting.session()?.url);
  } finally {
    ws.close();
    await server.close();
  }
});
