/**
 * `pnpm docs:lint`: `deno doc --lint` on every published package's entry points, held to a
 * ratchet (docs/decisions/0403-api-docs.md). scripts/docsLintBaseline.json lists the problems that
 * were there when the check started; any problem not in it fails (an export without a doc comment,
 * a public type that references a private one). Fixed problems leave the list with `--update`,
 * which only ever removes entries.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lintDocs } from "./apiDocs.ts";

const root = process.cwd();
const baselineFile = join(root, "scripts/docsLintBaseline.json");
const update = process.argv.includes("--update");
const init = process.argv.includes("--init");

const baseline: Record<string, string[]> = existsSync(baselineFile)
  ? (JSON.parse(readFileSync(baselineFile, "utf8")) as Record<string, string[]>)
  : {};
const found = lintDocs(root);

let failed = false;
const next: Record<string, string[]> = {};
for (const [name, keys] of found) {
  const known = new Set(baseline[name] ?? []);
  const added = keys.filter((k) => !known.has(k));
  const fixed = [...known].filter((k) => !keys.includes(k));
  if (added.length > 0 && !init) {
    failed = true;
    console.error(`docs-lint: ${name}: ${added.length} new problem(s):`);
    for (const k of added) console.error(`  ${k}`);
  }
  if (fixed.length > 0)
    console.log(
      `docs-lint: ${name}: ${fixed.length} problem(s) fixed${update || init ? "" : "; run `pnpm docs:lint --update` to drop them from the baseline"}`,
    );
  next[name] = init ? keys : [...known].filter((k) => keys.includes(k)).sort();
}
if (update || init) writeFileSync(baselineFile, `${JSON.stringify(next, null, 2)}\n`);
if (failed) {
  console.error(
    "docs-lint: document every exported symbol (what it is, its parameters, errors, an example) " +
      "and export the types public ones refer to; see docs/decisions/0403-api-docs.md",
  );
  process.exit(1);
}
const left = Object.values(next).reduce((n, keys) => n + keys.length, 0);
console.log(`docs-lint: no new problems (${left} known ones left in the baseline)`);
