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
