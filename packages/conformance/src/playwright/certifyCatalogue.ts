/**
 * `certifyCatalogue`: a catalogue of apps (a JSON file or an object, ./catalogue.ts) as one
 * Playwright test per app, in a parallel `describe`, so `--shard=i/n` spreads the apps over
 * machines and the blob reporter plus `playwright merge-reports` gives one report of them all.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { test } from "@playwright/test";
import { CertError } from "../cert/CertError.ts";
import type { CertifyHarness } from "../node/options.ts";
import { type Catalogue, type CatalogueApp, parseCatalogue, withDefaults } from "./catalogue.ts";
import { type CatalogueAppResult, runCatalogueApp } from "./runCatalogueApp.ts";

/** Options of {@link certifyCatalogue}. */
export interface CertifyCatalogueOptions {
  /**
   * The base of relative app URLs, or a function read when each test starts (e.g. a variable
   * a `globalSetup` set after starting the apps). Default: Playwright's `use.baseURL`.
   */
  baseUrl?: string | (() => string | undefined);
  /**
   * Where relative `expectations` and `setup` paths start. Default: the catalogue file's
   * directory, or the working directory for a catalogue object.
   */
  dir?: string;
  /** The `describe` title around the tests (default `certify`). */
  title?: string;
  /** Starts the harness server for `app` (default: `@yiqi/harness/node`'s, bundled, port 0). */
  startHarness?: (app: string, participants: number) => Promise<CertifyHarness>;
  /** The Yiqi version written to each report's `run_info` (default `0.0.0`). */
  yiqiVersion?: string;
}

/** Reads and checks a catalogue file, or checks a catalogue object. */
function loadCatalogue(
  catalogue: string | Catalogue,
  dir: string | undefined,
): { catalogue: Catalogue; dir: string } {
  if (typeof catalogue !== "string")
    return { catalogue: parseCatalogue(catalogue), dir: resolve(dir ?? process.cwd()) };
  const file = resolve(catalogue);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CertError(
      "BAD_OPTIONS",
      `cannot read the catalogue ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass the path of a JSON file { "apps": [...] }`,
    );
  }
  return { catalogue: parseCatalogue(text, { source: file }), dir: resolve(dir ?? dirname(file)) };
}

/** The error of a test whose app did not get the verdict its entry declares. */
function verdictError(app: CatalogueApp, result: CatalogueAppResult): Error {
  const message =
    app.expect === "not-certified"
      ? `${app.name} is listed with "expect": "not-certified" but got ${result.verdictLine}: remove "expect" from its entry`
      : result.verdictLine;
  const error = new Error(message);
  // The verdict is the app's, not a line of this library: no stack to read.
  error.stack = `Error: ${message}`;
  return error;
}

/**
 * Declares one Playwright test per app of the catalogue (call it at the top of a spec file).
 * Each test certifies its app with `certify()` of `@yiqi/conformance/node` on its own harness
 * port and report directory, attaches `report.json`, `report.html`, `junit.xml` and
 * `certify.log`, adds a `yiqi-verdict` annotation, and fails with the verdict line when the app
 * is NOT CERTIFIED (with its expectations file: when a MUST case failed unexpectedly). An entry
 * with `"expect": "not-certified"` passes while the app stays NOT CERTIFIED and fails once it
 * is certified. The tests run in parallel (`describe.configure({ mode: "parallel" })`), so
 * `--shard` splits them by app.
 *
 * @throws {CertError} `BAD_OPTIONS` when the catalogue cannot be read or an entry is wrong
 * (naming the file and the entry), before any test runs.
 * @example
 * ```ts
 * // certify.spec.ts
 * import { certifyCatalogue } from "@yiqi/conformance/playwright";
 * certifyCatalogue("catalogue.json");
 * ```
 */
export function certifyCatalogue(
  catalogue: string | Catalogue,
  options: CertifyCatalogueOptions = {},
): void {
  const loaded = loadCatalogue(catalogue, options.dir);
  test.describe(options.title ?? "certify", () => {
    test.describe.configure({ mode: "parallel" });
    for (const entry of loaded.catalogue.apps) {
      const app = withDefaults(loaded.catalogue, entry);
      const annotation =
        app.expect === "not-certified"
          ? [{ type: "yiqi-expect", description: "not-certified (a known-broken app)" }]
          : [];
      test(app.name, { annotation }, async ({ baseURL }, testInfo) => {
        const base = typeof options.baseUrl === "function" ? options.baseUrl() : options.baseUrl;
        const result = await runCatalogueApp(
          app,
          {
            dir: loaded.dir,
            baseUrl: base ?? baseURL,
            ...(options.startHarness ? { startHarness: options.startHarness } : {}),
            ...(options.yiqiVersion ? { yiqiVersion: options.yiqiVersion } : {}),
          },
          testInfo,
        );
        if (!result.asDeclared) throw verdictError(app, result);
      });
    }
  });
}
