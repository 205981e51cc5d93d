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
export { main, processIO } from "./main.ts";
