/**
 * The load project: WORKERS workers, each bringing PARTICIPANTS_PER_WORKER headless participants
 * into one meeting server (given in YIQI_MEETING_URL, else started by the global setup).
 */
import { defineConfig } from "@playwright/test";
import { WORKERS } from "./load.ts";

export default defineConfig({
  testDir: "specs",
  timeout: 60_000,
  workers: WORKERS,
  fullyParallel: true,
  globalSetup: "./globalSetup.ts",
  reporter: [["list"]],
});
