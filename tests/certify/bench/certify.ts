/**
 * `pnpm bench` (tests/certify): wall time of `yiqi certify` on the bundled demo under
 * `collab-basic` (the CLI as users run it, from the built package), against a floor measured in
 * the same run: a process that launches the same Chromium, opens one page and exits. Target on
 * the 2-core dev machine: <= 30 s; printed with the ratio, not asserted. The last line is JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../packages/cli/bin/yiqi.js", import.meta.url));
const RUNS = 3;

const timed = (args: string[]): { ms: number; status: number | null } => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) process.stderr.write(`${r.stdout}${r.stderr}`);
  return { ms: performance.now() - t0, status: r.status };
};
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

// The floor: Node starts, Chromium launches (as certify launches it), one page loads, all exit.
const floorScript = `
  import { chromium } from "playwright-core";
  import { chromiumLaunchOptions } from "@yiqi/conformance/node";
  const browser = await chromium.launch(chromiumLaunchOptions());
  const page = await browser.newPage();
  await page.setContent("<p>floor</p>");
  await browser.close();
`;
const floor: number[] = [];
const certify: number[] = [];
let exit: number | null = 0;
for (let i = 0; i < RUNS; i++) {
  const f = timed(["--input-type=module", "-e", floorScript]);
  if (f.status !== 0) throw new Error("the floor run failed: is a Chromium installed?");
  floor.push(f.ms);
  const dir = mkdtempSync(join(tmpdir(), "yiqi-certify-bench-"));
  const c = timed([bin, "certify", "demo", "--profile", "collab-basic", "--report", dir]);
  rmSync(dir, { recursive: true, force: true });
  certify.push(c.ms);
  exit = exit || c.status;
}
const ms = Math.round(median(certify));
const floorMs = Math.round(median(floor));
console.log(
  `yiqi certify (demo, collab-basic, 3 participants): median ${(ms / 1000).toFixed(1)} s of ${RUNS}, exit ${exit} (target <= 30 s); ` +
    `${(ms / floorMs).toFixed(1)}x the floor (launch Chromium, one page: ${(floorMs / 1000).toFixed(1)} s)`,
);
console.log(
  JSON.stringify({
    bench: "certify-demo-collab-basic",
    wall_ms: ms,
    floor_ms: floorMs,
    ratio: Number((ms / floorMs).toFixed(2)),
    exit,
    target_ms: 30_000,
  }),
);
