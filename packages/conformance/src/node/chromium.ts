/**
 * Finding and launching the Chromium that Yiqi's browser suites, the harness and the
 * certification CLI drive. No browser is ever downloaded here: the order is
 *
 * 1. `YIQI_CHROMIUM` (an explicit path wins);
 * 2. the browser Playwright installed itself (`npx playwright install chromium`), if present;
 * 3. the system Chromium at `/usr/bin/chromium` (Debian's `apt-get install chromium`);
 *
 * and otherwise {@link resolveChromium} throws, saying how to install one.
 *
 * @example
 * ```ts
 * import { chromium } from "playwright-core";
 * import { chromiumLaunchOptions } from "@yiqi/conformance/node";
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 * @module
 */
import { existsSync } from "node:fs";
import { chromium, type LaunchOptions } from "playwright-core";

/** Where Debian (and most Linux distributions) install Chromium. */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/**
 * Arguments every launch gets: no traffic to Google services, no first-run UI, no QUIC, so a
 * run touches only the loopback servers it starts and behaves the same on every machine.
 */
export const BASE_CHROMIUM_ARGS: readonly string[] = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // Chromium's third-party-cookie phase-out (3PCD) also denies `localStorage` to cross-site
  // frames; Yiqi runs apps in cross-site frames where the real client runs them top-level, so
  // give them the storage they would have (see docs/decisions/0005).
  "--disable-features=TrackingProtection3pcd",
];

/** Where a resolved browser came from. */
export type ChromiumSource = "YIQI_CHROMIUM" | "playwright" | "system";

/** A browser found by {@link resolveChromium}. */
export interface ResolvedChromium {
  /** Absolute path of the executable. */
  executablePath: string;
  /** Which rule found it. */
  source: ChromiumSource;
}

/** Thrown when no Chromium can be found; the message says how to install one. */
export class ChromiumNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChromiumNotFoundError";
  }
}

/** Playwright's own browser, if it was installed (its path is known even when it was not). */
function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds the Chromium to drive, without downloading anything.
 *
 * @param env The environment to read `YIQI_CHROMIUM` from (default `process.env`).
 * @throws {ChromiumNotFoundError} when `YIQI_CHROMIUM` names a missing file, or no browser is
 * installed.
 */
export function resolveChromium(
  env: Record<string, string | undefined> = process.env,
): ResolvedChromium {
  const explicit = env.YIQI_CHROMIUM;
  if (explicit) {
    if (!existsSync(explicit))
      throw new ChromiumNotFoundError(
        `YIQI_CHROMIUM is ${JSON.stringify(explicit)}, but no file is there: point it at a Chromium or Chrome executable, or unset it`,
      );
    return { executablePath: explicit, source: "YIQI_CHROMIUM" };
  }
  const own = playwrightChromium();
  if (own) return { executablePath: own, source: "playwright" };
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, source: "system" };
  throw new ChromiumNotFoundError(
    "no Chromium found: install one with `apt-get install chromium` (Debian/Ubuntu) or `npx playwright install chromium`, or set YIQI_CHROMIUM to the path of a Chromium or Chrome executable",
  );
}

/** True when this process runs as root, where Chromium's sandbox cannot start. */
const isRoot = (): boolean => process.getuid?.() === 0;

/** The launch arguments: {@link BASE_CHROMIUM_ARGS}, `--no-sandbox` as root, then `extra`. */
export function chromiumArgs(extra: readonly string[] = []): string[] {
  return [...BASE_CHROMIUM_ARGS, ...(isRoot() ? ["--no-sandbox"] : []), ...extra];
}

/** Options of {@link chromiumLaunchOptions}. */
export interface ChromiumLaunchConfig {
  /** Run headless (default true). */
  headless?: boolean;
  /** Arguments added after the defaults. */
  args?: readonly string[];
  /** The environment to resolve the browser from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Launch options for `chromium.launch()` (playwright-core scripts) and for `use.launchOptions`
 * in a Playwright config: the resolved executable and {@link chromiumArgs}.
 *
 * @throws {ChromiumNotFoundError} when no browser is installed.
 */
export function chromiumLaunchOptions(config: ChromiumLaunchConfig = {}): LaunchOptions {
  const { executablePath } = resolveChromium(config.env);
  return {
    executablePath,
    headless: config.headless ?? true,
    args: chromiumArgs(config.args),
  };
}
