/**
 * One catalogue entry, certified inside a Playwright test: `certify()` of
 * `@yiqi/conformance/node` (the grading is the CLI's, unchanged) on the test's own harness
 * server (a free port) and report directory (`testInfo.outputPath`), so workers and shards run
 * side by side; the reports attached to the test; the verdict line as its error when the app
 * does not get the verdict the catalogue declares.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { CertError } from "../cert/CertError.ts";
import { certCases } from "../cert/certCases.ts";
import { generateNegativeCases } from "../cert/generateNegativeCases.ts";
import { type Expectations, parseExpectations } from "../cert/parseExpectations.ts";
import { type CertifyOutcome, certify } from "../node/certify.ts";
import { loadSetup } from "../node/loadSetup.ts";
import { type CertifyHarness, checkTimeoutSeconds, parseDuration } from "../node/options.ts";
import { writeCertReports } from "../node/writeCertReports.ts";
import { type CatalogueApp, resolveAppUrl } from "./catalogue.ts";
import { verdictLine } from "./verdictLine.ts";

/** How a catalogue entry runs (`certifyCatalogue`'s options, resolved). */
export interface CatalogueRunContext {
  /** Where relative `expectations` and `setup` paths start (the catalogue file's directory). */
  dir: string;
  /** The base of relative app URLs, if any. */
  baseUrl: string | undefined;
  /** Starts the harness for `app` with `participants` (default: the bundled harness, port 0). */
  startHarness?: (app: string, participants: number) => Promise<CertifyHarness>;
  /** The Yiqi version written to the reports' `run_info`. */
  yiqiVersion?: string;
}

/** What a catalogue run needs of Playwright's `TestInfo` (a `TestInfo` is one). */
export interface CatalogueTestInfo {
  /** The test's timeout in ms (0: none). */
  readonly timeout: number;
  /** Lengthens the test's timeout (for an explicit `budget`). */
  setTimeout(timeout: number): void;
  /** A path in the test's own output directory. */
  outputPath(...pathSegments: string[]): string;
  /** Attaches a file or a body to the test's report. */
  attach(
    name: string,
    options?: { body?: string; contentType?: string; path?: string },
  ): Promise<void>;
  /** The test's annotations (the verdict is added as `yiqi-verdict`). */
  annotations: { type: string; description?: string }[];
}

/** What a finished entry returns: the outcome, its verdict line and the reports. */
export interface CatalogueAppResult {
  /** What `certify()` resolved to. */
  outcome: CertifyOutcome;
  /** The CLI's last line (`CERTIFIED under ...` / `NOT CERTIFIED under ... — why. counts`). */
  verdictLine: string;
  /** Whether the verdict is the one the entry declares (`expect`), with its expectations applied. */
  asDeclared: boolean;
}

/** Time kept after a run's budget for grading, the reports and closing the browser (ms). */
const MARGIN_MS = 10_000;

const fromDir = (dir: string, path: string): string =>
  isAbsolute(path) ? path : resolve(dir, path);

/** Reads an entry's expectations file (relative to `dir`) with the CLI's checks. */
function loadExpectations(dir: string, file: string): { expectations: Expectations; file: string } {
  const path = fromDir(dir, file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new CertError(
      "BAD_OPTIONS",
      `cannot read the expectations file ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): fix the entry's "expectations" path (relative to the catalogue file)`,
    );
  }
  const cases = [...certCases, ...generateNegativeCases()];
  return { expectations: parseExpectations(text, { source: path, cases }), file: path };
}

/** The bundled harness server on a free port. */
function bundledHarness(app: string, participants: number): Promise<CertifyHarness> {
  return startHarnessServer({ port: 0, app, participants, ...bundledAssets() });
}

/**
 * Certifies one entry (defaults already applied) inside a test, attaches `report.json`,
 * `report.html`, `junit.xml` and the run's log to `testInfo`, and annotates the verdict.
 * Environment problems (`APP_UNREACHABLE`, `NO_BROWSER`, ...) throw as `certify` throws them.
 */
export async function runCatalogueApp(
  app: CatalogueApp,
  ctx: CatalogueRunContext,
  testInfo: CatalogueTestInfo,
): Promise<CatalogueAppResult> {
  const appUrl = resolveAppUrl(app.url, ctx.baseUrl, app.name);
  const participants = app.participants ?? 3;
  const profile = app.profile ?? "collab-basic";
  const loaded =
    typeof app.expectations === "string"
      ? loadExpectations(ctx.dir, app.expectations)
      : app.expectations === undefined
        ? undefined
        : { expectations: app.expectations, file: undefined };
  const setupRef =
    app.setup ??
    (loaded?.expectations.setup
      ? fromDir(loaded.file ? dirname(loaded.file) : ctx.dir, loaded.expectations.setup)
      : undefined);
  const setup =
    typeof setupRef === "string" ? await loadSetup(fromDir(ctx.dir, setupRef)) : setupRef;
  // An explicit budget lengthens the test to fit; by default the run gets the test's timeout
  // less a margin, so a slow app ends graded (with its reports) instead of killed.
  let budgetMs = app.budget === undefined ? undefined : parseDuration(app.budget, "budget");
  if (budgetMs !== undefined && testInfo.timeout > 0 && budgetMs + MARGIN_MS > testInfo.timeout)
    testInfo.setTimeout(budgetMs + MARGIN_MS);
  if (budgetMs === undefined && testInfo.timeout > 0)
    budgetMs = Math.max(5_000, testInfo.timeout - MARGIN_MS);
  const reportDir = testInfo.outputPath("yiqi-report");
  const log: string[] = [];
  const start = ctx.startHarness ?? bundledHarness;
  const outcome = await certify({
    appUrl,
    profile,
    participants,
    ...(app.timeout === undefined ? {} : { timeoutMs: checkTimeoutSeconds(app.timeout) }),
    ...(budgetMs === undefined ? {} : { budgetMs }),
    reportDir,
    startHarness: (target) => start(target, participants),
    ...(loaded ? { expectations: loaded.expectations } : {}),
    ...(setup ? { setup } : {}),
    ...(app.allowOrigins ? { allowOrigins: app.allowOrigins } : {}),
    onProgress: (line) => log.push(line),
    ...(ctx.yiqiVersion ? { yiqiVersion: ctx.yiqiVersion } : {}),
  });
  const files = writeCertReports(reportDir, outcome.run);
  const line = verdictLine(outcome, profile);
  log.push(line);
  await testInfo.attach("report.json", { path: files.json, contentType: "application/json" });
  await testInfo.attach("report.html", { path: files.html, contentType: "text/html" });
  await testInfo.attach("junit.xml", { path: files.junit, contentType: "application/xml" });
  await testInfo.attach("certify.log", { body: `${log.join("\n")}\n`, contentType: "text/plain" });
  testInfo.annotations.push({ type: "yiqi-verdict", description: line });
  const declared = app.expect ?? "certified";
  // exitCode 0 is CERTIFIED, or NOT CERTIFIED with every MUST failure expected by the file.
  const asDeclared = declared === "certified" ? outcome.exitCode === 0 : outcome.exitCode === 1;
  return { outcome, verdictLine: line, asDeclared };
}
