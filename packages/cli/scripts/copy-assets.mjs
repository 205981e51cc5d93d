// Copies the built harness UI and demo app into this package (assets/), so the `yiqi` command
// works from the published tarball without the rest of the repository.
import { cpSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
for (const [name, from] of [
  ["harness", join(root, "../../apps/harness/dist")],
  ["demo", join(root, "../../apps/demo/dist")],
]) {
  const to = join(root, "assets", name);
  if (!existsSync(join(from, "index.html"))) {
    console.error(`copy-assets: ${from} is not built; run \`pnpm build\` from the repository root`);
    process.exit(1);
  }
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
