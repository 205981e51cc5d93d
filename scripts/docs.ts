/** `pnpm docs:api`: the HTML API reference of every published package, in docs/api/ (gitignored). */
import { join } from "node:path";
import { buildDocs } from "./apiDocs.ts";

const root = process.cwd();
const out = join(root, process.argv[2] ?? "docs/api");
const written = buildDocs(root, out);
console.log(`docs: ${written.length} packages documented; open ${join(out, "index.html")}`);
