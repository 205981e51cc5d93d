/**
 * Copies name, version and the import map from package.json into jsr.json and deno.json (run
 * after `changeset version`), then formats what it wrote.
 */
import { execFileSync } from "node:child_process";
import { syncJsr } from "./jsr-sync.ts";

const changed = syncJsr(process.argv[2] ?? process.cwd());
for (const f of changed) console.log(`jsr-sync: updated ${f}`);
if (changed.length > 0 && process.argv[2] === undefined) {
  execFileSync("pnpm", ["exec", "biome", "format", "--write", ...changed], { stdio: "inherit" });
}
