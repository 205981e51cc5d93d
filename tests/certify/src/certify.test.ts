/**
 * `yiqi certify` against real apps in headless Chromium: the bundled demo is certified under
 * both profiles; each broken fixture app fails exactly the cases it should.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { type CertifySetup, writeCertReports } from "@yiqi/conformance/node";
import { certifyWithHarness, failedIds, failures } from "./certifyRunner.ts";
import { type FixtureServer, serveFixtures } from "./serveFixtures.ts";

let fixtures: FixtureServer;
const reportDir = mkdtempSync(join(tmpdir(), "yiqi-certify-test-"));

before(async () => {
  fixtures = await serveFixtures();
});
after(async () => {
  await fixtures.close();
  rmSync(reportDir, { recursive: true, force: true });
});

const lines: string[] = [];
const onProgress = (line: string): void => {
  lines.push(line);
};

describe("the bundled demo", () => {
  for (const profile of ["collab-basic", "collab-full"]) {
    test(`is certified under ${profile}`, async () => {
      const outcome = await certifyWithHarness({
        profile,
        reportDir: join(reportDir, profile),
        onProgress,
      });
      assert.deepEqual(failedIds(outcome), [], failures(outcome));
      assert.equal(outcome.verdict.certified, true);
      assert.equal(outcome.exitCode, 0);
      const grades = new Map(outcome.run.results.map((r) => [r.id, r.grade]));
      // Every case of the profile is graded by the runner (none falls through to a default).
      for (const r of outcome.run.results)
        assert.doesNotMatch(r.message, /does not grade this case yet/, r.id);
      // Observed, not assumed: the flow cases are OK, the app-initiated start cases are not
      // claimed (the demo never calls start itself outside its own button).
      assert.equal(grades.get("A3.event.join"), "OK");
      // Earned, not inferred: the demo's own client reported that its listener ran, without
      // throwing, for every event (decision 0306), never the DOM-change fallback.
      for (const id of ["A3.event.start", "A3.event.join", "A3.event.leave", "A3.event.end"]) {
        const r = outcome.run.results.find((x) => x.id === id);
        assert.equal(r?.grade, "OK", id);
        assert.match(r?.message ?? "", /listener ran without throwing, as its client reported\)/);
      }
      assert.equal(grades.get("A3.end.closes-all"), "OK");
      assert.equal(grades.get("A3.start.canceled-handled"), "UNIMPLEMENTED");
      if (profile === "collab-full") {
        assert.equal(grades.get("A3.reload.recovers"), "OK");
        assert.equal(grades.get("A3.convergence.digest"), "OK");
      }
    });
  }
});

/** Broken apps, each under collab-basic with 2 participants and short timeouts. */
const broken: { file: string; failed: string[]; message?: [string, RegExp]; why?: RegExp }[] = [
  {
    file: "throws-on-join.html",
    failed: ["A3.event.join", "A3.session.no-uncaught-error"],
    // The page error names where it was thrown (file:line:column), the report entry too.
    message: [
      "A3.event.join",
      /roster\[e\.msOpenId\] is undefined \(at http:\/\/p\d\.[^ ]*\/throws-on-join\.html:\d+:\d+\)/,
    ],
  },
  {
    file: "ignores-end.html",
    failed: ["A3.end.closes-all", "A3.event.end", "A3.session.no-uncaught-error"],
    message: ["A3.event.end", /NO_ACTIVE_SESSION|no active/i],
  },
  {
    file: "attendee-start.html",
    failed: [
      "A1.load.no-uncaught-error",
      "A3.session.no-uncaught-error",
      "A3.start.attendee-rejected",
    ],
    message: ["A3.start.attendee-rejected", /NOT_PERMITTED/],
  },
  {
    // The shim refuses these before the host sees them: only recording the app's own calls
    // shows them.
    file: "bad-arguments.html",
    failed: ["A2.args.match-spec"],
    message: ["A2.args.match-spec", /setCollaborationConfig[\s\S]*url/],
  },
  {
    file: "throws-after-end.html",
    failed: ["A3.session.no-uncaught-error"],
    message: ["A3.session.no-uncaught-error", /p1: .*session\.roster is null/],
  },
  {
    // The dismissed confirmation is set in the harness URL, before any app opens: the host's
    // start on load meets it every run, never an accepted one.
    file: "autostart-unhandled.html",
    failed: [
      "A1.load.no-uncaught-error",
      "A3.session.no-uncaught-error",
      "A3.start.canceled-handled",
    ],
    message: ["A3.start.canceled-handled", /CANCELED[\s\S]*could not start: status 1/],
  },
  {
    file: "no-sdk.html",
    failed: ["A1.load.reaches-host"],
    message: ["A1.load.reaches-host", /SDK script was never requested/],
  },
  {
    // Spins while loading: the instances never connect and never answer again.
    file: "hangs.html",
    failed: ["A1.load.reaches-host", "A3.session.responsive"],
    message: ["A1.load.reaches-host", /busy loop/],
  },
  {
    // Loads the SDK and does nothing: the shim receives every event and reports that the app
    // has no listener for it.
    file: "no-call.html",
    failed: ["A3.event.end", "A3.event.join", "A3.event.leave", "A3.event.start"],
    message: ["A3.event.start", /p1 registers no listener for collaboration-change \(start/],
    why: /made no wemeet call and registered no event listener/,
  },
  {
    // A listener is registered, so the events are handled, but every call of it throws.
    file: "listener-throws.html",
    failed: [
      "A3.end.closes-all",
      "A3.event.end",
      "A3.event.join",
      "A3.event.leave",
      "A3.event.start",
      "A3.leave.closes-cleanly",
      "A3.session.no-uncaught-error",
      "A3.start.host-succeeds",
    ],
    // The client reports the throw: the grade quotes the error and where it was thrown.
    message: [
      "A3.event.start",
      /p1's collaboration-change listener threw on start \(1 of 1 listener\(s\)\): TypeError: (getElementById\(\.\.\.\) is null|Cannot set properties of null)[^\n]*\n\s*at .*listener-throws\.html/,
    ],
  },
  {
    // Loads the SDK only when the user opens its menu; without --setup nothing connects.
    file: "sdk-on-click.html",
    failed: ["A1.load.reaches-host"],
    message: ["A1.load.reaches-host", /SDK script was never requested.*--setup FILE/],
  },
];

/**
 * The case timeout of runs that must certify: only a bound (a good app answers long before it),
 * wide enough for a CI machine running other browser suites at once. Broken apps keep 4 s: their
 * cases time out by design, and a short bound keeps those runs short.
 */
const GOOD_APP_TIMEOUT_MS = 10_000;

describe("broken apps fail exactly the cases they should", () => {
  for (const b of broken) {
    test(b.file, async () => {
      const outcome = await certifyWithHarness({
        appUrl: fixtures.url(b.file),
        profile: "collab-basic",
        participants: 2,
        timeoutMs: 4000,
        settleMs: 500,
        reportDir: join(reportDir, b.file),
        onProgress,
      });
      assert.deepEqual(failedIds(outcome), [...b.failed].sort());
      assert.equal(outcome.verdict.certified, false);
      assert.equal(outcome.exitCode, 1);
      if (b.message) {
        const [id, re] = b.message;
        const r = outcome.run.results.find((x) => x.id === id);
        assert.match(r?.message ?? "", re);
      }
      if (b.why) assert.match(outcome.why ?? "", b.why);
    });
  }
});

test("--setup: an app that loads the SDK on a menu click is certified with the developer's steps", async () => {
  const setupFile = new URL("../apps/sdk-on-click.setup.mjs", import.meta.url).href;
  const { default: setup } = (await import(setupFile)) as { default: CertifySetup };
  const outcome = await certifyWithHarness({
    appUrl: fixtures.url("sdk-on-click.html"),
    participants: 2,
    timeoutMs: GOOD_APP_TIMEOUT_MS,
    settleMs: 500,
    setup,
    onProgress,
  });
  assert.deepEqual(failedIds(outcome), [], failures(outcome));
  assert.equal(outcome.verdict.certified, true);
  // Every instance ran the steps: the joiner's and the rejoiner's too.
  const grades = new Map(outcome.run.results.map((r) => [r.id, r.grade]));
  assert.equal(grades.get("A3.join.session-url"), "OK");
  assert.equal(grades.get("A3.event.join"), "OK");
});

/** This process's descendants whose command is Chromium's (the browsers certify launched). */
function chromiumDescendants(): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,comm="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/, 3) as [string, string, string]);
  const mine = new Set([String(process.pid)]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows)
      if (mine.has(ppid) && !mine.has(pid)) {
        mine.add(pid);
        grew = true;
      }
  }
  return rows.filter(([pid, , comm]) => mine.has(pid) && /chrom/i.test(comm)).length;
}

test("an app that spins after join: certify stops, grades the hang NOT CERTIFIED, leaves no browser", async () => {
  const before = chromiumDescendants();
  const outcome = await certifyWithHarness({
    appUrl: fixtures.url("busy-after-join.html"),
    participants: 2,
    // The step timeout is long: the run must end on the hang, not on the steps timing out.
    timeoutMs: 30_000,
    settleMs: 500,
    reportDir: join(reportDir, "busy-after-join"),
    onProgress,
  });
  assert.equal(outcome.verdict.certified, false);
  assert.equal(outcome.exitCode, 1);
  const r = outcome.run.results.find((x) => x.id === "A3.session.responsive");
  assert.equal(r?.grade, "FAILED");
  assert.match(r?.message ?? "", /stopped answering during join .*busy loop/);
  assert.match(outcome.why ?? "", /stopped answering/);
  // The reports of a stopped run are written like any other.
  const files = writeCertReports(join(reportDir, "busy-after-join"), outcome.run);
  assert.ok(existsSync(files.html) && existsSync(files.junit));
  assert.equal(chromiumDescendants(), before, "every browser process certify started is gone");
});

test("--budget: a run that runs out stops where it is, NOT CERTIFIED, and says so", async () => {
  const outcome = await certifyWithHarness({
    appUrl: fixtures.url("logs-errors.html"),
    participants: 2,
    timeoutMs: 4000,
    settleMs: 500,
    budgetMs: 1500,
    onProgress,
  });
  assert.equal(outcome.verdict.certified, false);
  const r = outcome.run.results.find((x) => x.id === "A3.session.responsive");
  assert.equal(r?.grade, "FAILED");
  assert.match(r?.message ?? "", /budget of 2 s ran out during .*raise --budget/);
});

test("collab-full: a SHOULD deviation (console errors while loading) is NON-STRICT, still certified", async () => {
  const outcome = await certifyWithHarness({
    appUrl: fixtures.url("logs-errors.html"),
    profile: "collab-full",
    participants: 2,
    timeoutMs: GOOD_APP_TIMEOUT_MS,
    settleMs: 500,
    onProgress,
  });
  assert.deepEqual(failedIds(outcome), [], failures(outcome));
  assert.equal(outcome.verdict.certified, true);
  const r = outcome.run.results.find((x) => x.id === "A1.load.no-console-error");
  assert.equal(r?.grade, "NON-STRICT");
  assert.match(r?.message ?? "", /p1: analytics: no tracking id configured/);
});

test("the app under test reaches only the harness and its own origin (no local services)", async () => {
  // A stand-in for what else runs on the certification machine: a private HTTP service and a
  // Rooms device on loopback. It counts every request and upgrade that reaches it.
  let reached = 0;
  const probe = createServer((_req, res) => {
    reached++;
    res.end("secret");
  });
  probe.on("upgrade", (_req, socket) => {
    reached++;
    socket.destroy();
  });
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const { port } = probe.address() as AddressInfo;
  try {
    const outcome = await certifyWithHarness({
      appUrl: `${fixtures.url("reaches-out.html")}?probe=${port}&rooms=${port}`,
      participants: 2,
      timeoutMs: 4000,
      settleMs: 500,
      onProgress,
    });
    assert.equal(reached, 0, "no request from the app reached the local service");
    const blocked = outcome.run.info.network?.blocked.map((b) => new URL(b.url).origin) ?? [];
    assert.ok(blocked.includes(`http://127.0.0.1:${port}`), JSON.stringify(blocked));
    assert.ok(blocked.includes(`http://localhost:${port}`), JSON.stringify(blocked));
    assert.ok(blocked.includes(`ws://127.0.0.1:${port}`), JSON.stringify(blocked));
    assert.ok(
      lines.some(
        (l) => l.includes(`refused ws://127.0.0.1:${port}`) && l.includes("--allow-origin"),
      ),
    );
    // The fence is not a verdict: the app still follows the session.
    assert.deepEqual(failedIds(outcome), [], failures(outcome));
    // And an origin the caller allows is reached.
    reached = 0;
    await certifyWithHarness({
      appUrl: `${fixtures.url("reaches-out.html")}?probe=${port}&rooms=${port}`,
      participants: 2,
      timeoutMs: GOOD_APP_TIMEOUT_MS,
      settleMs: 500,
      allowOrigins: [`http://127.0.0.1:${port}`],
    });
    assert.ok(reached >= 1, "an allowed origin is reached");
  } finally {
    probe.closeAllConnections();
    await new Promise<void>((r) => probe.close(() => r()));
  }
});

test("expectations: an expected MUST failure does not fail CI, the verdict stays", async () => {
  const outcome = await certifyWithHarness({
    appUrl: fixtures.url("throws-on-join.html"),
    participants: 2,
    timeoutMs: 4000,
    settleMs: 500,
    expectations: {
      app: "throws-on-join",
      expectations: [
        { id: "A3.event.join", grade: "FAILED", reason: "known bug #12" },
        { id: "A3.session.no-uncaught-error", grade: "FAILED", reason: "known bug #12" },
      ],
    },
  });
  assert.equal(outcome.verdict.certified, false);
  assert.equal(outcome.exitCode, 0);
  assert.deepEqual(outcome.applied?.unexpectedFailures, []);
  // The report's entry for the uncaught error carries where it was thrown and the stack.
  const session = outcome.run.results.find((r) => r.id === "A3.session.no-uncaught-error");
  const entry = Object.values(session?.evidence.trace ?? {})
    .flat()
    .find((e) => e.kind === "pageerror");
  const data = entry?.data as { error?: string; at?: string; stack?: string } | undefined;
  assert.match(data?.at ?? "", /\/throws-on-join\.html:\d+:\d+$/, JSON.stringify(entry));
  assert.match(data?.stack ?? "", /throws-on-join\.html:\d+:\d+/);
});

describe("yiqi certify: usage and environment problems exit 2 with what to do", () => {
  const cli = fileURLToPath(new URL("bin/yiqi.js", import.meta.resolve("@yiqi/cli/package.json")));
  // Asynchronous: the fixture server answering the CLI lives in this process.
  const run = (...args: string[]): Promise<{ status: number | null; out: string }> =>
    new Promise((resolveRun, reject) => {
      const child = execFile(
        process.execPath,
        [cli, "certify", ...args],
        { encoding: "utf8", timeout: 60_000 },
        (error, stdout, stderr) => {
          const status = error ? (typeof error.code === "number" ? error.code : null) : 0;
          if (error && status === null) reject(error);
          else resolveRun({ status, out: `${stdout}${stderr}` });
        },
      );
      child.stdin?.end();
    });

  test("an app nobody serves: the cause and the fix", async () => {
    // A port that was just free: nothing listens on it.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const { status, out } = await run(
      `http://127.0.0.1:${port}/`,
      "--report",
      join(reportDir, "none"),
    );
    assert.equal(status, 2, out);
    assert.match(out, /unreachable \(ECONNREFUSED\): start its server/);
  });

  test("a path the app's server does not have: the status and what to check", async () => {
    const { status, out } = await run(
      fixtures.url("no-such-page.html"),
      "--report",
      join(reportDir, "404"),
    );
    assert.equal(status, 2, out);
    assert.match(out, /answers 404 for .*no-such-page\.html: nothing is there; check the path/);
  });

  test("a port browsers refuse, a URL that is not http, a bad flag value, an unknown flag", async () => {
    for (const [args, expected] of [
      [["http://127.0.0.1:9/"], /port 9 is one browsers refuse to load.*another port/],
      [["file:///tmp/app.html"], /not an http\(s\) URL/],
      [
        ["--profile", "collab-max"],
        /unknown profile "collab-max": use collab-basic or collab-full/,
      ],
      [["--participants", "40"], /--participants must be a whole number from 2 to 8/],
      [["--bogus"], /[Uu]nknown option '?--bogus'?[\s\S]*yiqi certify/],
      [["--timeout", "0.5"], /--timeout must be a number of seconds from 1 to 600/],
      [["demo", "--budget", "soon"], /--budget must be a duration from 10s to 24h/],
      [[], /pass your app's URL \(yiqi certify http:\/\/localhost:5173\/\) or demo/],
      [
        ["demo", "--report", "/dev/null/report"],
        /cannot write the report to \/dev\/null\/report.*--report/,
      ],
    ] as const) {
      const { status, out } = await run(...args);
      assert.equal(status, 2, `${args.join(" ")}: ${out}`);
      assert.match(out, expected);
    }
  });
  test("a typo'd case id in the expectations file names the nearest case", async () => {
    const file = join(reportDir, "typo.json");
    writeFileSync(
      file,
      JSON.stringify({
        app: "x",
        expectations: [{ id: "A3.event.joined", grade: "FAILED", reason: "known" }],
      }),
    );
    const { status, out } = await run("demo", "--expectations", file);
    assert.equal(status, 2, out);
    assert.match(out, /"A3\.event\.joined" is not a case .*did you mean "A3\.event\.join"\?/);
  });

  test("--update-expectations writes the file from the run, and the run then passes CI", async () => {
    const file = join(reportDir, "written-expectations.json");
    const { status, out } = await run(
      fixtures.url("throws-on-join.html"),
      "--participants",
      "2",
      "--timeout",
      "4",
      "--expectations",
      file,
      "--update-expectations",
      "--report",
      join(reportDir, "update"),
    );
    assert.equal(status, 0, out);
    assert.match(out, /NOT CERTIFIED under collab-basic — A3\.event\.join: /);
    const written = JSON.parse(readFileSync(file, "utf8")) as {
      expectations: { id: string; grade: string; reason: string }[];
    };
    assert.deepEqual(
      written.expectations.map((e) => `${e.id} ${e.grade}`),
      ["A3.event.join FAILED", "A3.session.no-uncaught-error FAILED"],
    );
    assert.match(written.expectations[0]?.reason ?? "", /^recorded by --update-expectations on /);
  });
});
