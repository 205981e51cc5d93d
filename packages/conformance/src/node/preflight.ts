/**
 * What must hold before a run can be a verdict on the app: the app answers, a Chromium exists
 * and starts, the harness server starts ({@link prepareRun} does all three at once). Each failure is a `CertError` the CLI turns into exit 2
 * with what to do (decision 0300: exit 2 is never a verdict).
 *
 * @module
 */
import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { CertError } from "../cert/CertError.ts";
import { ChromiumNotFoundError, chromiumLaunchOptions } from "./chromium.ts";
import { type CertifyHarness, checkAppUrl } from "./options.ts";

/** What {@link prepareRun} started: close both when the run ends. */
export interface PreparedRun {
  harness: CertifyHarness;
  browser: Browser;
}

/**
 * Everything a run needs before its flow, at once: the app is checked (unless it is the bundled
 * `demo`) while the harness server starts and Chromium launches (decision 0313). When one fails,
 * whatever did start is closed and the first failure in the order a sequential preflight meets
 * them is thrown: the app, finding a browser, the harness, launching the browser.
 *
 * @throws {CertError} `APP_UNREACHABLE`, `BAD_OPTIONS`, `NO_BROWSER` or `HARNESS_FAILED`.
 */
export async function prepareRun(
  start: (app: string) => Promise<CertifyHarness>,
  app: string,
  env: Record<string, string | undefined>,
  appTimeoutMs: number,
): Promise<PreparedRun> {
  const appCheck = app === "demo" ? Promise.resolve() : checkAppReachable(app, appTimeoutMs);
  let launch: LaunchOptions;
  try {
    launch = browserLaunchOptions(env);
  } catch (error) {
    await appCheck;
    throw error;
  }
  const [appR, harnessR, browserR] = await Promise.allSettled([
    appCheck,
    startHarness(start, app),
    launchBrowser(launch),
  ]);
  const failed = [appR, harnessR, browserR].find((r) => r.status === "rejected");
  if (harnessR.status === "fulfilled" && browserR.status === "fulfilled" && !failed)
    return { harness: harnessR.value, browser: browserR.value };
  await Promise.all([
    harnessR.status === "fulfilled" ? harnessR.value.close().catch(() => {}) : undefined,
    browserR.status === "fulfilled" ? browserR.value.close().catch(() => {}) : undefined,
  ]);
  throw (failed as PromiseRejectedResult).reason;
}

/**
 * Checks that an app URL answers before a browser is launched.
 *
 * @throws {CertError} `BAD_OPTIONS` for a URL that is not http(s); `APP_UNREACHABLE` when the
 * server refuses the connection, does not answer within `timeoutMs`, or answers 404/410 or
 * 502/503/504.
 * @example
 * ```ts
 * await checkAppReachable("http://localhost:5173/");
 * ```
 */
export async function checkAppReachable(url: string, timeoutMs = 10_000): Promise<void> {
  const parsed = checkAppUrl(url);
  let status: number;
  try {
    const res = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    status = res.status;
    await res.body?.cancel();
  } catch (error) {
    const inner = (error as { cause?: { code?: string; message?: string } }).cause;
    if (inner?.message === "bad port")
      throw new CertError(
        "APP_UNREACHABLE",
        `the app's port ${parsed.port} is one browsers refuse to load (a "bad port" of the Fetch standard): serve the app on another port, e.g. 5173`,
      );
    const cause =
      inner?.code ??
      (error instanceof DOMException && error.name === "TimeoutError"
        ? `no answer within ${timeoutMs} ms`
        : (inner?.message ?? (error as Error).message));
    throw new CertError(
      "APP_UNREACHABLE",
      `the app at ${url} is unreachable (${cause}): start its server (e.g. your dev server) or fix the URL, then run yiqi certify again`,
    );
  }
  if (status === 404 || status === 410)
    throw new CertError(
      "APP_UNREACHABLE",
      `the app's server answers ${status} for ${url}: nothing is there; check the path (e.g. the page your dev server serves), then run yiqi certify again`,
    );
  if (status === 502 || status === 503 || status === 504)
    throw new CertError(
      "APP_UNREACHABLE",
      `the app at ${url} answers ${status} (its server or proxy cannot reach the app): start the app's server, then run yiqi certify again`,
    );
}

/**
 * The launch options of the Chromium to run (never downloaded).
 *
 * @throws {CertError} `NO_BROWSER` with where Yiqi looked.
 */
export function browserLaunchOptions(env: Record<string, string | undefined>): LaunchOptions {
  try {
    return chromiumLaunchOptions({ env });
  } catch (error) {
    if (error instanceof ChromiumNotFoundError) throw new CertError("NO_BROWSER", error.message);
    throw error;
  }
}

/**
 * Launches Chromium.
 *
 * @throws {CertError} `NO_BROWSER` when it does not start, with how to get a working one.
 */
export async function launchBrowser(launch: LaunchOptions): Promise<Browser> {
  try {
    return await chromium.launch(launch);
  } catch (error) {
    throw new CertError(
      "NO_BROWSER",
      `Chromium at ${launch.executablePath} did not start: ${(error as Error).message.split("\n")[0]}. Install a working one (apt-get install chromium, or npx playwright install chromium) or set YIQI_CHROMIUM`,
    );
  }
}

/**
 * Starts the harness server for `app`.
 *
 * @throws {CertError} `HARNESS_FAILED` with the server's error.
 */
export async function startHarness(
  start: (app: string) => Promise<CertifyHarness>,
  app: string,
): Promise<CertifyHarness> {
  try {
    return await start(app);
  } catch (error) {
    throw new CertError(
      "HARNESS_FAILED",
      `the harness server did not start: ${(error as Error).message}`,
    );
  }
}
