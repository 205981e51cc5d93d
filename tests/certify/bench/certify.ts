/**
 * `pnpm bench` (tests/certify): wall time of `yiqi certify` on the bundled demo under
 * `collab-basic` (the CLI as users run it, from the built package), the median of 3 runs, against
 * baselines measured in the same run: a process that launches the same Chromium, opens one page
 * and exits (the floor), and the 8 s target line. Prints the median of each phase too
 * (`run_info.phases` of each run's report.json, decision 0313). Nothing is asserted: the machine
 * may be shared, so compare numbers from one run (runs are interleaved with the floor for that).
 *
 * `--baseline /path/to/old/bin/yiqi.js` (after `bench --`) adds another build's CLI, interleaved
 * run by run, to compare a change against the build before it. The last line is JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../packages/cli/bin/yiqi.js", import.meta.url));
const at = process.argv.indexOf("--baseline");
const baselineBin = at > 0 ? process.argv[at + 1] : undefined;
const RUNS = 3;
/** The target of issue 16: `yiqi certify demo` within 8 s on the 2-core dev machine. */
const TARGET_MS = 8000;

const timed = (args: string[]): { ms: number; status: number | null } => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) process.stderr.write(`${r.stdout}${r.stderr}`);
  return { ms: performance.now() - t0, status: r.status };
};
const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** One certify run of the demo with `cli`; its wall time, exit status and phases. */
function certifyOnce(cli: string): { ms: number; status: number | null; phases: Phase[] } {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-certify-bench-"));
  try {
    const c = timed([cli, "certify", "demo", "--profile", "collab-basic", "--report", dir]);
    let phases: Phase[] = [];
    try {
      const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as {
        run_info: { phases?: Phase[] };
      };
      phases = report.run_info.phases ?? [];
    } catch {
      // No report (a failed run) or a build before run_info.phases: no phases.
    }
    return { ...c, phases };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
interface Phase {
  name: string;
  ms: number;
}

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
const baseline: number[] = [];
const phaseMs = new Map<string, number[]>();
let exit: number | null = 0;
for (let i = 0; i < RUNS; i++) {
  const f = timed(["--input-type=module", "-e", floorScript]);
  if (f.status !== 0) throw new Error("the floor run failed: is a Chromium installed?");
  floor.push(f.ms);
  if (baselineBin) baseline.push(certifyOnce(baselineBin).ms);
  const c = certifyOnce(bin);
  certify.push(c.ms);
  for (const p of c.phases) phaseMs.set(p.name, [...(phaseMs.get(p.name) ?? []), p.ms]);
  exit = exit || c.status;
}
const ms = Math.round(median(certify));
const floorMs = Math.round(median(floor));
const baselineMs = baselineBin ? Math.round(median(baseline)) : undefined;
const phases = [...phaseMs].map(([name, xs]) => ({ name, ms: Math.round(median(xs)) }));
console.log(
  `yiqi certify (demo, collab-basic, 3 participants): median ${s(ms)} of ${RUNS}, exit ${exit}; ` +
    `${(ms / TARGET_MS).toFixed(2)}x the ${s(TARGET_MS)} target (${ms <= TARGET_MS ? "within" : "over"}); ` +
    `${(ms / floorMs).toFixed(1)}x the floor (launch Chromium, one page: ${s(floorMs)})`,
);
if (baselineMs !== undefined)
  console.log(
    `baseline ${baselineBin}: median ${s(baselineMs)} of ${RUNS} (interleaved): this build takes ${(ms / baselineMs).toFixed(2)}x its time`,
  );
console.log(`phases (medians): ${phases.map((p) => `${p.name} ${s(p.ms)}`).join(" · ")}`);
console.log(
  JSON.stringify({
    bench: "certify-demo-collab-basic",
    wall_ms: ms,
    floor_ms: floorMs,
    ratio: Number((ms / floorMs).toFixed(2)),
    target_ms: TARGET_MS,
    target_ratio: Number((ms / TARGET_MS).toFixed(2)),
    ...(baselineMs === undefined ? {} : { baseline_ms: baselineMs }),
    phases,
    exit,
  }),
);
