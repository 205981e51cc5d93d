import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "../main.ts";

test("yiqi meeting --participants 2 --pages 0 prints one page link per participant, token-checked", async () => {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  const done = main(["meeting", "--port", "0", "--participants", "2", "--pages", "0"], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stopped,
  });
  const deadline = Date.now() + 10_000;
  while (!out.some((l) => l.trim().startsWith("p2:")) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const link = (id: string): URL => {
    const line = out.find((l) => l.trim().startsWith(`${id}:`));
    assert.ok(line, `no page link for ${id}: ${[...out, ...err].join("\n")}`);
    return new URL(
      line
        .trim()
        .slice(id.length + 1)
        .trim(),
    );
  };
  try {
    assert.match(out.join("\n"), /free to claim: p1, p2/);
    const p2 = link("p2");
    assert.equal(p2.pathname, "/p/p2");
    const token = p2.searchParams.get("token") ?? "";
    const meetingToken = new URL(out[0]?.slice("Yiqi meeting: ".length) ?? "").searchParams.get(
      "token",
    );
    assert.ok(meetingToken && !p2.href.includes(meetingToken), "not the join link's token");
    assert.match(token, /^p2\./, "p2's own token, derived from it (decision 0037)");
    assert.equal((await fetch(p2)).status, 200);
    assert.equal((await fetch(new URL(`/p/p1?token=${token}`, p2))).status, 403, "p2's only");
    assert.equal((await fetch(new URL("/p/p2", p2))).status, 401);
    assert.equal(link("p1").pathname, "/p/p1");
  } finally {
    stop();
  }
  assert.equal(await done, 0);
});

test("yiqi meeting refuses a bad --participants or --pages with exit 2", async () => {
  const err: string[] = [];
  const io = {
    out: () => {},
    err: (l: string) => err.push(l),
    stopped: new Promise<void>(() => {}),
  };
  assert.equal(await main(["meeting", "--participants", "0"], io), 2);
  assert.match(err.join("\n"), /--participants must be a whole number from 1 to 128/);
  assert.equal(await main(["meeting", "--pages", "x"], io), 2);
  assert.match(err.join("\n"), /--pages must be a port number/);
});
