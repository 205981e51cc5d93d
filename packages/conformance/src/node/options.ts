/**
 * The options of `certify` and the checks on them. The CLI runs the same checks on its flags
 * (naming the flag in the message), so the rules live here once.
 *
 * @module
 */

import type { Frame } from "playwright-core";
import { isProfile, Profile } from "../cert/CertCase.ts";
import { CertError } from "../cert/CertError.ts";
import type { Expectations } from "../cert/parseExpectations.ts";
import { parseAllowedOrigin } from "./networkPolicy.ts";

/** A running harness server, as {@link CertifyOptions.startHarness} returns it. */
export interface CertifyHarness {
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  url: string;
  close(): Promise<void>;
}

/** Options of `certify`. */
export interface CertifyOptions {
  /** The app under test (http or https); default: the harness's bundled demo (`demo`). */
  appUrl?: string;
  /** `collab-basic` (default) or `collab-full`. */
  profile?: string;
  /** Simulated participants, 2..8 (default 3: a host and two attendees). */
  participants?: number;
  /** Bound of every wait, in ms (default 30 000). */
  timeoutMs?: number;
  /**
   * The longest a phase watches for errors after its action, in ms (default 600). A phase settles
   * earlier once its evidence arrived and every instance went quiet (decision 0313).
   */
  settleMs?: number;
  /**
   * Starts the harness server for `app` (`demo` or the URL), e.g.
   * `(app) => startHarnessServer({ port: 0, app, ...bundledAssets() })` of `@yiqi/harness/node`.
   */
  startHarness: (app: string) => Promise<CertifyHarness>;
  /**
   * The jsapi shim's source. Unused: the harness server answers Tencent's SDK URL with its own
   * shim on every participant origin (decision 0008).
   */
  shim?: string | Uint8Array;
  /** Where screenshots go (`<dir>/screenshots/*.png`); none are taken without it. */
  reportDir?: string;
  /** Applied to the results; then only unexpected MUST failures make the exit code 1. */
  expectations?: Expectations;
  /** Receives one line per graded case (`formatProgress`) and per phase. */
  onProgress?: (line: string) => void;
  /** The Yiqi version for `run_info` (default `0.0.0`). */
  yiqiVersion?: string;
  /** Environment to resolve Chromium from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * The whole run's budget in ms (default none): when it runs out the flow stops where it is,
   * the run is graded (`A3.session.responsive` FAILED) and reports are written.
   */
  budgetMs?: number;
  /**
   * The developer's steps, run in each participant's app frame whenever an instance opens
   * (before the flow, and for every join, rejoin and reload): for apps that load the SDK on a
   * user action, e.g. `(frame) => frame.click("#menu-collaborate")`.
   */
  setup?: CertifySetup;
  /**
   * Origins the app may reach besides the harness and its own origin (default none), e.g.
   * `https://api.example.com`. Every other request is refused in the browser.
   */
  allowOrigins?: readonly string[];
}

/** The developer's setup steps (`--setup FILE`'s default export). */
export type CertifySetup = (frame: Frame, info: { participantId: string }) => Promise<void> | void;

/** The options of a run, checked and with their defaults. */
export interface RunConfig {
  /** `demo` or the app's URL. */
  app: string;
  profile: Profile;
  participants: number;
  timeoutMs: number;
  settleMs: number;
  progress: (line: string) => void;
  reportDir?: string;
  /** When the run started (ms): the budget counts from here. */
  startedAt: number;
  budgetMs?: number;
  setup?: CertifySetup;
}

/** The defaults of {@link CertifyOptions}. */
export const CERTIFY_DEFAULTS: {
  readonly profile: Profile;
  readonly participants: number;
  readonly timeoutMs: number;
  readonly settleMs: number;
} = {
  profile: Profile.COLLAB_BASIC,
  participants: 3,
  timeoutMs: 30_000,
  settleMs: 600,
};

/** The bounds of `--timeout`, in seconds. */
export const TIMEOUT_SECONDS: { readonly min: number; readonly max: number } = { min: 1, max: 600 };

/**
 * Checks a profile name.
 *
 * @throws {CertError} `BAD_OPTIONS` naming the profiles.
 */
export function checkProfile(profile: string): Profile {
  if (isProfile(profile)) return profile;
  throw new CertError(
    "BAD_OPTIONS",
    `unknown profile ${JSON.stringify(profile)}: use ${Profile.COLLAB_BASIC} or ${Profile.COLLAB_FULL}`,
  );
}

/**
 * Checks a participant count (a number, or a flag's text): a whole number from 2 to 8.
 *
 * @param name How the message names the value (`--participants` for the CLI).
 * @throws {CertError} `BAD_OPTIONS`.
 */
export function checkParticipants(value: number | string, name = "participants"): number {
  const n = typeof value === "number" ? value : Number(value);
  if (Number.isInteger(n) && n >= 2 && n <= 8) return n;
  throw new CertError(
    "BAD_OPTIONS",
    `${name} must be a whole number from 2 to 8 (got ${value}): a session needs a host and a joiner`,
  );
}

/**
 * Checks the bound of every wait, in ms: a positive number.
 *
 * @throws {CertError} `BAD_OPTIONS`.
 */
export function checkTimeoutMs(ms: number, name = "timeout"): number {
  if (Number.isFinite(ms) && ms > 0) return ms;
  throw new CertError("BAD_OPTIONS", `the ${name} must be a positive number (got ${ms})`);
}

/**
 * Checks a duration flag (`--budget 5m`, `90s`, `2m30s`, or plain seconds) and returns it in
 * ms: from 10 s to 24 h.
 *
 * @throws {CertError} `BAD_OPTIONS` saying the form.
 */
export function parseDuration(value: string, name = "--budget"): number {
  const m = /^\s*(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?\s*$/.exec(
    value,
  );
  const [h = "0", min = "0", sec = "0"] = m ? [m[1], m[2], m[3]] : [];
  const ms = (Number(h) * 3600 + Number(min) * 60 + Number(sec)) * 1000;
  if (m && value.trim() !== "" && ms >= 10_000 && ms <= 86_400_000) return ms;
  throw new CertError(
    "BAD_OPTIONS",
    `${name} must be a duration from 10s to 24h such as 90s, 5m or 1m30s (got ${JSON.stringify(value)})`,
  );
}

/**
 * Checks the CLI's `--timeout` (seconds, {@link TIMEOUT_SECONDS}) and returns it in ms.
 *
 * @throws {CertError} `BAD_OPTIONS`.
 */
export function checkTimeoutSeconds(value: number | string, name = "--timeout"): number {
  const s = typeof value === "number" ? value : Number(value);
  if (Number.isFinite(s) && s >= TIMEOUT_SECONDS.min && s <= TIMEOUT_SECONDS.max)
    return checkTimeoutMs(s * 1000);
  throw new CertError(
    "BAD_OPTIONS",
    `${name} must be a number of seconds from ${TIMEOUT_SECONDS.min} to ${TIMEOUT_SECONDS.max} (got ${value})`,
  );
}

/**
 * Checks an app URL without fetching it: an absolute http(s) URL.
 *
 * @throws {CertError} `BAD_OPTIONS` saying what to pass.
 */
export function checkAppUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CertError(
      "BAD_OPTIONS",
      `"${url}" is not a URL: pass the app's full address, e.g. http://localhost:5173/`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new CertError(
      "BAD_OPTIONS",
      `"${url}" is not an http(s) URL: certify web apps only; pass the app's full address, e.g. http://localhost:5173/`,
    );
  return parsed;
}

/**
 * Checks origins the app may reach (`--allow-origin`).
 *
 * @throws {CertError} `BAD_OPTIONS` for an origin that is not one.
 */
export function checkAllowOrigins(origins: readonly string[]): void {
  for (const origin of origins) parseAllowedOrigin(origin);
}

/**
 * Checks `options` and fills in the defaults. The URL is checked for form only; whether the
 * app answers is the preflight's business.
 *
 * @throws {CertError} `BAD_OPTIONS`.
 */
export function runConfig(options: CertifyOptions): RunConfig {
  const app = options.appUrl ?? "demo";
  if (options.budgetMs !== undefined) checkTimeoutMs(options.budgetMs, "budget");
  const profile = checkProfile(options.profile ?? CERTIFY_DEFAULTS.profile);
  const participants = checkParticipants(options.participants ?? CERTIFY_DEFAULTS.participants);
  const timeoutMs = checkTimeoutMs(options.timeoutMs ?? CERTIFY_DEFAULTS.timeoutMs);
  checkAllowOrigins(options.allowOrigins ?? []);
  if (app !== "demo") checkAppUrl(app);
  return {
    app,
    profile,
    participants,
    timeoutMs,
    settleMs: options.settleMs ?? CERTIFY_DEFAULTS.settleMs,
    progress: options.onProgress ?? ((): void => {}),
    ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    startedAt: Date.now(),
    ...(options.budgetMs === undefined ? {} : { budgetMs: options.budgetMs }),
    ...(options.setup === undefined ? {} : { setup: options.setup }),
  };
}
