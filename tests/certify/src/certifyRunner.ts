/**
 * `certify` wired as the CLI wires it (the bundled harness server and shim), for the tests
 * and the bench.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { type CertifyOptions, type CertifyOutcome, certify } from "@yiqi/conformance/node";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";

/** Runs `certify` with the bundled harness; `options` override the defaults. */
export function certifyWithHarness(
  options: Omit<CertifyOptions, "startHarness" | "shim">,
): Promise<CertifyOutcome> {
  const assets = bundledAssets();
  return certify({
    ...options,
    startHarness: (app) =>
      startHarnessServer({ port: 0, app, participants: options.participants ?? 3, ...assets }),
    shim: readFileSync(assets.shimFile),
  });
}

/** Each FAILED case with its message, for an assertion's failure text (what a flake said). */
export const failures = (outcome: CertifyOutcome): string =>
  outcome.run.results
    .filter((r) => r.grade === "FAILED")
    .map((r) => `${r.id}: ${r.message}`)
    .join("\n");

/** Ids of the FAILED cases of an outcome, sorted. */
export const failedIds = (outcome: CertifyOutcome): string[] =>
  outcome.run.results
    .filter((r) => r.grade === "FAILED")
    .map((r) => r.id)
    .sort();
