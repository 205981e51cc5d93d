/**
 * Runs the load project (playwright.config.ts) against a meeting server given by URL, then
 * checks the server's side: one session, every worker's participants joined it, and every view's
 * instances closed when the workers left.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { startMeetingServer } from "@yiqi/mock-host/node";
import { PARTICIPANTS_PER_WORKER, WORKERS } from "../load.ts";

const CLI = createRequire(import.meta.url).resolve("@playwright/test/cli");
const ROOT = fileURLToPath(new URL("..", import.meta.url));

test("two Playwright workers bring their participants into one meeting and converge", async () => {
  const server = await startMeetingServer({ port: 0 });
  try {
    const out: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, "test"], {
        cwd: ROOT,
        env: { ...process.env, YIQI_MEETING_URL: server.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.on("data", (d) => out.push(String(d)));
      child.stderr.on("data", (d) => out.push(String(d)));
      const timer = setTimeout(() => child.kill(), 120_000);
      child.on("close", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    assert.equal(code, 0, out.join(""));
    const session = server.meeting.session();
    assert.ok(session, "the session is still active");
    assert.equal(session.joined.length, WORKERS * PARTICIPANTS_PER_WORKER);
    assert.equal(server.meeting.participants().length, 1 + WORKERS * PARTICIPANTS_PER_WORKER);
    const nicknames = server.meeting.participants().map((p) => p.nickname);
    assert.equal(
      new Set(nicknames.map((n) => n.split("-")[0])).size,
      1 + WORKERS,
      "2 workers + host",
    );
    assert.ok(
      server.meeting.instances().every((i) => i.closed),
      "every view left",
    );
    assert.equal(server.core.assignments().size, 0);
  } finally {
    await server.close();
  }
});
