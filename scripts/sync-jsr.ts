/** Copies name and version from package.json into jsr.json (run after `changeset version`). */
import { syncJsr } from "./jsr-sync.ts";

for (const f of syncJsr(process.argv[2] ?? process.cwd())) console.log(`jsr-sync: updated ${f}`);
