/**
 * `pnpm lint` step: validates .github/workflows/*.yml (schema, SHA-pinned actions, permissions)
 * and the workflow example for app developers in docs/ci/ (schema only). Exit 1 on a problem.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkWorkflow } from "./workflowCheck.ts";

const root = process.argv[2] ?? process.cwd();
const sets = [
  { dir: ".github/workflows", pinned: true },
  { dir: "docs/ci", pinned: false },
];
const problems: string[] = [];
let checked = 0;
for (const { dir, pinned } of sets) {
  if (!existsSync(join(root, dir))) continue;
  for (const name of readdirSync(join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const file = join(dir, name);
    problems.push(...checkWorkflow(file, readFileSync(join(root, file), "utf8"), { pinned }));
    checked += 1;
  }
}
for (const p of problems) console.error(`workflow-check: ${p}`);
if (problems.length > 0) process.exit(1);
console.log(`workflow-check: ${checked} workflows valid`);
