import assert from "node:assert/strict";
import { test } from "node:test";
import { joinMeetingServer } from "@yiqi/mock-host/node";
import { main } from "../main.ts";

test("yiqi meeting prints a join link with a token, serves views, and stops on request", async () => {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  const done = main(["meeting", "--port", "0"], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stopped,
  });
  const deadline = Date.now() + 10_000;
  while (!out.some((l) => l.startsWith("Yiqi meeting:")) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const line = out.find((l) => l.startsWith("Yiqi meeting:"));
  assert.ok(line, `no link printed: ${err.join("\n")}`);
  const link = new URL(line.slice("Yiqi meeting: ".length));
  assert.equal(link.hostname, "127.0.0.1");
  assert.ok((link.searchParams.get("token") ?? "").length >= 22);
  const view = await joinMeetingServer(link.href, { participants: ["p1"] });
  assert.equal((await view.participants[0]?.wemeet.app.getRunningContext())?.scene, "inMeeting");
  await view.close();
  stop();
  assert.equal(await done, 0);
  assert.equal(out.at(-1), "Yiqi meeting stopped.");
});

test("yiqi meeting refuses a bad port and a short token with exit 2", async () => {
  const err: string[] = [];
  const io = {
    out: () => {},
    err: (l: string) => err.push(l),
    stopped: new Promise<void>(() => {}),
  };
  assert.equal(await main(["meeting", "--port", "x"], io), 2);
  assert.match(err.join("\n"), /--port must be a port number/);
  process.env.YIQI_MEETING_TOKEN = "short";
  try {
    assert.equal(await main(["meeting", "--port", "0"], io), 2);
    assert.match(err.join("\n"), /INVALID_ARGUMENT: the meeting token must be at least 22/);
  } finally {
    delete process.env.YIQI_MEETING_TOKEN;
  }
});
