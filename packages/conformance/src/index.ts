/**
 * Contract suites and certification: the Rooms control API contract suite
 * (`runRoomsContract`), which runs against any endpoint given a URL and password, and the
 * certification core for 一起用 apps (cases, grades, expectations, reports; `src/cert`).
 *
 * @example
 * ```ts
 * import { runRoomsContract } from "@yiqi/conformance";
 *
 * const report = await runRoomsContract({ url: "ws://127.0.0.1:6295", password: "123456" });
 * console.log(report.summary); // "N passed, N failed"
 * ```
 * @module
 */

export * from "./cert/index.ts";
export * from "./rooms/index.ts";
