/**
 * `yiqi certify [url]`: certifies an unmodified 一起用 app in headless Chromium and writes
 * `report.json`, `junit.xml` and `report.html`. Exit 0 certified, 1 not certified, 2 usage or
 * environment problem.
 */
import { accessSync, constants, mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CertError, type CertExpectations, certCases, parseExpectations } from "@yiqi/conformance";
import {
  CERTIFY_DEFAULTS,
  certify,
  checkAllowOrigins,
  checkAppUrl,
  checkParticipants,
  checkProfile,
  checkTimeoutSeconds,
  writeCertReports,
} from "@yiqi/conformance/node";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi certify [URL] [--profile NAME] [--report DIR] [--participants N]
                    [--timeout S] [--expectations FILE] [--allow-origin ORIGIN]...

Certifies a Tencent Meeting 一起用 / 一起玩 app, unmodified: opens it in the Yiqi harness
(headless Chromium) with the client's user agent and the wemeet shim served for Tencent's SDK
URL, drives a session (start, joins, leave and rejoin, end; collab-full adds a reload, the
convergence check and negative cases) and grades every case of the profile.

Arguments:
  URL                  your app (e.g. http://localhost:5173/); default: the bundled demo app

Options:
  --profile NAME       collab-basic (default: the documented flow) or collab-full
  --report DIR         where report.json, junit.xml, report.html and screenshots go
                       (default yiqi-report)
  --participants N     simulated participants, 2..8 (default 3)
  --timeout S          bound of every step in seconds (default 30)
  --expectations FILE  yiqi-expectations.json: recorded deviations; then only MUST cases
                       that FAILED unexpectedly make the exit code 1
  --allow-origin O     let the app reach origin O (repeatable), e.g. https://api.example.com;
                       by default the browser reaches only the harness and the app's origin

Exit: 0 certified, 1 not certified, 2 usage or environment problem (bad flag, app unreachable,
no browser). Chromium: YIQI_CHROMIUM, Playwright's own, or /usr/bin/chromium.`;

const VERSION = ((): string => {
  try {
    const pkg = JSON.parse(
      readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
    ) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
})();

async function run(argv: string[], io: CommandIO): Promise<number> {
  let values: {
    profile?: string;
    report?: string;
    participants?: string;
    timeout?: string;
    expectations?: string;
    "allow-origin"?: string[];
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        profile: { type: "string" },
        report: { type: "string" },
        participants: { type: "string" },
        timeout: { type: "string" },
        expectations: { type: "string" },
        "allow-origin": { type: "string", multiple: true },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.err(`yiqi certify: ${(error as Error).message}`);
    io.err(usage);
    return 2;
  }
  if (positionals.length > 1) {
    io.err(
      `yiqi certify: one app URL at most (got ${positionals.length}: ${positionals.join(" ")})`,
    );
    return 2;
  }
  const appUrl = positionals[0];
  let profile: string;
  let participants: number;
  let timeoutMs: number;
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
    if (appUrl !== undefined) checkAppUrl(appUrl);
    checkAllowOrigins(values["allow-origin"] ?? []);
  } catch (error) {
    if (!(error instanceof CertError)) throw error;
    io.err(`yiqi certify: ${error.message}`);
    return 2;
  }
  let expectations: CertExpectations | undefined;
  if (values.expectations !== undefined) {
    try {
      expectations = parseExpectations(readFileSync(values.expectations, "utf8"), {
        source: values.expectations,
        cases: certCases,
      });
    } catch (error) {
      io.err(
        `yiqi certify: ${error instanceof CertError ? error.message : `cannot read ${values.expectations}: ${(error as Error).message}`}`,
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
    `yiqi certify: ${appUrl ?? "the bundled demo app"} under ${profile}, ${participants} participants, ${timeoutMs / 1000} s per step`,
  );
  try {
    const outcome = await certify({
      ...(appUrl === undefined ? {} : { appUrl }),
      profile,
      participants,
      timeoutMs,
      reportDir,
      startHarness: (app) => startHarnessServer({ port: 0, app, participants, ...assets }),
      shim: readFileSync(assets.shimFile),
      ...(expectations ? { expectations } : {}),
      ...(values["allow-origin"] ? { allowOrigins: values["allow-origin"] } : {}),
      onProgress: (line) => io.out(line),
      yiqiVersion: VERSION,
    });
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
      outcome.applied && outcome.exitCode === 0 && !verdict.certified
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
      `${verdict.certified ? "CERTIFIED" : "NOT CERTIFIED"} under ${profile}: ${countText}${verdict.certified ? "" : `; failed MUST: ${verdict.failedMust.join(", ")}`}${expected}${unexercised}`,
    );
    return outcome.exitCode;
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
  summary: "certify an app (default: the bundled demo) and write JSON, JUnit and HTML reports",
  usage,
  run,
};
