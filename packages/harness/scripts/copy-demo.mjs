// Copies the built demo app (apps/demo, the app the harness embeds by default) into dist/demo,
// so the harness server serves it from the published package without the rest of the repository.
import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "../../apps/demo/dist");
const to = join(root, "dist/demo");
if (!existsSync(join(from, "index.html"))) {
  console.error(`copy-demo: ${from} is not built; run \`pnpm build\` from the repository root`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
