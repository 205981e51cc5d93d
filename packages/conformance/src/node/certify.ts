/**
 * The `yiqi certify` runner: opens the Yiqi harness in headless Chromium with an unmodified app,
 * drives a 一起用 session through the emulated client (`meeting.ui.*`), watches every
 * participant's app instance and the simulator trace, and grades the profile's cases.
 *
 * One module per phase: {@link runConfig} (options), `preflight.ts` (the app answers, a browser
 * starts, the harness starts), `instrument.ts` (the context and its observations),
 * `harnessPage.ts` (the typed client of the harness page), `flow/` (the phases), `grade.ts`
 * (the graders of `../cert/caseGraders.ts`) and `evidence.ts`.
 *
 * The runner only creates conditions (roles, session states, a canceled confirmation) and
 * observes; it never clicks inside an app. A case whose condition the app never met (an app
 * that never calls `start` itself cannot be seen handling a CANCELED start) is `UNIMPLEMENTED`,
 * with a message that says so.
 *
 * @module
 */
import {
  type AppliedExpectations,
  applyExpectations,
  ciExitCode,
} from "../cert/applyExpectations.ts";
import { type CertRun, type CertRunInfo, SPEC_REVISION } from "../cert/CertRun.ts";
import { computeVerdict, type Verdict } from "../cert/computeVerdict.ts";
import { explainVerdict } from "../cert/explainVerdict.ts";
import { formatPhases } from "../cert/formatPhases.ts";
import type { RunRecord } from "../cert/RunRecord.ts";
import { FlowContext } from "./flow/FlowContext.ts";
import { runFlow } from "./flow/runFlow.ts";
import { gradeRun } from "./grade.ts";
import { HarnessPage } from "./harnessPage.ts";
import { instrument } from "./instrument.ts";
import { certifyNetworkPolicy } from "./networkPolicy.ts";
import { type CertifyOptions, runConfig } from "./options.ts";
import { prepareRun } from "./preflight.ts";

/** What {@link certify} resolves to. */
export interface CertifyOutcome {
  /** The finished run (what the renderers take). */
  run: CertRun;
  verdict: Verdict;
  /** 0 certified (or only expected MUST failures, with expectations), 1 not certified. */
  exitCode: 0 | 1;
  /** Present when expectations were given. */
  applied?: AppliedExpectations;
  /** Why the run is NOT CERTIFIED, in one sentence (the verdict line's cause); absent when certified. */
  why?: string;
}

/** The least time the harness page gets to become ready (it connects to its server's meeting). */
const HARNESS_READY_MS = 15_000;

/**
 * Certifies an app: runs the profile's cases in headless Chromium and grades them.
 *
 * @throws {CertError} `BAD_OPTIONS`, `APP_UNREACHABLE`, `NO_BROWSER` or `HARNESS_FAILED`
 * (environment problems: the CLI exits 2); a graded run never throws.
 * @example
 * ```ts
 * const { verdict } = await certify({ appUrl, startHarness, onProgress: console.log });
 * ```
 */
export async function certify(options: CertifyOptions): Promise<CertifyOutcome> {
  const cfg = runConfig(options);
  const startedAt = new Date();
  const preflightFrom = performance.now();
  const { harness, browser } = await prepareRun(
    options.startHarness,
    cfg.app,
    options.env ?? process.env,
    Math.min(cfg.timeoutMs, 10_000),
  );
  // Closed as soon as the flow is over (grading needs neither), and in any case at the end.
  let closing: Promise<unknown> | undefined;
  const closeAll = (): Promise<unknown> => {
    closing ??= Promise.all([browser.close().catch(() => {}), harness.close().catch(() => {})]);
    return closing;
  };
  try {
    const policy = certifyNetworkPolicy({
      harnessUrl: harness.url,
      appUrl: cfg.app,
      ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
    });
    const { page, observations } = await instrument(browser, {
      policy,
      progress: cfg.progress,
    });
    // The harness page is ours, not the app under test: its bound does not shrink with the
    // app's case timeout (a short --timeout on a loaded machine must not fail the harness).
    const harnessPage = new HarnessPage(page, Math.max(cfg.timeoutMs, HARNESS_READY_MS));
    const ctx = new FlowContext(harnessPage, observations, cfg);
    ctx.timings.push({ name: "preflight", ms: performance.now() - preflightFrom });
    const flow = await runFlow(ctx, harness.url);
    const browserVersion = browser.version();
    void closeAll();
    const record: RunRecord = {
      profile: cfg.profile,
      timeoutMs: cfg.timeoutMs,
      settleMs: cfg.settleMs,
      observations,
      flow,
    };
    const gradeFrom = performance.now();
    const results = gradeRun(record, cfg.progress);
    const phases = [...ctx.timings, { name: "grade", ms: performance.now() - gradeFrom }];
    cfg.progress(`· phases: ${formatPhases(phases)}`);
    const info: CertRunInfo = {
      yiqiVersion: options.yiqiVersion ?? "0.0.0",
      specRevision: SPEC_REVISION,
      appUrl: cfg.app === "demo" ? "demo (the bundled Pixel Party app)" : cfg.app,
      browser: { name: "chromium", version: browserVersion },
      profile: cfg.profile,
      participants: cfg.participants,
      startedAt,
      endedAt: new Date(),
      network: { allowed: [...policy.allowed], blocked: [...observations.blocked.values()] },
      phases,
    };
    const verdict = computeVerdict(results);
    const why = explainVerdict(results, record);
    const explained = why === undefined ? {} : { why };
    if (!options.expectations)
      return {
        run: { info, results },
        verdict,
        exitCode: verdict.certified ? 0 : 1,
        ...explained,
      };
    const applied = applyExpectations(results, options.expectations.expectations);
    return {
      run: {
        info,
        results: applied.results,
        expectations: {
          app: options.expectations.app,
          changes: applied.changes,
          stale: applied.stale,
          unexpectedFailures: applied.unexpectedFailures,
        },
      },
      verdict,
      exitCode: ciExitCode(applied),
      applied,
      ...explained,
    };
  } finally {
    await closeAll();
  }
}
