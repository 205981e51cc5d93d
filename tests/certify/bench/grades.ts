/**
 * `node --import tsx bench/grades.ts OUT.json` (tests/certify): certifies the bundled demo and
 * every fixture app under both profiles and writes, per case, its grade, message and the shape
 * of its evidence (screenshot files, trace participants, whether it was timed), so a change to
 * the runner can be compared case by case with the run before it.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { certifyWithHarness } from "../src/certifyRunner.ts";
import { APPS_DIR, serveFixtures } from "../src/serveFixtures.ts";

const out = process.argv[2] ?? "grades.json";
const fixtures = await serveFixtures();
const reports = mkdtempSync(join(tmpdir(), "yiqi-grades-"));
const apps = [
  "demo",
  ...readdirSync(APPS_DIR)
    .filter((f) => f.endsWith(".html"))
    .sort(),
];
const snapshot: Record<string, unknown[]> = {};
try {
  for (const app of apps)
    for (const profile of ["collab-basic", "collab-full"]) {
      const key = `${app} ${profile}`;
      const outcome = await certifyWithHarness({
        ...(app === "demo"
          ? {}
          : { appUrl: fixtures.url(app), participants: 2, timeoutMs: 4000, settleMs: 500 }),
        profile,
        reportDir: join(reports, key.replace(/\W+/g, "-")),
      });
      snapshot[key] = outcome.run.results.map((r) => ({
        id: r.id,
        grade: r.grade,
        message: r.message,
        screenshots: r.evidence.screenshots.map((s) => s.file),
        trace: Object.keys(r.evidence.trace).sort(),
        timed: r.durationMs !== undefined,
      }));
      console.log(key, outcome.run.results.map((r) => `${r.id}=${r.grade}`).join(" "));
    }
} finally {
  await fixtures.close();
  rmSync(reports, { recursive: true, force: true });
}
writeFileSync(out, `${JSON.stringify(snapshot, null, 1)}\n`);
