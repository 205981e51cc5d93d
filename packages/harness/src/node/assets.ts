/** Where the built harness page, the demo app and the jsapi shim are, for {@link startHarnessServer}. */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The files the harness server serves. */
export interface HarnessAssets {
  /** The built harness page (`index.html` and its assets). */
  harnessDir: string;
  /** The built demo app, served as app `demo`. */
  demoDir: string;
  /** The jsapi classic-script shim (`wemeet-js-sdk.js`). */
  shimFile: string;
}

/**
 * The assets shipped in this package: the page Vite builds into `dist/page`, the demo app the
 * build copies into `dist/demo` (from apps/demo), and `@yiqi/jsapi`'s shim. The same paths work
 * from `src/node/` (tests, tsx) and `dist/node/` (the published build).
 */
export function bundledAssets(): HarnessAssets {
  const require = createRequire(import.meta.url);
  return {
    harnessDir: fileURLToPath(new URL("../../dist/page", import.meta.url)),
    demoDir: fileURLToPath(new URL("../../dist/demo", import.meta.url)),
    shimFile: require.resolve("@yiqi/jsapi/wemeet-js-sdk.js"),
  };
}
