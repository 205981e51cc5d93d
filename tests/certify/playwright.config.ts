/** Runs the example suite of `@yiqi/conformance/playwright` on the Chromium Yiqi resolves. */
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "@yiqi/conformance/node";

export const config: ReturnType<typeof defineConfig> = defineConfig({
  testDir: "playwright",
  timeout: 60_000,
  workers: 1,
  reporter: "line",
  use: { launchOptions: chromiumLaunchOptions() },
});

export default config;
