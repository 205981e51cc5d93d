/** Where the bundled harness UI, demo app and jsapi shim are, for {@link startHarnessServer}. */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The files `yiqi harness` serves. */
export interface HarnessAssets {
  harnessDir: string;
  demoDir: string;
  shimFile: string;
}

/** The assets shipped in this package (copied at build from apps/harness, apps/demo, jsapi). */
export function bundledAssets(): HarnessAssets {
  const require = createRequire(import.meta.url);
  return {
    harnessDir: fileURLToPath(new URL("../../assets/harness", import.meta.url)),
    demoDir: fileURLToPath(new URL("../../assets/demo", import.meta.url)),
    shimFile: require.resolve("@yiqi/jsapi/wemeet-js-sdk.js"),
  };
}
