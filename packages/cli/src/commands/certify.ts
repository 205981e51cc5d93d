/**
 * `yiqi certify (url | demo)`: certifies an unmodified 一起用 app in headless Chromium and writes
 * `report.json`, `junit.xml` and `report.html`. Exit 0 certified, 1 not certified, 2 usage or
 * environment problem.
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import {
  applyExpectations,
  CertError,
  type CertExpectations,
  certCases,
  ciExitCode,
  expectationsFromRun,
  formatExpectations,
  generateNegativeCases,
  parseExpectations,
} from "@yiqi/conformance";
import {
  CERTIFY_DEFAULTS,
  type CertifySetup,
  certify,
  checkAllowOrigins,
  checkAppUrl,
  checkParticipants,
  checkProfile,
  checkTimeoutSeconds,
  loadSetup,
  parseDuration,
  writeCertReports,
} from "@yiqi/conformance/node";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { type OptionTable, parseCommandArgs, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";
import { VERSION } from "../version.ts";
import { setupModulePath } from "./certifySetup.ts";

const usage = `Usage: yiqi certify (URL | demo) [--profile NAME] [--report DIR] [--participants N]
                    [--timeout S] [--budget DURATION] [--setup FILE] [--expectations FILE]
                    [--update-expectations] [--allow-origin ORIGIN]...

Certifies a Tencent Meeting 一起用 / 一起玩 app, unmodified: opens it in the Yiqi harness
(headless Chromium) with the client's user agent and the wemeet shim served for Tencent's SDK
URL, drives a session (start, joins, leave and rejoin, end; collab-full adds a reload, the
convergence check and negative cases) and grades every case of the profile.

Arguments:
  URL                  your app (e.g. http://localhost:5173/)
  demo                 the bundled demo app (Pixel Party) instead

Options:
  --profile NAME       collab-basic (default: the documented flow) or collab-full
  --report DIR         where report.json, junit.xml, report.html and screenshots go
                       (default yiqi-report)
  --participants N     simulated participants, 2..8 (default 3)
  --timeout S          bound of every step in seconds (default 30)
  --budget DURATION    bound of the whole run, e.g. 5m or 90s (default none); a run that
                       runs out stops, is graded NOT CERTIFIED and writes its reports
  --setup FILE         an ES module whose default export (frame, { participantId }) runs in
                       every app instance before the flow: your Playwright steps for an app
                       that loads the SDK on a user action (e.g. a menu click). It is code
                       and is run, like playwright.config: a local file only (no URL, data:
                       or node: specifier), relative to the working directory
  --expectations FILE  yiqi-expectations.json: recorded deviations (and "setup", a setup
                       module path relative to FILE: naming one makes FILE run code); then only
                       MUST cases that FAILED unexpectedly make the exit code 1
  --update-expectations
                       write the expectations file (--expectations FILE, default
                       yiqi-expectations.json) from this run: one entry per FAILED or
                       NON-STRICT case, keeping reasons already written; exits as if applied
  --allow-origin O     let the app reach origin O (repeatable), e.g. https://api.example.com;
                       by default the browser reaches only the harness and the app's origin

Exit: 0 certified, 1 not certified, 2 usage or environment problem (bad flag, app unreachable,
no browser). Chromium: YIQI_CHROMIUM, Playwright's own, or /usr/bin/chromium.`;

/** The flags of `yiqi certify`. */
export const CERTIFY_OPTIONS: OptionTable = {
  profile: { type: "string" },
  report: { type: "string" },
  participants: { type: "string" },
  timeout: { type: "string" },
  budget: { type: "string" },
  setup: { type: "string" },
  expectations: { type: "string" },
  "update-expectations": { type: "boolean" },
  "allow-origin": { type: "string", multiple: true },
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs("certify", argv, CERTIFY_OPTIONS, { positionals: true });
  if ("error" in parsed) return usageError(io, "certify", parsed.error);
  const positionals = parsed.positionals;
  const values = parsed.values as {
    profile?: string;
    report?: string;
    participants?: string;
    timeout?: string;
    budget?: string;
    setup?: string;
    expectations?: string;
    "update-expectations"?: boolean;
    "allow-origin"?: string[];
  };
  if (positionals.length > 1) {
    io.err(
      `yiqi certify: one app URL at most (got ${positionals.length}: ${positionals.join(" ")})`,
    );
    return 2;
  }
  const [target] = positionals;
  const appUrl = target === "demo" ? undefined : target;
  let profile: string;
  let participants: number;
  let timeoutMs: number;
  let budgetMs: number | undefined;
  try {
    // certify()'s own checks, run on the flags before anything starts (messages name the flag).
    profile = checkProfile(values.profile ?? CERTIFY_DEFAULTS.profile);
    participants = checkParticipants(
      values.participants ?? CERTIFY_DEFAULTS.participants,
      "--participants",
    );
    timeoutMs =
      values.timeout === undefined
        ? CERTIFY_DEFAULTS.timeoutMs
        : checkTimeoutSeconds(values.timeout);
    budgetMs = values.budget === undefined ? undefined : parseDuration(values.budget);
    if (appUrl !== undefined) checkAppUrl(appUrl);
    checkAllowOrigins(values["allow-origin"] ?? []);
  } catch (error) {
    if (!(error instanceof CertError)) throw error;
    io.err(`yiqi certify: ${error.message}`);
    return 2;
  }
  if (target === undefined) {
    // No silent default: a bare `yiqi certify` certifying the demo reads like a green build.
    io.err(
      "yiqi certify: pass your app's URL (yiqi certify http://localhost:5173/) or demo to certify the bundled demo app (yiqi certify demo)",
    );
    return 2;
  }
  const expectationsFile =
    values.expectations ?? (values["update-expectations"] ? "yiqi-expectations.json" : undefined);
  let expectations: CertExpectations | undefined;
  // Every case an entry may name: the catalogue and every negative case the table can generate.
  const knownCases = [...certCases, ...generateNegativeCases()];
  // --update-expectations may create the file; without it, a file named must exist.
  if (
    expectationsFile !== undefined &&
    (!values["update-expectations"] || existsSync(expectationsFile))
  ) {
    try {
      expectations = parseExpectations(readFileSync(expectationsFile, "utf8"), {
        source: expectationsFile,
        cases: knownCases,
      });
    } catch (error) {
      io.err(
        `yiqi certify: ${error instanceof CertError ? error.message : `cannot read ${expectationsFile}: ${(error as Error).message}`}`,
      );
      return 2;
    }
  }
  let setup: CertifySetup | undefined;
  let setupFile: string | undefined;
  // The setup module is code: a local file only, relative to the file (or flag) that names it.
  const setupSpec =
    values.setup !== undefined
      ? { spec: values.setup, baseDir: process.cwd(), source: "--setup" }
      : expectations?.setup && expectationsFile
        ? {
            spec: expectations.setup,
            baseDir: dirname(resolve(expectationsFile)),
            source: expectationsFile,
          }
        : undefined;
  if (setupSpec !== undefined) {
    try {
      setupFile = setupModulePath(setupSpec.spec, setupSpec.baseDir, setupSpec.source);
      setup = await loadSetup(setupFile);
    } catch (error) {
      io.err(
        `yiqi certify: ${error instanceof CertError ? error.message : `cannot load the setup module ${setupFile}: ${(error as Error).message.split("\n")[0]}`}`,
      );
      return 2;
    }
  }
  const reportDir = resolve(values.report ?? "yiqi-report");
  try {
    mkdirSync(reportDir, { recursive: true });
    accessSync(reportDir, constants.W_OK);
  } catch (error) {
    io.err(
      `yiqi certify: cannot write the report to ${reportDir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): pass --report with a directory you can write to`,
    );
    return 2;
  }
  const assets = bundledAssets();
  io.out(
    `yiqi certify: ${appUrl ?? "the bundled demo app"} under ${profile}, ${participants} participants, ${timeoutMs / 1000} s per step${budgetMs === undefined ? "" : `, ${values.budget} in all`}${setup ? `, setup ${setupFile}` : ""}`,
  );
  try {
    const outcome = await certify({
      ...(appUrl === undefined ? { appUrl: "demo" } : { appUrl }),
      profile,
      participants,
      timeoutMs,
      reportDir,
      startHarness: (app) => startHarnessServer({ port: 0, app, participants, ...assets }),
      shim: readFileSync(assets.shimFile),
      ...(expectations && !values["update-expectations"] ? { expectations } : {}),
      ...(budgetMs === undefined ? {} : { budgetMs }),
      ...(setup ? { setup } : {}),
      ...(values["allow-origin"] ? { allowOrigins: values["allow-origin"] } : {}),
      onProgress: (line) => io.out(line),
      yiqiVersion: VERSION,
    });
    let exitCode = outcome.exitCode;
    if (values["update-expectations"] && expectationsFile) {
      const next = expectationsFromRun(outcome.run.results, {
        ...(expectations ? { previous: expectations } : {}),
        app: appUrl === undefined ? "demo" : new URL(appUrl).host,
        date: new Date().toISOString().slice(0, 10),
      });
      writeFileSync(expectationsFile, formatExpectations(next));
      io.out(`Wrote ${next.expectations.length} expectation(s) to ${expectationsFile}`);
      const applied = applyExpectations(outcome.run.results, next.expectations);
      exitCode = ciExitCode(applied);
    }
    const files = writeCertReports(reportDir, outcome.run);
    const { verdict } = outcome;
    const counts = outcome.run.results.reduce<Record<string, number>>((acc, r) => {
      acc[r.grade] = (acc[r.grade] ?? 0) + 1;
      return acc;
    }, {});
    const countText = Object.entries(counts)
      .map(([g, c]) => `${c} ${g}`)
      .join(", ");
    if (outcome.applied) {
      for (const c of outcome.applied.changes) io.out(`  expectation: ${c.message}`);
      for (const s of outcome.applied.stale)
        io.out(`  expectation: ${s.id} is not in this run (stale entry)`);
    }
    io.out(`Reports: ${files.json}, ${files.junit}, ${files.html}`);
    const expected =
      exitCode === 0 && !verdict.certified
        ? " (every MUST failure is expected by the expectations file)"
        : "";
    const notExercised = outcome.run.results.filter(
      (r) => r.level === "MUST" && r.grade === "UNIMPLEMENTED",
    ).length;
    const unexercised =
      notExercised > 0
        ? ` (${notExercised} MUST case(s) not exercised: the app does not use that feature; see report.html)`
        : "";
    io.out(
      verdict.certified
        ? `CERTIFIED under ${profile}: ${countText}${unexercised}`
        : `NOT CERTIFIED under ${profile} — ${(outcome.why ?? "a MUST case FAILED").replace(/[.…]$/, "")}. ${countText}; failed MUST: ${verdict.failedMust.join(", ")}${expected}`,
    );
    return exitCode;
  } catch (error) {
    if (error instanceof CertError) {
      io.err(`yiqi certify: ${error.message}`);
      return 2;
    }
    // Not a verdict on the app: the browser crashed, the disk is full, a bug in Yiqi. Exit 2 so
    // CI does not read it as "not certified", and say what went wrong.
    const e = error as Error;
    io.err(
      `yiqi certify: the run could not finish (${e.name}: ${e.message.split("\n")[0]}). This is not a verdict on the app: run again; if it repeats, report it with the output of YIQI_DEBUG=1 yiqi certify`,
    );
    if (process.env.YIQI_DEBUG) io.err(e.stack ?? String(e));
    return 2;
  }
}

/** The `certify` command. */
export const certifyCommand: Command = {
  name: "certify",
  summary:
    "certify an app (a URL, or demo for the bundled one) and write JSON, JUnit and HTML reports",
  usage,
  run,
};
