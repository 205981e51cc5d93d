/**
 * The `yiqi` command line. Install `@yiqi/cli` and run `yiqi --help`.
 *
 * @example
 * ```ts
 * import { main } from "@yiqi/cli";
 * process.exitCode = await main(["--help"]);
 * ```
 * @module
 */
export type { Command, CommandIO } from "./command.ts";
export { bundledAssets, type HarnessAssets } from "./harness/assets.ts";
export {
  type HarnessServer,
  HarnessServerError,
  type HarnessServerOptions,
  parseAppUrl,
  startHarnessServer,
} from "./harness/server.ts";
export { main, processIO } from "./main.ts";
