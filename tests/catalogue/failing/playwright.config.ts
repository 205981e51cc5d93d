/**
 * The other side of the catalogue (run by src/catalogue.test.ts only): apps that do not get the
 * verdict their entries declare, whose tests must fail with the verdict line.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  timeout: 120_000,
  globalSetup: "../globalSetup.ts",
  reporter: [["list"]],
});
