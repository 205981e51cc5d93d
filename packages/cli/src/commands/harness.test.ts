import assert from "node:assert/strict";
import { test } from "node:test";
import { main } from "../main.ts";

test("yiqi harness serves the harness and the shim, prints its URL, and stops on request", async () => {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  const done = main(["harness", "--port", "0", "--participants", "4"], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stopped,
  });
  const deadline = Date.now() + 10_000;
  while (!out.some((l) => l.startsWith("Yiqi harness:")) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const line = out.find((l) => l.startsWith("Yiqi harness:"));
  assert.ok(line, `no URL printed: ${err.join("\n")}`);
  const url = new URL(line.slice("Yiqi harness: ".length));
  assert.equal(url.hostname, "127.0.0.1");
  assert.equal(url.searchParams.get("participants"), "4");
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<html/i);
  const config = (await (await fetch(new URL("/__yiqi/config", url))).json()) as {
    participants: number;
    defaultApp: string;
  };
  assert.deepEqual([config.participants, config.defaultApp], [4, "demo"]);
  stop();
  assert.equal(await done, 0);
  assert.equal(out.at(-1), "Yiqi harness stopped.");
  await assert.rejects(fetch(url), "the port is closed after stop");
});

test("yiqi harness refuses bad options with exit 2 and says what to do", async () => {
  for (const [args, pattern] of [
    [["--port", "70000"], /--port must be a port number/],
    [["--participants", "0"], /--participants must be a whole number from 1 to 128/],
    [["--app", "ftp://x"], /not an http\(s\) URL/],
    [["--app", "not a url"], /is not a URL/],
    [["--nope"], /unknown option --/],
  ] as const) {
    const err: string[] = [];
    const code = await main(["harness", ...args], {
      out: () => {},
      err: (l) => err.push(l),
      stopped: new Promise(() => {}),
    });
    assert.equal(code, 2, args.join(" "));
    assert.match(err.join("\n"), pattern);
    // Like every command's usage errors: the problem, then where the usage is.
    assert.equal(err.at(-1), "Run `yiqi harness --help` for usage.", args.join(" "));
  }
});

test("yiqi harness prints the meeting's join link and the participants' view link next to its URL", async () => {
  const out: string[] = [];
  const err: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  const done = main(["harness", "--port", "0", "--participants", "2"], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    stopped,
  });
  try {
    const deadline = Date.now() + 10_000;
    const find = (prefix: string): string | undefined =>
      out.find((l) => l.trim().startsWith(prefix));
    while (!find("join from another browser") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const harnessUrl = new URL(find("Yiqi harness:")?.slice("Yiqi harness: ".length) ?? "");
    const join = /(ws:\/\/\S+)/.exec(find("meeting:") ?? "")?.[1];
    assert.ok(join, `no join link printed: ${[...out, ...err].join("\n")}`);
    const link = new URL(join);
    assert.equal(link.host, harnessUrl.host, "the meeting is on the harness's own port");
    assert.equal(link.pathname, "/__yiqi/meeting");
    const token = link.searchParams.get("token") ?? "";
    assert.ok(token.length >= 22);
    assert.match(find("join from another browser") ?? "", /admits it only/);
    const p2 = /(http:\/\/\S+)/.exec(find("p2:") ?? "")?.[1] ?? "";
    assert.ok(find("p1:"), "one link per participant");
    const view = new URL(p2);
    assert.equal(view.pathname, "/p/p2");
    // As the meeting panel's links: opened elsewhere, it moves p2 there (the page holds p2).
    assert.equal(view.searchParams.get("takeover"), "1");
    const own = view.searchParams.get("token") ?? "";
    assert.match(own, /^p2\./, "p2's own token, never the meeting's (decision 0037)");
    assert.ok(!p2.includes(token));
    assert.equal((await fetch(view)).status, 200, "the view page of p2 is served with its token");
    assert.equal((await fetch(new URL(`/p/p1?token=${own}`, view))).status, 403, "not p1's");
    view.search = "";
    assert.equal((await fetch(view)).status, 401, "and refused without it");
  } finally {
    stop();
    assert.equal(await done, 0);
  }
});

test("yiqi harness --host <address> prints links on that address for phones on the network", async () => {
  const out: string[] = [];
  let stop: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    stop = r;
  });
  // 127.0.0.2 stands for a LAN address without exposing the test to a network.
  const done = main(["harness", "--port", "0", "--host", "127.0.0.2"], {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    stopped,
  });
  try {
    const deadline = Date.now() + 10_000;
    while (!out.some((l) => l.includes("listening on")) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const text = out.join("\n");
    assert.match(text, /listening on 127\.0\.0\.2: anyone on the network with a link/);
    const view = /^ {4}p1: (http:\/\/\S+)$/m.exec(text)?.[1] ?? "";
    assert.equal(new URL(view).hostname, "127.0.0.2", text);
    assert.match(text, /headless views join with ws:\/\/127\.0\.0\.2:\d+\/__yiqi\/meeting\?token=/);
  } finally {
    stop();
    assert.equal(await done, 0);
  }
});
