/**
 * Certification of a catalogue of apps as a Playwright project. Sharded
 * (`playwright test --shard=1/2`), each shard writes a blob report (`blob-report/`, or
 * `PLAYWRIGHT_BLOB_OUTPUT_DIR`) for `playwright merge-reports`; unsharded, a list.
 */
import { defineConfig } from "@playwright/test";

const sharded = process.argv.some((arg) => arg.startsWith("--shard"));

export default defineConfig({
  testDir: "specs",
  // A certification takes seconds to a minute; each run's budget is this less a margin.
  timeout: 120_000,
  globalSetup: "./globalSetup.ts",
  reporter: sharded ? [["blob"], ["list"]] : [["list"]],
});
