/**
 * The catalogue certification as a platform team runs it in CI: the Playwright project of this
 * package as two shards at once (blob reporter, one directory each), then
 * `playwright merge-reports` over both blobs into one JSON and one HTML report. The merged
 * report must hold every app of catalogue.json once, with the outcome and verdict its entry
 * declares and its certification reports attached. And a catalogue that is wrong about its apps
 * fails their tests with the verdict line.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = createRequire(import.meta.url).resolve("@playwright/test/cli");
const tmp = mkdtempSync(join(tmpdir(), "yiqi-catalogue-"));
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the Playwright CLI in this package, bounded; resolves with its exit code and output. */
function playwright(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, PLAYWRIGHT_HTML_OPEN: "never", ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
      killSignal: "SIGKILL",
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

interface JsonResult {
  status: string;
  errors: { message?: string }[];
  attachments: { name: string; path?: string; contentType: string }[];
}
interface JsonTest {
  status: string;
  expectedStatus: string;
  annotations: { type: string; description?: string }[];
  results: JsonResult[];
}
interface JsonSuite {
  title: string;
  specs?: { title: string; tests: JsonTest[] }[];
  suites?: JsonSuite[];
}
interface JsonReport {
  suites: JsonSuite[];
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
}

/** Every test of a JSON report by title. */
function testsByTitle(report: JsonReport): Map<string, JsonTest[]> {
  const byTitle = new Map<string, JsonTest[]>();
  const walk = (suite: JsonSuite): void => {
    for (const spec of suite.specs ?? [])
      byTitle.set(spec.title, [...(byTitle.get(spec.title) ?? []), ...spec.tests]);
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites) walk(suite);
  return byTitle;
}

const verdictOf = (t: JsonTest): string =>
  t.annotations.find((a) => a.type === "yiqi-verdict")?.description ?? "";

/** What each app of catalogue.json must get, by its name. */
const DECLARED: Record<string, { verdict: RegExp; app: RegExp }> = {
  "Pixel Party (the bundled demo)": { verdict: /^CERTIFIED under collab-basic: /, app: /^demo/ },
  "SDK on a menu click (with setup steps)": {
    verdict: /^CERTIFIED under collab-basic: /,
    app: /\/sdk-on-click\.html$/,
  },
  "No call (deviations recorded)": {
    verdict:
      /^NOT CERTIFIED under collab-basic — .*failed MUST: A3\.event\.start.*\(every MUST failure is expected by the expectations file\)$/,
    app: /\/no-call\.html$/,
  },
  "Throws on join (known broken)": {
    verdict: /^NOT CERTIFIED under collab-basic — .*failed MUST: .*A3\.event\.join/,
    app: /\/throws-on-join\.html$/,
  },
};

test("two shards of the catalogue merge into one report: every app once, its verdict, its reports", {
  timeout: 10 * 60_000,
}, async () => {
  const catalogue = JSON.parse(readFileSync(join(ROOT, "catalogue.json"), "utf8")) as {
    apps: { name: string }[];
  };
  assert.deepEqual(catalogue.apps.map((a) => a.name).sort(), Object.keys(DECLARED).sort());
  // Both shards at once, as two CI machines would: each its own fixture server, harnesses,
  // browsers and output directory.
  const shards = await Promise.all(
    [1, 2].map((i) =>
      playwright(
        ["test", `--shard=${i}/2`, "--workers=1", `--output=${join(tmp, `results-${i}`)}`],
        { PLAYWRIGHT_BLOB_OUTPUT_DIR: join(tmp, `blob-${i}`) },
        5 * 60_000,
      ),
    ),
  );
  shards.forEach(({ code, out }, n) => {
    assert.equal(code, 0, out);
    assert.match(out, new RegExp(`Running 2 tests using 1 worker, shard ${n + 1} of 2`), out);
  });
  // The CI merge job: every shard's blob in one directory (their names carry the shard).
  const blobs = join(tmp, "all-blob-reports");
  for (const i of [1, 2]) {
    const zips = readdirSync(join(tmp, `blob-${i}`));
    assert.deepEqual(zips, [`report-${i}.zip`]);
    cpSync(join(tmp, `blob-${i}`, `report-${i}.zip`), join(blobs, `report-${i}.zip`));
  }
  const merged = join(tmp, "merged.json");
  const html = join(tmp, "html-report");
  const merge = await playwright(
    ["merge-reports", "--reporter", "json,html", blobs],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: merged, PLAYWRIGHT_HTML_OUTPUT_DIR: html },
    2 * 60_000,
  );
  assert.equal(merge.code, 0, merge.out);

  const report = JSON.parse(readFileSync(merged, "utf8")) as JsonReport;
  assert.deepEqual(report.stats, {
    ...report.stats,
    expected: 4,
    unexpected: 0,
    flaky: 0,
    skipped: 0,
  });
  const tests = testsByTitle(report);
  assert.deepEqual([...tests.keys()].sort(), Object.keys(DECLARED).sort());
  for (const [name, declared] of Object.entries(DECLARED)) {
    const [t, ...more] = tests.get(name) ?? [];
    assert.ok(t, name);
    assert.equal(more.length, 0, `${name} ran once`);
    assert.equal(t.status, "expected", name);
    assert.match(verdictOf(t), declared.verdict, name);
    const attachments = t.results.at(-1)?.attachments ?? [];
    assert.deepEqual(
      attachments.map((a) => a.name).sort(),
      ["certify.log", "junit.xml", "report.html", "report.json"],
      name,
    );
    // The attached report.json is this app's own certification, carried through the merge.
    const json = attachments.find((a) => a.name === "report.json");
    assert.ok(json?.path && existsSync(json.path), `${name}: report.json in the merged report`);
    const cert = JSON.parse(readFileSync(json.path, "utf8")) as {
      run_info: { app_url: string };
      verdict: { label: string };
    };
    assert.match(cert.run_info.app_url, declared.app, name);
    assert.equal(
      cert.verdict.label,
      verdictOf(t).startsWith("CERTIFIED") ? "CERTIFIED" : "NOT CERTIFIED",
    );
  }
  // One HTML report, carrying every test's three report files.
  assert.ok(existsSync(join(html, "index.html")));
  assert.ok(readdirSync(join(html, "data")).length >= 12, "the HTML report holds 3 files per app");
});

test("an app that does not get its declared verdict fails its test with the verdict line", {
  timeout: 5 * 60_000,
}, async () => {
  const out = join(tmp, "failing.json");
  const run = await playwright(
    [
      "test",
      "--config=failing/playwright.config.ts",
      "--workers=1",
      "--reporter=json",
      `--output=${join(tmp, "results-failing")}`,
    ],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    4 * 60_000,
  );
  assert.equal(run.code, 1, run.out);
  const report = JSON.parse(readFileSync(out, "utf8")) as JsonReport;
  assert.equal(report.stats.unexpected, 2);
  const tests = testsByTitle(report);
  const broken = tests.get("Throws on join (listed as certified)")?.[0];
  const error = (t: JsonTest | undefined): string => t?.results.at(-1)?.errors[0]?.message ?? "";
  assert.match(
    error(broken),
    /^(Error: )?NOT CERTIFIED under collab-basic — .*failed MUST: .*A3\.event\.join/,
  );
  assert.deepEqual(
    broken?.results
      .at(-1)
      ?.attachments.map((a) => a.name)
      .filter((name) => name !== "error-context") // Playwright's own, on a failed test
      .sort(),
    ["certify.log", "junit.xml", "report.html", "report.json"],
  );
  const certified = tests.get("Pixel Party (listed as broken)")?.[0];
  assert.match(
    error(certified),
    /^(Error: )?Pixel Party \(listed as broken\) is listed with "expect": "not-certified" but got CERTIFIED under collab-basic: .*: remove "expect" from its entry$/,
  );
});
