/**
 * The harness server (Node): one loopback port serving the built harness page at `127.0.0.1`,
 * each participant's view of the app at `p<N>.<app>.localhost` (its own origin, cross-site from
 * the harness), reverse-proxied to the app's server, the wemeet shim and a WebSocket relay on
 * every app host (docs/decisions/0005, and 0006 for what it accepts from whom).
 *
 * @example
 * ```ts
 * import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
 *
 * const server = await startHarnessServer({ port: 0, app: "http://localhost:5173/", ...bundledAssets() });
 * console.log(server.url); // http://127.0.0.1:PORT/
 * await server.close();
 * ```
 * @module
 */
export { bundledAssets, type HarnessAssets } from "./node/assets.ts";
export { PROXY_LIMITS } from "./node/proxy.ts";
export { RELAY_LIMITS, type RelayLimits } from "./node/relay.ts";
export {
  type HarnessServer,
  HarnessServerError,
  type HarnessServerOptions,
  parseAppUrl,
  startHarnessServer,
} from "./node/server.ts";
