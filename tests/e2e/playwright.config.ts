/**
 * Playwright config of the browser suites: the Chromium that `src/chromium.ts` resolves (never a
 * download), one loopback server per worker (see `tests/fixtures.ts`), the `list` reporter and
 * a closing `N passed, N failed` line.
 *
 * @module
 */
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./src/chromium.ts";

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The machine has two cores: one browser per worker, two workers.
  workers: 2,
  timeout: 30_000,
  // The HTML report keeps the screenshots attached at key steps (playwright-report/).
  reporter: [["list"], ["html", { open: "never" }], ["./src/summaryReporter.ts"]],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunchOptions(),
    trace: "off",
  },
});
