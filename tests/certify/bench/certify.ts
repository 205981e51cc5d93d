/**
 * `pnpm bench` (tests/certify): wall time of `yiqi certify` on the bundled demo under
 * `collab-basic` (the CLI as users run it, from the built package). Target on the 2-core dev
 * machine: <= 30 s; printed, not asserted. The last line is JSON.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../packages/cli/bin/yiqi.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "yiqi-certify-bench-"));
const t0 = performance.now();
const run = spawnSync(
  process.execPath,
  [bin, "certify", "--profile", "collab-basic", "--report", dir],
  {
    encoding: "utf8",
  },
);
const ms = Math.round(performance.now() - t0);
rmSync(dir, { recursive: true, force: true });
console.log(
  `yiqi certify (demo, collab-basic): ${(ms / 1000).toFixed(1)} s, exit ${run.status} (target <= 30 s)`,
);
console.log(
  JSON.stringify({
    bench: "certify-demo-collab-basic",
    wall_ms: ms,
    exit: run.status,
    target_ms: 30_000,
  }),
);
