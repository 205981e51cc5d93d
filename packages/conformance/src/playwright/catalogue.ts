/**
 * A platform team's catalogue of apps to certify: one entry per app (its URL, profile and, when
 * it needs them, expectations, setup steps and allowed origins), checked here before any test
 * runs. `certifyCatalogue` (./certifyCatalogue.ts) turns it into one Playwright test per app.
 *
 * ```json
 * {
 *   "defaults": { "profile": "collab-basic", "participants": 2 },
 *   "apps": [
 *     { "name": "Pixel Party", "url": "demo" },
 *     { "name": "Board", "url": "https://board.example.com/", "expectations": "./board.expectations.json" },
 *     { "name": "Quiz", "url": "quiz/", "setup": "./quiz.setup.mjs", "allowOrigins": ["https://api.example.com"] },
 *     { "name": "Legacy", "url": "https://legacy.example.com/", "expect": "not-certified" }
 *   ]
 * }
 * ```
 *
 * @module
 */

import { CertError } from "../cert/CertError.ts";
import { certCases } from "../cert/certCases.ts";
import { generateNegativeCases } from "../cert/generateNegativeCases.ts";
import { type Expectations, parseExpectations } from "../cert/parseExpectations.ts";
import {
  type CertifySetup,
  checkAllowOrigins,
  checkParticipants,
  checkProfile,
  checkTimeoutSeconds,
  parseDuration,
} from "../node/options.ts";

/** The verdict an entry declares: `not-certified` lists a known-broken app (its test passes while it stays graded NOT CERTIFIED). */
export type CatalogueVerdict = "certified" | "not-certified";

/** Run options an entry may set, and the catalogue's `defaults` for every entry. */
export interface CatalogueRunOptions {
  /** `collab-basic` (default) or `collab-full`. */
  profile?: string;
  /** Simulated participants, 2..8 (default 3). */
  participants?: number;
  /** Bound of every step, in seconds (the CLI's `--timeout`; default 30). */
  timeout?: number;
  /**
   * The whole run's budget (the CLI's `--budget`: `90s`, `5m`). Default: the test's timeout
   * less a margin for the reports, so a slow app ends graded rather than killed by Playwright.
   */
  budget?: string;
  /** Origins the app may reach besides the harness and its own origin (`--allow-origin`). */
  allowOrigins?: string[];
}

/** One app of the catalogue: one Playwright test. */
export interface CatalogueApp extends CatalogueRunOptions {
  /** The test's title (unique in the catalogue). */
  name: string;
  /**
   * The app: an http(s) URL, a URL relative to the base URL (`certifyCatalogue`'s `baseUrl`
   * or Playwright's `use.baseURL`), or `demo` for the bundled demo app.
   */
  url: string;
  /**
   * Its recorded deviations (the CLI's `--expectations`): a `yiqi-expectations.json` path,
   * relative to the catalogue file, or the parsed file. Then only unexpected MUST failures
   * fail the test; the file's `setup` is used when the entry has none.
   */
  expectations?: string | Expectations;
  /**
   * The developer's steps for an app that loads the SDK on a user action (the CLI's `--setup`):
   * an ES module path relative to the catalogue file (its default export), or the function.
   */
  setup?: string | CertifySetup;
  /** The verdict the app is known to get (default `certified`). */
  expect?: CatalogueVerdict;
}

/** A checked catalogue. */
export interface Catalogue {
  /** Applied to every entry; an entry's own value wins. */
  defaults?: CatalogueRunOptions;
  /** The apps, one test each, in this order. */
  apps: CatalogueApp[];
}

/** Options of {@link parseCatalogue}. */
export interface ParseCatalogueOptions {
  /** Where the text came from, for messages (default `catalogue`). */
  source?: string;
}

const RUN_KEYS = ["profile", "participants", "timeout", "budget", "allowOrigins"] as const;
const APP_KEYS = ["name", "url", "expectations", "setup", "expect", ...RUN_KEYS] as const;
const VERDICTS: readonly CatalogueVerdict[] = ["certified", "not-certified"];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses and checks a catalogue (JSON text, or an object): every entry's name (unique), URL
 * and options are checked with the same rules as `yiqi certify`'s flags, and an inline
 * expectations object is parsed like a `yiqi-expectations.json`.
 *
 * @throws {CertError} `BAD_OPTIONS` naming the source and the entry (`apps[2].url`) and saying
 * what to write, or the expectations file's own code for an inline `expectations`.
 * @example
 * ```ts
 * const catalogue = parseCatalogue(readFileSync("catalogue.json", "utf8"), { source: "catalogue.json" });
 * ```
 */
export function parseCatalogue(
  input: string | unknown,
  options: ParseCatalogueOptions = {},
): Catalogue {
  const source = options.source ?? "catalogue";
  const fail = (at: string, msg: string): never => {
    throw new CertError("BAD_OPTIONS", `${source}: ${at}${at ? ": " : ""}${msg}`);
  };
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (error) {
      fail(
        "",
        `not JSON (${(error as Error).message}); write { "apps": [{ "name": ..., "url": ... }] }`,
      );
    }
  }
  if (!isObject(data))
    return fail("", 'not an object; write { "apps": [{ "name": ..., "url": ... }] }');
  for (const key of Object.keys(data))
    if (key !== "apps" && key !== "defaults") fail(key, 'unknown key; use "apps" and "defaults"');
  const apps = data.apps;
  if (!Array.isArray(apps) || apps.length === 0)
    fail("apps", 'needs at least one entry: [{ "name": "My app", "url": "https://..." }]');
  const defaults = data.defaults === undefined ? undefined : checkRun(data.defaults, "defaults");
  const names = new Set<string>();
  const checked = (apps as unknown[]).map((entry, i) => {
    const at = `apps[${i}]`;
    if (!isObject(entry)) return fail(at, "not an object");
    const name = entry.name;
    if (typeof name !== "string" || name.trim() === "")
      fail(`${at}.name`, "a non-empty string is required (the test's title)");
    if (names.has(name as string))
      fail(`${at}.name`, `${JSON.stringify(name)} is already used: names are test titles`);
    names.add(name as string);
    return checkApp(entry, at, fail);
  });
  return { ...(defaults ? { defaults } : {}), apps: checked };

  function checkRun(value: unknown, at: string): CatalogueRunOptions {
    if (!isObject(value)) return fail(at, "not an object");
    for (const key of Object.keys(value))
      if (!(RUN_KEYS as readonly string[]).includes(key))
        fail(`${at}.${key}`, `unknown key; use ${RUN_KEYS.join(", ")}`);
    return runOptions(value, at, fail);
  }
}

/** Checks one entry (its keys, URL, verdict, expectations, setup and run options). */
function checkApp(
  entry: Record<string, unknown>,
  at: string,
  fail: (at: string, msg: string) => never,
): CatalogueApp {
  for (const key of Object.keys(entry))
    if (!(APP_KEYS as readonly string[]).includes(key))
      fail(`${at}.${key}`, `unknown key; use ${APP_KEYS.join(", ")}`);
  const { name, url, expectations, setup, expect } = entry;
  if (typeof url !== "string" || url.trim() === "")
    fail(
      `${at}.url`,
      "the app's URL is required: https://..., a path relative to the base URL, or demo",
    );
  if (/^[a-z][a-z0-9+.-]*:/i.test(url as string) && !/^https?:\/\//i.test(url as string))
    fail(`${at}.url`, `${JSON.stringify(url)} is not an http(s) URL: certify web apps only`);
  if (expect !== undefined && !VERDICTS.includes(expect as CatalogueVerdict))
    fail(`${at}.expect`, `use ${VERDICTS.map((v) => JSON.stringify(v)).join(" or ")}`);
  let exp: string | Expectations | undefined;
  if (typeof expectations === "string" && expectations !== "") exp = expectations;
  else if (isObject(expectations))
    exp = parseExpectations(expectations, {
      source: `${at}.expectations`,
      cases: [...certCases, ...generateNegativeCases()],
    });
  else if (expectations !== undefined)
    fail(`${at}.expectations`, "a yiqi-expectations.json path, or the file's object");
  if (setup !== undefined && typeof setup !== "function" && (typeof setup !== "string" || !setup))
    fail(
      `${at}.setup`,
      "an ES module path whose default export is (frame, { participantId }) => ...",
    );
  return {
    name: name as string,
    url: url as string,
    ...runOptions(entry, at, fail),
    ...(exp === undefined ? {} : { expectations: exp }),
    ...(setup === undefined ? {} : { setup: setup as string | CertifySetup }),
    ...(expect === undefined ? {} : { expect: expect as CatalogueVerdict }),
  };
}

/** Checks the run options of an entry or of `defaults` with the CLI's rules. */
function runOptions(
  value: Record<string, unknown>,
  at: string,
  fail: (at: string, msg: string) => never,
): CatalogueRunOptions {
  const out: CatalogueRunOptions = {};
  const check = (key: string, fn: () => void): void => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof CertError)) throw error;
      fail(`${at}.${key}`, error.message);
    }
  };
  const { profile, participants, timeout, budget, allowOrigins } = value;
  if (profile !== undefined)
    check("profile", () => {
      out.profile = checkProfile(String(profile));
    });
  if (participants !== undefined)
    check("participants", () => {
      if (typeof participants !== "number")
        throw new CertError(
          "BAD_OPTIONS",
          `a number from 2 to 8 (got ${JSON.stringify(participants)})`,
        );
      out.participants = checkParticipants(participants);
    });
  if (timeout !== undefined)
    check("timeout", () => {
      if (typeof timeout !== "number")
        throw new CertError("BAD_OPTIONS", `seconds, a number (got ${JSON.stringify(timeout)})`);
      checkTimeoutSeconds(timeout, "timeout");
      out.timeout = timeout;
    });
  if (budget !== undefined)
    check("budget", () => {
      parseDuration(String(budget), "budget");
      out.budget = String(budget);
    });
  if (allowOrigins !== undefined)
    check("allowOrigins", () => {
      if (!Array.isArray(allowOrigins) || allowOrigins.some((o) => typeof o !== "string"))
        throw new CertError("BAD_OPTIONS", 'a list of origins, e.g. ["https://api.example.com"]');
      checkAllowOrigins(allowOrigins as string[]);
      out.allowOrigins = [...(allowOrigins as string[])];
    });
  return out;
}

/**
 * An entry's app URL made absolute: `demo` and http(s) URLs as they are, a relative one
 * against `baseUrl`.
 *
 * @throws {CertError} `BAD_OPTIONS` for a relative URL without a base URL.
 */
export function resolveAppUrl(url: string, baseUrl: string | undefined, name: string): string {
  if (url === "demo" || /^https?:\/\//i.test(url)) return url;
  if (baseUrl === undefined)
    throw new CertError(
      "BAD_OPTIONS",
      `${name}: the URL ${JSON.stringify(url)} is relative and there is no base URL: pass certifyCatalogue(..., { baseUrl }) or set use.baseURL, or write the app's full URL`,
    );
  return new URL(url, baseUrl).href;
}

/** An entry with the catalogue's defaults filled in (the entry's own values win). */
export function withDefaults(catalogue: Catalogue, app: CatalogueApp): CatalogueApp {
  return { ...catalogue.defaults, ...app };
}
