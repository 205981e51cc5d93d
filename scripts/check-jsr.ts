/** Fails (exit 1) when any published package's jsr.json disagrees with its package.json. */
import { checkJsr } from "./jsr-sync.ts";

const problems = checkJsr(process.argv[2] ?? process.cwd());
for (const p of problems) console.error(`jsr-check: ${p}`);
if (problems.length > 0) process.exit(1);
console.log("jsr-check: every jsr.json agrees with its package.json");
