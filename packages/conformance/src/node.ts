/**
 * Node-only parts of `@yiqi/conformance`: the Chromium resolver (never downloads a browser) and
 * the `certify` runner that drives the Yiqi harness in headless Chromium through playwright-core.
 * Blocked for browsers and Deno by the package's export conditions.
 *
 * @example
 * ```ts
 * import { certify, chromiumLaunchOptions } from "@yiqi/conformance/node";
 * import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
 *
 * const outcome = await certify({
 *   appUrl: "http://localhost:5173/",
 *   profile: "collab-basic",
 *   startHarness: () => startHarnessServer({ port: 0, ...bundledAssets() }),
 *   shimFile: bundledAssets().shimFile,
 * });
 * console.log(outcome.verdict.label);
 * ```
 * @module
 */

export { type CertifyOutcome, certify } from "./node/certify.ts";
export {
  BASE_CHROMIUM_ARGS,
  type ChromiumLaunchConfig,
  ChromiumNotFoundError,
  type ChromiumSource,
  chromiumArgs,
  chromiumLaunchOptions,
  type ResolvedChromium,
  resolveChromium,
  SYSTEM_CHROMIUM,
} from "./node/chromium.ts";
export { loadSetup } from "./node/loadSetup.ts";
export {
  CERTIFY_DEFAULTS,
  type CertifyHarness,
  type CertifyOptions,
  type CertifySetup,
  checkAllowOrigins,
  checkAppUrl,
  checkParticipants,
  checkProfile,
  checkTimeoutSeconds,
  parseDuration,
  TIMEOUT_SECONDS,
} from "./node/options.ts";
export { participantOfUrl } from "./node/participantOfUrl.ts";
export { checkAppReachable } from "./node/preflight.ts";
export { type CertReportFiles, writeCertReports } from "./node/writeCertReports.ts";
