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

/**
 * The harness server, re-exported from `@yiqi/harness/node`, where it lives since 0007.
 *
 * @deprecated Import these from `@yiqi/harness/node`.
 */
export {
  bundledAssets,
  type HarnessAssets,
  type HarnessServer,
  HarnessServerError,
  type HarnessServerOptions,
  parseAppUrl,
  startHarnessServer,
} from "@yiqi/harness/node";
export type { Command, CommandIO } from "./command.ts";
export { main, processIO } from "./main.ts";
