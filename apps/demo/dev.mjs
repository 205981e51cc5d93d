// `pnpm dev`: Vite's dev server, with the `--` that `pnpm --filter @yiqi/demo dev -- --port 5174`
// passes on (pnpm 10) dropped: Vite reads flags after `--` as nothing and would ignore the port.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const vite = join(
  dirname(createRequire(import.meta.url).resolve("vite/package.json")),
  "bin/vite.js",
);
const args = process.argv.slice(2).filter((a) => a !== "--");
// --strictPort: a port asked for and in use is an error, not a silent move to the next one.
if (args.includes("--port") || args.some((a) => a.startsWith("--port="))) args.push("--strictPort");
const child = spawn(process.execPath, [vite, ...args], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
