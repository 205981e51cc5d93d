/**
 * Playwright config of the browser attacks: the Chromium that `@yiqi/conformance/node` resolves
 * (never a download), bounded time per test.
 *
 * @module
 */
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "@yiqi/conformance/node";

export default defineConfig({
  testDir: "browser",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 30_000,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    trace: "off",
  },
});
