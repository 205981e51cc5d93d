/**
 * The Chromium resolver and launch flags, from `@yiqi/conformance/node` (one copy: the e2e
 * suites, the benches and `yiqi certify` launch the same browser the same way).
 *
 * @module
 */
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
} from "@yiqi/conformance/node";
