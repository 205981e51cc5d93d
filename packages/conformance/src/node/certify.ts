/**
 * The `yiqi certify` runner: opens the Yiqi harness in headless Chromium with an unmodified app,
 * drives a 一起用 session through the emulated client (`meeting.ui.*`), watches every
 * participant's app instance (uncaught errors, unhandled rejections, console errors) and the
 * simulator trace, and grades the profile's cases with the helpers of `../cert/`.
 *
 * The runner only creates conditions (roles, session states, a canceled confirmation) and
 * observes; it never clicks inside an app. A case whose condition the app never met (an app
 * that never calls `start` itself cannot be seen handling a CANCELED start) is `UNIMPLEMENTED`,
 * with a message that says so.
 *
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BrowserContext,
  chromium,
  type Frame,
  type Page,
  type Browser as PwBrowser,
} from "playwright-core";
import {
  type AppliedExpectations,
  applyExpectations,
  ciExitCode,
} from "../cert/applyExpectations.ts";
import type { CertCase } from "../cert/CertCase.ts";
import {
  type CertCaseResult,
  type CertScreenshot,
  certResult,
  type Grading,
  type TraceExcerptEntry,
  traceExcerpt,
} from "../cert/CertCaseResult.ts";
import { CertError } from "../cert/CertError.ts";
import { type CertRun, SPEC_REVISION } from "../cert/CertRun.ts";
import { casesForProfile, certCases } from "../cert/certCases.ts";
import { computeVerdict, type Verdict } from "../cert/computeVerdict.ts";
import { formatCaseLine, formatProgress } from "../cert/formatProgress.ts";
import { Grade } from "../cert/Grade.ts";
import { gradeArgumentsMatchSpec } from "../cert/gradeArgumentsMatchSpec.ts";
import { type DigestSample, gradeConvergence } from "../cert/gradeConvergence.ts";
import { type EventDeliveryObservation, gradeEventDelivery } from "../cert/gradeEventDelivery.ts";
import { gradeNegativeCase } from "../cert/gradeNegativeCase.ts";
import { gradeNoUncaughtErrors } from "../cert/gradeNoUncaughtErrors.ts";
import { gradeReachesHost, type HandshakeObservation } from "../cert/gradeReachesHost.ts";
import { gradeUnknownCalls } from "../cert/gradeUnknownCalls.ts";
import { apiMetadata } from "../cert/jsapiMetadata.ts";
import { describePageError, type PageError } from "../cert/PageError.ts";
import type { Expectations } from "../cert/parseExpectations.ts";
import { type RecordedCall, recordedCallsFromTrace } from "../cert/RecordedCall.ts";
import { renderHtml } from "../cert/renderHtml.ts";
import { renderJunit } from "../cert/renderJunit.ts";
import { renderReportJson } from "../cert/renderReportJson.ts";
import { ChromiumNotFoundError, chromiumLaunchOptions } from "./chromium.ts";
import { certifyNetworkPolicy, type NetworkPolicy, parseAllowedOrigin } from "./networkPolicy.ts";

/** The UA of the Tencent Meeting client's webview (SPEC A1), client 3.14. */
export const CLIENT_USER_AGENT =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) arch/x86_64 app/tencent_wemeet os_name/Mac os_version/10.15.7 app_version/3.14.0.400 c_district/0";

/** Tencent's SDK script URLs, answered with the Yiqi shim. */
export const TENCENT_SDK_URL_PATTERN = "https://cdn.meeting.tencent.com/jssdk/**";

/** A running harness server, as {@link CertifyOptions.startHarness} returns it. */
export interface CertifyHarness {
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  url: string;
  close(): Promise<void>;
}

/** Options of {@link certify}. */
export interface CertifyOptions {
  /** The app under test (http or https); default: the harness's bundled demo (`demo`). */
  appUrl?: string;
  /** `collab-basic` (default) or `collab-full`. */
  profile?: string;
  /** Simulated participants, 2..8 (default 3: a host and two attendees). */
  participants?: number;
  /** Bound of every wait, in ms (default 30 000). */
  timeoutMs?: number;
  /** How long to watch for errors after each action, in ms (default 600). */
  settleMs?: number;
  /**
   * Starts the harness server for `app` (`demo` or the URL). Injected so this package does not
   * depend on `@yiqi/cli`: pass `(app) => startHarnessServer({ port: 0, app, ...bundledAssets() })`.
   */
  startHarness: (app: string) => Promise<CertifyHarness>;
  /** The jsapi shim's source, served for Tencent's SDK URL (the harness's `shimFile`). */
  shim: string | Uint8Array;
  /** Where screenshots go (`<dir>/screenshots/*.png`); none are taken without it. */
  reportDir?: string;
  /** Applied to the results; then only unexpected MUST failures make the exit code 1. */
  expectations?: Expectations;
  /** Receives one line per graded case ({@link formatProgress}) and per phase. */
  onProgress?: (line: string) => void;
  /** The Yiqi version for `run_info` (default `0.0.0`). */
  yiqiVersion?: string;
  /** Environment to resolve Chromium from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * Origins the app may reach besides the harness and its own origin (default none), e.g.
   * `https://api.example.com`. Every other request is refused in the browser.
   */
  allowOrigins?: readonly string[];
}

/** What {@link certify} resolves to. */
export interface CertifyOutcome {
  /** The finished run (what the renderers take). */
  run: CertRun;
  verdict: Verdict;
  /** 0 certified (or only expected MUST failures, with expectations), 1 not certified. */
  exitCode: 0 | 1;
  /** Present when expectations were given. */
  applied?: AppliedExpectations;
}

/** One trace entry of the simulator, as `meeting.trace.entries()` gives it. */
interface SimEntry {
  seq: number;
  t: number;
  kind: string;
  participantId?: string;
  instanceId?: string;
  name: string;
  data: unknown;
}

/** A page signal with the wall time it arrived. */
type Signal = PageError & { participantId: string; t: number };

/** A window of wall time `[from, to]`. */
interface Window {
  from: number;
  to: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_SETTLE_MS = 600;
/** Nicknames of the attendees (the harness's defaults). */
const NICKNAMES = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace"];
/** The extra collab-full participant on an old client, and its version. */
const OLD_CLIENT_NICKNAME = "Oldclient";
const OLD_CLIENT_VERSION = "3.11.0";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** App-side calls kept per run (an app calling in a loop must not exhaust memory). */
const MAX_APP_CALLS = 5000;

/** How long the run keeps listening for page errors after the session ended. */
const DRAIN_MS = 2000;

/** Turns the recorder's markers back into the values the argument checks expect. */
function reviveArg(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reviveArg);
  if (!isObject(v)) return v;
  if (v.__yiqiFn === 1) return () => {};
  if (v.__yiqiUndefined === 1) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveArg(x)]));
}

/** `p2` from `http://p2.1a2b3c4d.localhost:7100/...`; undefined for other URLs. */
export function participantOfUrl(url: string): string | undefined {
  try {
    const m = /^(p\d+)\.[^.]+\.localhost$/.exec(new URL(url).hostname);
    return m?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Checks that an app URL answers before a browser is launched.
 *
 * @throws {CertError} `BAD_OPTIONS` for a URL that is not http(s); `APP_UNREACHABLE` when the
 * server refuses the connection, does not answer within `timeoutMs`, or answers 502/503/504.
 */
export async function checkAppReachable(url: string, timeoutMs = 10_000): Promise<void> {
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
    throw new CertError("BAD_OPTIONS", `"${url}" is not an http(s) URL: certify web apps only`);
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
 * Certifies an app: runs the profile's cases in headless Chromium and grades them.
 *
 * @throws {CertError} `BAD_OPTIONS`, `APP_UNREACHABLE`, `NO_BROWSER` or `HARNESS_FAILED`
 * (environment problems: the CLI exits 2); a graded run never throws.
 * @example
 * ```ts
 * const { verdict } = await certify({ appUrl, startHarness, shim, onProgress: console.log });
 * ```
 */
export async function certify(options: CertifyOptions): Promise<CertifyOutcome> {
  const app = options.appUrl ?? "demo";
  const profile = options.profile ?? "collab-basic";
  const n = options.participants ?? 3;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  const progress = options.onProgress ?? ((): void => {});
  try {
    casesForProfile(profile);
  } catch (error) {
    throw new CertError("BAD_OPTIONS", (error as Error).message);
  }
  if (!Number.isInteger(n) || n < 2 || n > 8)
    throw new CertError(
      "BAD_OPTIONS",
      `participants must be a whole number from 2 to 8 (got ${n}): a session needs a host and a joiner`,
    );
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new CertError("BAD_OPTIONS", `the timeout must be a positive number (got ${timeoutMs})`);
  for (const origin of options.allowOrigins ?? []) parseAllowedOrigin(origin);
  if (app !== "demo") await checkAppReachable(app, Math.min(timeoutMs, 10_000));
  let launch: ReturnType<typeof chromiumLaunchOptions>;
  try {
    launch = chromiumLaunchOptions({ env: options.env ?? process.env });
  } catch (error) {
    if (error instanceof ChromiumNotFoundError) throw new CertError("NO_BROWSER", error.message);
    throw error;
  }

  const startedAt = new Date();
  let harness: CertifyHarness;
  try {
    harness = await options.startHarness(app);
  } catch (error) {
    throw new CertError(
      "HARNESS_FAILED",
      `the harness server did not start: ${(error as Error).message}`,
    );
  }
  let browser: PwBrowser | undefined;
  try {
    try {
      browser = await chromium.launch(launch);
    } catch (error) {
      throw new CertError(
        "NO_BROWSER",
        `Chromium at ${launch.executablePath} did not start: ${(error as Error).message.split("\n")[0]}. Install a working one (apt-get install chromium, or npx playwright install chromium) or set YIQI_CHROMIUM`,
      );
    }
    const policy = certifyNetworkPolicy({
      harnessUrl: harness.url,
      appUrl: app,
      ...(options.allowOrigins ? { allowOrigins: options.allowOrigins } : {}),
    });
    const session = new Session(browser, harness, {
      app,
      policy,
      profile,
      n,
      timeoutMs,
      settleMs,
      progress,
      ...(options.reportDir === undefined ? {} : { reportDir: options.reportDir }),
    });
    await session.setUp(options.shim);
    const results = await session.run();
    const verdictResults = results;
    const info = {
      yiqiVersion: options.yiqiVersion ?? "0.0.0",
      specRevision: SPEC_REVISION,
      appUrl: app === "demo" ? "demo (the bundled Pixel Party app)" : app,
      browser: { name: "chromium", version: browser.version() },
      profile,
      participants: n,
      startedAt,
      endedAt: new Date(),
      network: { allowed: [...policy.allowed], blocked: session.blockedRequests() },
    };
    const verdict = computeVerdict(verdictResults);
    if (options.expectations) {
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
      };
    }
    return { run: { info, results }, verdict, exitCode: verdict.certified ? 0 : 1 };
  } finally {
    await browser?.close().catch(() => {});
    await harness.close().catch(() => {});
  }
}

/** The files {@link writeCertReports} writes. */
export interface CertReportFiles {
  json: string;
  junit: string;
  html: string;
}

/**
 * Writes `report.json`, `junit.xml` and `report.html` of `run` into `dir` (created if needed);
 * screenshots are expected under `dir` already (the runner writes them there) and are inlined
 * into `report.html`, each once.
 */
export function writeCertReports(dir: string, run: CertRun): CertReportFiles {
  mkdirSync(dir, { recursive: true });
  const files = {
    json: join(dir, "report.json"),
    junit: join(dir, "junit.xml"),
    html: join(dir, "report.html"),
  };
  writeFileSync(files.json, renderReportJson(run));
  writeFileSync(files.junit, renderJunit(run));
  // report.html carries its screenshots (each once), so it can be mailed or archived alone.
  const screenshotData: Record<string, Uint8Array> = {};
  for (const r of run.results)
    for (const s of r.evidence.screenshots) {
      const path = join(dir, s.file);
      if (!(s.file in screenshotData) && existsSync(path))
        screenshotData[s.file] = readFileSync(path);
    }
  writeFileSync(files.html, renderHtml(run, { screenshotData }));
  return files;
}

interface SessionConfig {
  app: string;
  policy: NetworkPolicy;
  profile: string;
  n: number;
  timeoutMs: number;
  settleMs: number;
  progress: (line: string) => void;
  reportDir?: string;
}

/** A request the network policy refused. */
interface BlockedRequest {
  url: string;
  participantId?: string;
}

/** One certification run: the page, the signals, the phases and their windows. */
class Session {
  private context!: BrowserContext;
  private page!: Page;
  private readonly signals: Signal[] = [];
  private readonly consoleErrors: Signal[] = [];
  /** `wemeet` calls as the app made them (before the shim checks anything), per participant. */
  private readonly appCalls: RecordedCall[] = [];
  /** Participants whose page requested the SDK (the shim) at least once. */
  private readonly sdkRequested = new Set<string>();
  private readonly screenshots = new Map<string, CertScreenshot>();
  private readonly pids: string[];
  private readonly windows = new Map<string, Window>();
  private readonly events: Record<string, EventDeliveryObservation[]> = {
    start: [],
    join: [],
    leave: [],
    end: [],
  };
  private readonly notes = new Map<string, Grading>();
  private joinedOk: { pid: string; grading: Grading }[] = [];
  private digests: DigestSample[] = [];
  private lastActionAt = 0;
  private readonly blocked = new Map<string, BlockedRequest>();

  constructor(
    private readonly browser: PwBrowser,
    private readonly harness: CertifyHarness,
    private readonly cfg: SessionConfig,
  ) {
    this.pids = Array.from({ length: cfg.n }, (_, i) => `p${i + 1}`);
  }

  /** The requests the network policy refused, one per origin (the first seen). */
  blockedRequests(): BlockedRequest[] {
    return [...this.blocked.values()];
  }

  /**
   * Refuses every request and WebSocket that leaves the harness, the app's origin and the
   * allowed origins (docs/decisions/0301). Only refused URLs are routed, so allowed traffic
   * pays nothing for the check.
   */
  private async fenceNetwork(): Promise<void> {
    const { policy } = this.cfg;
    const refuse = (url: string, frameUrl: string | undefined): void => {
      const origin = (() => {
        try {
          return new URL(url).origin;
        } catch {
          return url.slice(0, 200);
        }
      })();
      if (this.blocked.has(origin) || this.blocked.size >= 100) return;
      const pid = frameUrl === undefined ? undefined : participantOfUrl(frameUrl);
      this.blocked.set(origin, { url: url.slice(0, 500), ...(pid ? { participantId: pid } : {}) });
      this.cfg.progress(
        `· network: refused ${origin}${pid ? ` (from ${pid})` : ""}: the runner reaches only the harness and the app's origin; pass --allow-origin ${origin} to allow it`,
      );
    };
    await this.context.route(
      (url) => !policy.allows(url),
      (route, request) => {
        let frameUrl: string | undefined;
        try {
          frameUrl = request.frame().url();
        } catch {
          frameUrl = undefined;
        }
        refuse(request.url(), frameUrl);
        return route.abort("blockedbyclient");
      },
    );
    await this.context.routeWebSocket(
      (url) => !policy.allows(url),
      (ws) => {
        refuse(ws.url(), undefined);
        ws.close({ code: 1008, reason: "refused by yiqi certify: pass --allow-origin to allow" });
      },
    );
  }

  /** Context with the client UA, the SDK route and the error reporter in every app frame. */
  async setUp(shim: string | Uint8Array): Promise<void> {
    this.context = await this.browser.newContext({
      // A service worker's own requests would escape the network fence (decision 0301).
      serviceWorkers: "block",
      userAgent: CLIENT_USER_AGENT,
      viewport: { width: 1280, height: 860 },
    });
    const body = typeof shim === "string" ? shim : Buffer.from(shim);
    await this.fenceNetwork();
    await this.context.route(TENCENT_SDK_URL_PATTERN, (route, request) => {
      const pid = participantOfUrl(request.frame().url());
      if (pid) this.sdkRequested.add(pid);
      return route.fulfill({
        status: 200,
        contentType: "text/javascript; charset=utf-8",
        body,
      });
    });
    await this.context.exposeBinding("__yiqiCertSignal", (source, signal: unknown) => {
      const pid = participantOfUrl(source.frame.url());
      if (!pid || !isObject(signal)) return;
      if (signal.kind === "console") {
        // console.error in the app's frame, whatever script (a CDN bundle, the shim) logged it.
        if (this.consoleErrors.length < MAX_APP_CALLS)
          this.consoleErrors.push({
            participantId: pid,
            message: String(signal.message).slice(0, 500),
            t: Date.now(),
          });
        return;
      }
      const kind = signal.kind === "unhandledrejection" ? "unhandledrejection" : "uncaught";
      const s: Signal = {
        participantId: pid,
        kind,
        message: typeof signal.message === "string" ? signal.message : "(no message)",
        t: Date.now(),
      };
      if (typeof signal.name === "string" && signal.name) s.name = signal.name;
      if (typeof signal.stack === "string" && signal.stack) s.stack = signal.stack;
      this.signals.push(s);
    });
    await this.context.exposeBinding("__yiqiCertCall", (source, call: unknown) => {
      const pid = participantOfUrl(source.frame.url());
      if (!pid || !isObject(call) || typeof call.api !== "string" || !Array.isArray(call.args))
        return;
      if (this.appCalls.length >= MAX_APP_CALLS) return;
      this.appCalls.push({
        method: call.api.slice(0, 200),
        args: call.args.map(reviveArg),
        participantId: pid,
        t: Date.now(),
      });
    });
    // Records every `wemeet.*(...)` call as the app makes it: the shim rejects mistyped
    // arguments itself, so the host never sees them. Only arguments are recorded; results are
    // left alone (observing a rejection would mark it handled and hide the app's own mistake).
    await this.context.addInitScript(() => {
      if (!/^p\d+\.[^.]+\.localhost$/.test(location.hostname)) return;
      const report = (api: string, args: unknown[]): void => {
        const encode = (v: unknown, depth: number): unknown => {
          if (typeof v === "function") return { __yiqiFn: 1 };
          if (v === undefined) return { __yiqiUndefined: 1 };
          if (typeof v !== "object" || v === null) return v;
          if (depth > 4) return "[deep]";
          if (Array.isArray(v)) return v.slice(0, 50).map((x) => encode(x, depth + 1));
          const out: Record<string, unknown> = {};
          for (const k of Object.keys(v).slice(0, 50))
            out[k] = encode((v as Record<string, unknown>)[k], depth + 1);
          return out;
        };
        const send = (globalThis as { __yiqiCertCall?: (c: unknown) => void }).__yiqiCertCall;
        try {
          send?.({ api, args: args.map((a) => encode(a, 0)) });
        } catch {
          // Recording must never change what the app sees.
        }
      };
      const wrapped = new WeakMap<object, object>();
      const wrap = <T>(target: T, path: string): T => {
        if (typeof target !== "object" || target === null) return target;
        const known = wrapped.get(target);
        if (known) return known as T;
        const proxy = new Proxy(target, {
          get(t, key, receiver) {
            const value = Reflect.get(t, key, receiver);
            if (typeof key !== "string") return value;
            const name = path ? `${path}.${key}` : key;
            if (typeof value === "function")
              return function (this: unknown, ...args: unknown[]) {
                report(name, args);
                return Reflect.apply(value, this === proxy ? t : this, args);
              };
            return path === "" && isNamespace(value) ? wrap(value, name) : value;
          },
        });
        wrapped.set(target, proxy);
        return proxy as T;
      };
      const isNamespace = (v: unknown): boolean =>
        typeof v === "object" &&
        v !== null &&
        Object.values(v).some((x) => typeof x === "function");
      let current: unknown;
      Object.defineProperty(globalThis, "wemeet", {
        configurable: true,
        enumerable: true,
        get: () => current,
        set: (value: unknown) => {
          current = wrap(value, "");
        },
      });
    });
    await this.context.addInitScript(() => {
      if (!/^p\d+\.[^.]+\.localhost$/.test(location.hostname)) return;
      const send = (kind: string, value: unknown): void => {
        const e = value as { name?: unknown; message?: unknown; stack?: unknown } | null;
        const isErr = value instanceof Error;
        let message: string;
        if (isErr) message = String(e?.message);
        else if (e && typeof e === "object")
          message =
            typeof e.message === "string"
              ? e.message
              : (() => {
                  try {
                    return JSON.stringify(value);
                  } catch {
                    return String(value);
                  }
                })();
        else message = String(value);
        const report = (globalThis as { __yiqiCertSignal?: (s: unknown) => void }).__yiqiCertSignal;
        report?.({
          kind,
          name: isErr ? String(e?.name) : "",
          message,
          stack: isErr ? String(e?.stack ?? "") : "",
        });
      };
      const consoleError = console.error.bind(console);
      console.error = (...args: unknown[]): void => {
        try {
          send("console", args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
        } catch {
          // Reporting must never change what the app sees.
        }
        consoleError(...args);
      };
      addEventListener("error", (ev) => send("uncaught", ev.error ?? ev.message));
      addEventListener("unhandledrejection", (ev) => send("unhandledrejection", ev.reason));
    });
    this.page = await this.context.newPage();
    // The browser's own errors (failed sub-resource loads); the app's console.error calls are
    // reported from its frame by the init script above.
    this.page.on("console", (msg) => {
      if (msg.type() !== "error" || !/^Failed to load resource/.test(msg.text())) return;
      const pid = participantOfUrl(msg.location().url) ?? participantOfUrl(msg.page()?.url() ?? "");
      if (!pid) return;
      this.consoleErrors.push({ participantId: pid, message: msg.text(), t: Date.now() });
    });
    this.page.on("request", (req) => {
      const pid = participantOfUrl(req.url());
      if (pid && new URL(req.url()).pathname === "/wemeet-js-sdk.js") this.sdkRequested.add(pid);
    });
  }

  // ---- page helpers ------------------------------------------------------------------------

  private async trace(): Promise<SimEntry[]> {
    return this.page.evaluate(
      () =>
        (
          window as unknown as { yiqiHarness: { meeting: { trace: { entries(): unknown[] } } } }
        ).yiqiHarness.meeting.trace.entries() as never,
    );
  }

  /** Runs `meeting.ui[action](pid)` in the page and returns its HostResult. */
  private async ui(
    action: string,
    pid: string,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code?: string; errMsg?: string } }> {
    return this.page.evaluate(
      async ([a, p]) => {
        const ui = (
          window as unknown as {
            yiqiHarness: { meeting: { ui: Record<string, (p: string) => unknown> } };
          }
        ).yiqiHarness.meeting.ui;
        const fn = ui[a as string];
        if (!fn) throw new Error(`the harness has no meeting.ui.${a}`);
        return JSON.parse(JSON.stringify(await fn(p as string))) as never;
      },
      [action, pid] as const,
    );
  }

  private async setDecisions(patch: Record<string, unknown>): Promise<void> {
    await this.page.evaluate((p) => {
      (
        window as unknown as {
          yiqiHarness: { meeting: { setDecisions(p: unknown): unknown } };
        }
      ).yiqiHarness.meeting.setDecisions(p);
    }, patch);
  }

  private async session(): Promise<{ activeId: string; url: string; joined: string[] } | null> {
    return this.page.evaluate(
      () =>
        (
          window as unknown as { yiqiHarness: { meeting: { session(): unknown } } }
        ).yiqiHarness.meeting.session() as never,
    );
  }

  /** Polls `check` until it returns a value (not undefined) or the step timeout passes. */
  private async waitFor<T>(
    what: string,
    check: () => Promise<T | undefined>,
    timeoutMs = this.cfg.timeoutMs,
  ): Promise<{ value: T } | { timedOut: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await check();
      if (v !== undefined) return { value: v };
      if (Date.now() >= deadline)
        return { timedOut: `timed out after ${timeoutMs / 1000} s waiting for ${what}` };
      await sleep(100);
    }
  }

  /** The newest `instance.opened` of `pid` at or after `since`. */
  private openedSince(entries: SimEntry[], pid: string, since: number): SimEntry | undefined {
    return entries
      .filter(
        (e) =>
          e.kind === "state" &&
          e.name === "instance.opened" &&
          e.participantId === pid &&
          e.t >= since,
      )
      .at(-1);
  }

  private errorsOf(pids: readonly string[] | "all", w: Window): Signal[] {
    return this.signals.filter(
      (s) => (pids === "all" || pids.includes(s.participantId)) && s.t >= w.from && s.t <= w.to,
    );
  }

  /**
   * Records the grade of a case decided during the flow and shows it at once, with the verdict
   * so far (the numbered list of every case follows when the run ends).
   */
  private decided(id: string, grading: Grading): void {
    this.notes.set(id, grading);
    const asResult = (k: string, g: Grading): CertCaseResult[] => {
      const c = certCases.find((x) => x.id === k);
      return c ? [certResult(c, g)] : [];
    };
    const [result] = asResult(id, grading);
    if (!result) return;
    const soFar = [...this.notes].flatMap(([k, g]) => asResult(k, g));
    this.cfg.progress(`  ${formatCaseLine(result, soFar)}`);
  }

  private async settle(): Promise<void> {
    await sleep(this.cfg.settleMs);
  }

  private async snap(name: string, caption: string): Promise<void> {
    if (!this.cfg.reportDir) return;
    const file = `screenshots/${name}.png`;
    try {
      mkdirSync(join(this.cfg.reportDir, "screenshots"), { recursive: true });
      await this.page.screenshot({
        path: join(this.cfg.reportDir, file),
        timeout: Math.min(this.cfg.timeoutMs, 10_000),
      });
      this.screenshots.set(name, { file, caption });
    } catch {
      // A screenshot is evidence, not a verdict: a page that cannot be captured is still graded.
    }
  }

  /** Open session instances: the starter's and the joined participants'. */
  private async members(): Promise<string[]> {
    const s = await this.session();
    if (!s) return [];
    const starter = await this.page.evaluate(
      () =>
        (
          window as unknown as {
            yiqiHarness: { meeting: { session(): { starterId: string } | null } };
          }
        ).yiqiHarness.meeting.session()?.starterId ?? null,
    );
    return [...(starter ? [starter] : []), ...s.joined];
  }

  /** Waits until every `expected` participant received `action` after `since`. */
  private async observeEvent(
    action: string,
    expected: readonly string[],
    since: number,
  ): Promise<EventDeliveryObservation> {
    let received: string[] = [];
    await this.waitFor(`collaboration-change ${action} at ${expected.join(", ")}`, async () => {
      const entries = await this.trace();
      received = [
        ...new Set(
          entries
            .filter(
              (e) =>
                e.kind === "event" &&
                e.name === "collaboration-change" &&
                e.t >= since &&
                isObject(e.data) &&
                e.data.action === action &&
                e.participantId !== undefined,
            )
            .map((e) => e.participantId as string),
        ),
      ];
      return expected.every((p) => received.includes(p)) ? true : undefined;
    });
    return { action, expected, received, errors: [] };
  }

  private finishEvent(o: EventDeliveryObservation, w: Window): void {
    this.events[o.action]?.push({ ...o, errors: this.errorsOf(o.expected, w) });
  }

  /** Waits for `pid`'s new instance after `since` (a join, a rejoin, a reload). */
  private async newInstance(
    pid: string,
    since: number,
  ): Promise<{ entry: SimEntry } | { problem: string }> {
    const r = await this.waitFor(`${pid}'s new app instance to reach the host`, async () =>
      this.openedSince(await this.trace(), pid, since),
    );
    return "value" in r ? { entry: r.value } : { problem: r.timedOut };
  }

  /** Grades a new instance: reached the host, runs in inCollaboration, no page error. */
  private gradeNewInstance(
    pid: string,
    opened: { entry: SimEntry } | { problem: string },
    w: Window,
    what: string,
  ): Grading {
    if ("problem" in opened)
      return { grade: Grade.FAILED, message: `${pid}'s ${what}: ${opened.problem}` };
    const scene = isObject(opened.entry.data) ? opened.entry.data.scene : undefined;
    const errors = this.errorsOf([pid], w);
    if (scene !== "inCollaboration")
      return {
        grade: Grade.FAILED,
        message: `${pid}'s ${what} opened in scene ${String(scene)}, not inCollaboration`,
      };
    if (errors.length > 0) return gradeNoUncaughtErrors(errors, `in ${pid}'s ${what}`);
    return {
      grade: Grade.OK,
      message: `${pid}'s ${what} reached the host at ${String(isObject(opened.entry.data) ? opened.entry.data.url : "?")} in scene inCollaboration with no page error`,
    };
  }

  // ---- the run -----------------------------------------------------------------------------

  /** Drives the session and grades every case of the profile. */
  async run(): Promise<CertCaseResult[]> {
    const { progress } = this.cfg;
    const full = this.cfg.profile === "collab-full";
    // collab-full adds one attendee on a client older than the collaboration APIs (3.11.0):
    // the condition of the generated client-version negative cases. It opens the app, never joins.
    const names = ["Host:host", ...NICKNAMES.slice(0, this.cfg.n - 1).map((x) => `${x}:attendee`)];
    if (full) names.push(`${OLD_CLIENT_NICKNAME}:attendee:${OLD_CLIENT_VERSION}`);
    // Any start the app makes on its own while loading meets a dismissed confirmation
    // (CANCELED): set in the URL, so it holds before the first app opens, every run alike.
    const query = new URLSearchParams({
      app: this.cfg.app,
      participants: names.join(","),
      decisions: "confirmStart:cancel",
    });
    const loadFrom = Date.now();
    progress(`· loading the harness with ${this.cfg.n} participants`);
    try {
      await this.page.goto(`${this.harness.url}?${query}`, { timeout: this.cfg.timeoutMs });
      await this.page.waitForSelector("body[data-ready='1']", { timeout: this.cfg.timeoutMs });
    } catch (error) {
      throw new CertError(
        "HARNESS_FAILED",
        `the harness page did not become ready within ${this.cfg.timeoutMs / 1000} s (${(error as Error).message.split("\n")[0]}): is the harness built? Reinstall @yiqi/cli (or run pnpm build in the Yiqi repository)`,
      );
    }
    // The host's app is open; open it in every attendee's client too (the app panel).
    const everyone = full ? [...this.pids, `p${this.cfg.n + 1}`] : this.pids;
    for (const pid of everyone.slice(1)) await this.ui("openApp", pid);
    const handshakes: HandshakeObservation[] = [];
    const waited = await this.waitFor("every participant's app to reach the host", async () => {
      const entries = await this.trace();
      return everyone.every((p) => this.openedSince(entries, p, 0)) ? true : undefined;
    });
    const entries0 = await this.trace();
    for (const pid of everyone) {
      const opened = this.openedSince(entries0, pid, 0);
      if (opened) {
        handshakes.push({ participantId: pid, ms: Math.max(0, opened.t - loadFrom) });
        continue;
      }
      handshakes.push({ participantId: pid, ms: null, reason: await this.whyNoHandshake(pid) });
    }
    await this.settle();
    await this.setDecisions({ confirmStart: "accept" });
    const loadWindow = { from: loadFrom, to: Date.now() };
    this.windows.set("load", loadWindow);
    await this.snap("load", "every participant's app after loading");
    const hostReached = handshakes[0]?.ms !== null;
    progress(
      `· loaded: ${handshakes.filter((h) => h.ms !== null).length}/${everyone.length} instances reached the host${full ? ` (${this.cfg.n} participants + 1 on client ${OLD_CLIENT_VERSION} for the version cases)` : ""}${"timedOut" in waited ? ` (${waited.timedOut})` : ""}`,
    );

    this.decided("A1.load.reaches-host", gradeReachesHost(handshakes, this.cfg.timeoutMs));
    this.decided(
      "A1.load.no-uncaught-error",
      gradeNoUncaughtErrors(this.errorsOf("all", loadWindow)),
    );

    let notRun: string | null = hostReached
      ? null
      : "not run: the host's app instance never reached the host (see A1.load.reaches-host)";
    if (!notRun) notRun = await this.flow(full);
    // Errors thrown late (a timer after end, a handler that runs after teardown) still count.
    await sleep(Math.max(this.cfg.settleMs, DRAIN_MS));
    this.windows.set("run", { from: loadFrom, to: Date.now() });

    const trace = await this.trace();
    // Which instances still answer at the end (a rejected call must not leave an app hung).
    const responsive = new Map<string, boolean>();
    for (const pid of everyone) {
      const frame = await this.frameOf(pid);
      if (!frame) continue; // closed by leave/end: nothing to ask
      responsive.set(
        pid,
        await Promise.race([
          frame.evaluate(() => true).catch(() => false),
          sleep(1500).then(() => false),
        ]),
      );
    }
    return this.grade({ full, handshakes, loadWindow, trace, notRun, responsive });
  }

  /** Why `pid`'s instance never connected, as far as the page tells. */
  private async whyNoHandshake(pid: string): Promise<string> {
    if (!this.sdkRequested.has(pid)) {
      const frame = await this.frameOf(pid);
      if (frame) {
        const answered = await Promise.race([
          frame.evaluate(() => true).catch(() => false),
          sleep(1500).then(() => false),
        ]);
        if (!answered)
          return "the page does not answer: it may be stuck in a busy loop or a load that never finishes";
      }
      return "the SDK script was never requested: does the app load https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-<version>.js when navigator.userAgent has app/tencent_wemeet?";
    }
    return "the SDK loaded but the app made no call that connects it";
  }

  private async frameOf(pid: string): Promise<Frame | null> {
    const handle = await this.page.$(`iframe[data-participant="${pid}"]`);
    return (await handle?.contentFrame()) ?? null;
  }

  /** Start, joins, leave + rejoin, (reload, convergence), end. Returns why it stopped, or null. */
  private async flow(full: boolean): Promise<string | null> {
    const { progress } = this.cfg;
    const host = this.pids[0] as string;
    // ---- start by the host
    let t = Date.now();
    const already = await this.session();
    let started: Grading;
    if (already) {
      started = {
        grade: Grade.OK,
        message:
          "the app started the session itself while loading; the host's instance kept working",
      };
    } else {
      const r = await this.ui("clickStart", host);
      const s = await this.session();
      started =
        r.ok && s
          ? { grade: Grade.OK, message: "the host started a session from the 一起用 button" }
          : {
              grade: Grade.FAILED,
              message: `the host could not start: ${r.error?.code ?? ""} ${r.error?.errMsg ?? "no session became active"}`,
            };
    }
    const startObs = await this.observeEvent("start", [host], t);
    await this.settle();
    let w = { from: t, to: Date.now() };
    this.windows.set("start", w);
    this.finishEvent(startObs, w);
    const hostErrors = this.errorsOf([host], w);
    if (started.grade === Grade.OK && hostErrors.length > 0)
      started = gradeNoUncaughtErrors(hostErrors, "in the starter's instance after start");
    this.decided("A3.start.host-succeeds", started);
    await this.snap("started", "the host started the session");
    if (!(await this.session())) return "not run: no session could be started";

    // ---- joins
    const joiners = this.pids.slice(1);
    const joinFrom = Date.now();
    for (const pid of joiners) {
      t = Date.now();
      const expected = await this.members();
      const r = await this.ui("join", pid);
      if (!r.ok) {
        this.joinedOk.push({
          pid,
          grading: { grade: Grade.FAILED, message: `${pid} could not join: ${r.error?.errMsg}` },
        });
        continue;
      }
      const obs = await this.observeEvent("join", expected, t);
      const opened = await this.newInstance(pid, t);
      await this.settle();
      w = { from: t, to: Date.now() };
      this.finishEvent(obs, w);
      this.joinedOk.push({
        pid,
        grading: this.gradeNewInstance(pid, opened, w, "joined instance"),
      });
    }
    this.windows.set("join", { from: joinFrom, to: Date.now() });
    await this.snap("joined", "every participant joined");
    progress(`· ${joiners.length} participant(s) joined`);

    // ---- reload mid-session (collab-full): re-create the first joiner's frame
    if (full) {
      const pid = joiners[0] as string;
      t = Date.now();
      await this.page.evaluate((p) => {
        const f = document.querySelector<HTMLIFrameElement>(`iframe[data-participant="${p}"]`);
        // Reassigning src reloads the frame (the app's document starts over and re-handshakes).
        if (f) f.setAttribute("src", f.getAttribute("src") ?? f.src);
      }, pid);
      const opened = await this.newInstance(pid, t);
      await this.settle();
      w = { from: t, to: Date.now() };
      this.windows.set("reload", w);
      this.decided(
        "A3.reload.recovers",
        this.gradeNewInstance(pid, opened, w, "reloaded instance"),
      );
      await this.snap("reloaded", `${pid}'s app reloaded mid-session`);
      progress(`· ${pid} reloaded mid-session`);
    }

    // ---- leave and rejoin (the last joiner)
    const leaver = joiners.at(-1) as string;
    t = Date.now();
    const before = await this.members();
    const lr = await this.ui("leave", leaver);
    const remaining = before.filter((p) => p !== leaver);
    // A refused leave sends no event and closes nothing: waiting for them would only time out.
    const leaveObs = lr.ok
      ? await this.observeEvent("leave", remaining, t)
      : { action: "leave" as const, expected: remaining, received: [], errors: [] };
    const closed = lr.ok
      ? await this.waitFor(`${leaver}'s instance to close after leave`, async () => {
          const entries = await this.trace();
          return entries.some(
            (e) => e.name === "instance.closed" && e.participantId === leaver && e.t >= t,
          )
            ? true
            : undefined;
        })
      : { timedOut: `the leave was refused: ${lr.error?.errMsg}` };
    await this.settle();
    w = { from: t, to: Date.now() };
    this.windows.set("leave", w);
    this.finishEvent(leaveObs, w);
    const leaveErrors = this.errorsOf("all", w);
    this.decided(
      "A3.leave.closes-cleanly",
      !lr.ok
        ? { grade: Grade.FAILED, message: `${leaver} could not leave: ${lr.error?.errMsg}` }
        : "timedOut" in closed
          ? {
              grade: Grade.FAILED,
              message: `${leaver}'s instance did not close: ${closed.timedOut}`,
            }
          : leaveErrors.length > 0
            ? gradeNoUncaughtErrors(leaveErrors, `while ${leaver} left`)
            : {
                grade: Grade.OK,
                message: `${leaver}'s instance closed on leave; no page error in any instance`,
              },
    );
    await this.snap("left", `${leaver} left the session`);
    t = Date.now();
    const rejoinExpected = await this.members();
    const rr = await this.ui("join", leaver);
    const rejoinObs = await this.observeEvent("join", rejoinExpected, t);
    const reopened = rr.ok
      ? await this.newInstance(leaver, t)
      : { problem: `rejoin refused: ${rr.error?.errMsg}` };
    await this.settle();
    w = { from: t, to: Date.now() };
    this.windows.set("rejoin", w);
    this.finishEvent(rejoinObs, w);
    this.decided(
      "A3.leave.rejoin",
      this.gradeNewInstance(leaver, reopened, w, "rejoined instance"),
    );
    await this.snap("rejoined", `${leaver} joined again`);
    progress(`· ${leaver} left and joined again`);
    this.lastActionAt = Date.now();

    // ---- convergence (collab-full)
    if (full) await this.sampleDigests(await this.members());

    // ---- end by the host
    t = Date.now();
    const endExpected = await this.members();
    const joined = endExpected.filter((p) => p !== host);
    const er = await this.ui("end", host);
    const endObs = await this.observeEvent("end", endExpected, t);
    const allClosed = await this.waitFor("every joined instance to close after end", async () => {
      const entries = await this.trace();
      return joined.every((p) =>
        entries.some((e) => e.name === "instance.closed" && e.participantId === p && e.t >= t),
      )
        ? true
        : undefined;
    });
    await this.settle();
    w = { from: t, to: Date.now() };
    this.windows.set("end", w);
    this.finishEvent(endObs, w);
    const entries = await this.trace();
    const hostClosed = entries.some(
      (e) => e.name === "instance.closed" && e.participantId === host && e.t >= t,
    );
    const endErrors = this.errorsOf("all", w);
    this.decided(
      "A3.end.closes-all",
      !er.ok
        ? { grade: Grade.FAILED, message: `the host could not end: ${er.error?.errMsg}` }
        : "timedOut" in allClosed
          ? { grade: Grade.FAILED, message: allClosed.timedOut }
          : endErrors.length > 0
            ? gradeNoUncaughtErrors(endErrors, "while the session ended")
            : hostClosed
              ? { grade: Grade.FAILED, message: "the starter's instance closed on end" }
              : {
                  grade: Grade.OK,
                  message: `${joined.length} joined instance(s) closed on end with no page error; the starter's instance kept working`,
                },
    );
    await this.snap("ended", "the host ended the session");
    progress("· the host ended the session");
    return null;
  }

  /** Reads `window.yiqiDigest()` in each member's frame until they agree or the bound passes. */
  private async sampleDigests(members: string[]): Promise<void> {
    const bound = Math.min(this.cfg.timeoutMs, 5000);
    const deadline = Date.now() + bound;
    for (;;) {
      const round: DigestSample[] = [];
      for (const pid of members) {
        const frame = await this.frameOf(pid);
        const digest = frame
          ? await Promise.race([
              frame
                .evaluate(async () => {
                  const hook = (globalThis as { yiqiDigest?: () => unknown }).yiqiDigest;
                  return typeof hook === "function" ? String(await hook()) : null;
                })
                .catch(() => null),
              sleep(2000).then(() => null),
            ])
          : null;
        round.push({ participantId: pid, digest, t: Date.now() });
      }
      this.digests.push(...round);
      const values = new Set(round.map((s) => s.digest));
      if (round.every((s) => s.digest === null)) return;
      if (values.size === 1 || Date.now() >= deadline) return;
      await sleep(250);
    }
  }

  // ---- grading -----------------------------------------------------------------------------

  private grade(input: {
    full: boolean;
    handshakes: HandshakeObservation[];
    loadWindow: Window;
    trace: SimEntry[];
    notRun: string | null;
    /** Instances still open at the end, and whether they answered. */
    responsive: ReadonlyMap<string, boolean>;
  }): CertCaseResult[] {
    const { trace, notRun } = input;
    // Page errors sit in the excerpts with the simulator's entries, in time order.
    const pageErrorEntries: TraceExcerptEntry[] = this.signals.map((s) => ({
      t: s.t,
      kind: "pageerror",
      name: s.kind ?? "uncaught",
      data: s.name ? `${s.name}: ${s.message}` : s.message,
      participantId: s.participantId,
    }));
    const toExcerpt = (e: SimEntry): TraceExcerptEntry => ({
      t: e.t,
      kind: e.kind,
      name: e.name,
      data: e.data,
      ...(e.participantId === undefined ? {} : { participantId: e.participantId }),
    });
    const excerptEntries: TraceExcerptEntry[] = [...trace.map(toExcerpt), ...pageErrorEntries].sort(
      (a, b) => a.t - b.t,
    );
    // Calls the app made (not the client UI's `ui.*`): they carry an instance id.
    const appEntries = trace.filter((e) => e.instanceId !== undefined).map(toExcerpt);
    const calls = recordedCallsFromTrace(appEntries).filter((c) => c.method !== "getEnvironment");
    // Arguments are judged as the app passed them (the shim refuses bad ones before the host
    // sees them); the host's record is the fallback for an app whose calls were not observed.
    const argCalls = this.appCalls.length > 0 ? this.appCalls : calls;
    const usedApis = new Set(
      [
        ...trace.filter((e) => e.kind === "call" && e.instanceId !== undefined).map((e) => e.name),
        ...this.appCalls.map((c) => c.method),
      ]
        .map((name) => apiMetadata(name)?.api)
        .filter((a): a is string => a !== undefined),
    );
    const cases = casesForProfile(this.cfg.profile, input.full ? { usedApis } : {});
    const roles = new Map<string, number>();
    for (const e of trace)
      if (e.name === "participant.added" && isObject(e.data) && typeof e.data.role === "number")
        roles.set(e.participantId ?? "", e.data.role);
    const startCalls = trace.filter(
      (e) => e.kind === "call" && e.name === "collaboration.start" && e.instanceId !== undefined,
    );
    const outcomeOf = (call: SimEntry): SimEntry | undefined =>
      trace.find(
        (e) =>
          e.seq > call.seq &&
          (e.kind === "result" || e.kind === "error") &&
          e.name === call.name &&
          e.instanceId === call.instanceId,
      );
    const after = (pid: string, t: number): Signal[] =>
      this.errorsOf([pid], { from: t, to: t + Math.max(this.cfg.settleMs, 500) + 1000 });

    const windowOf = (key: string): Window | undefined => this.windows.get(key);
    const shots = (...names: string[]): CertScreenshot[] =>
      names.map((n) => this.screenshots.get(n)).filter((s): s is CertScreenshot => !!s);
    let span: number | undefined;
    const evidence = (keys: string[], names: string[] = keys): Parameters<typeof certResult>[2] => {
      const ws = keys.map(windowOf).filter((x): x is Window => !!x);
      const from = ws.length ? Math.min(...ws.map((x) => x.from)) : undefined;
      const to = ws.length ? Math.max(...ws.map((x) => x.to)) : undefined;
      // The case took the time of the phases it judges (JUnit's `time`).
      if (from !== undefined && to !== undefined) span = to - from;
      return {
        trace: traceExcerpt(excerptEntries, {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          limit: 30,
        }),
        screenshots: shots(...names),
      };
    };
    const unimplemented = (message: string): Grading => ({ grade: Grade.UNIMPLEMENTED, message });

    const gradeCase = (c: CertCase): [Grading, Parameters<typeof certResult>[2]] => {
      const flowNotRun = notRun ? unimplemented(notRun) : null;
      switch (c.id) {
        case "A1.load.no-uncaught-error":
          return [
            gradeNoUncaughtErrors(this.errorsOf("all", input.loadWindow)),
            evidence(["load"]),
          ];
        case "A3.session.no-uncaught-error": {
          const run = windowOf("run") ?? input.loadWindow;
          span = run.to - run.from;
          return [
            gradeNoUncaughtErrors(this.errorsOf("all", run), "in any instance during the session"),
            { trace: traceExcerpt(pageErrorEntries, { limit: 30 }), screenshots: [] },
          ];
        }
        case "A1.load.reaches-host":
          return [gradeReachesHost(input.handshakes, this.cfg.timeoutMs), evidence(["load"])];
        case "A1.load.no-console-error": {
          const errs = this.consoleErrors.filter(
            (s) => s.t >= input.loadWindow.from && s.t <= input.loadWindow.to,
          );
          return [
            errs.length === 0
              ? { grade: Grade.OK, message: "no console error while loading" }
              : {
                  grade: Grade.NON_STRICT,
                  message: `${errs.length} console error(s) while loading: ${errs
                    .slice(0, 3)
                    .map((e) => `${e.participantId}: ${e.message}`)
                    .join("; ")}`,
                },
            evidence(["load"]),
          ];
        }
        case "A2.args.match-spec":
          return [
            gradeArgumentsMatchSpec(argCalls),
            {
              // The calls as the app made them, per participant (functions shown as "function").
              trace: traceExcerpt(
                argCalls.map((c) => ({
                  t: c.t ?? 0,
                  kind: "call",
                  name: c.method,
                  data: JSON.parse(
                    JSON.stringify(c.args, (_k, v) => (typeof v === "function" ? "function" : v)),
                  ) as unknown,
                  ...(c.participantId === undefined ? {} : { participantId: c.participantId }),
                })),
                { limit: 30 },
              ),
              screenshots: [],
            },
          ];
        case "A4.unknown.calls-listed": {
          if (calls.length === 0)
            return [unimplemented("the app made no wemeet call at all; nothing to list"), {}];
          const g = gradeUnknownCalls(calls);
          const unknownEntries = appEntries.filter(
            (e) => e.kind === "call" && isObject(e.data) && e.data.unknown === true,
          );
          return [
            { grade: g.grade, message: g.message },
            { trace: traceExcerpt(unknownEntries, { limit: 30 }), screenshots: [] },
          ];
        }
        case "A4.unknown.survives-rejection": {
          const unknown = trace.filter(
            (e) => e.kind === "call" && isObject(e.data) && e.data.unknown === true,
          );
          if (unknown.length === 0)
            return [unimplemented("the app made no call outside the emulated surface"), {}];
          const errs = unknown.flatMap((e) => after(e.participantId ?? "", e.t));
          return [
            errs.length > 0
              ? gradeNoUncaughtErrors(errs, "after an unknown call was rejected")
              : {
                  grade: Grade.OK,
                  message: `${unknown.length} unknown call(s) rejected NOT_EMULATED; the app survived`,
                },
            {},
          ];
        }
        case "A3.start.host-succeeds":
          return [flowNotRun ?? this.note(c.id), evidence(["start"], ["started"])];
        case "A3.event.start":
        case "A3.event.join":
        case "A3.event.leave":
        case "A3.event.end": {
          const action = c.id.slice("A3.event.".length);
          const obs = this.events[action] ?? [];
          return [
            flowNotRun ?? gradeEventDelivery(obs),
            evidence(
              action === "join" ? ["join", "rejoin"] : [action],
              action === "start"
                ? ["started"]
                : action === "join"
                  ? ["joined"]
                  : action === "leave"
                    ? ["left"]
                    : ["ended"],
            ),
          ];
        }
        case "A3.join.session-url": {
          if (flowNotRun) return [flowNotRun, {}];
          const bad = this.joinedOk.filter((j) => j.grading.grade !== Grade.OK);
          return [
            this.joinedOk.length === 0
              ? unimplemented("nobody joined in this run")
              : bad.length > 0
                ? { grade: Grade.FAILED, message: bad.map((b) => b.grading.message).join("; ") }
                : {
                    grade: Grade.OK,
                    message: `${this.joinedOk.length} joiner(s) opened the session URL, reached the host and run in scene inCollaboration with no page error`,
                  },
            evidence(["join"], ["joined"]),
          ];
        }
        case "A3.leave.closes-cleanly":
        case "A3.leave.rejoin":
        case "A3.end.closes-all":
        case "A3.reload.recovers":
          return [
            flowNotRun ?? this.note(c.id),
            evidence(
              c.id === "A3.leave.rejoin"
                ? ["rejoin"]
                : c.id === "A3.end.closes-all"
                  ? ["end"]
                  : c.id === "A3.reload.recovers"
                    ? ["reload"]
                    : ["leave"],
              c.id === "A3.leave.rejoin"
                ? ["rejoined"]
                : c.id === "A3.end.closes-all"
                  ? ["ended"]
                  : c.id === "A3.reload.recovers"
                    ? ["reloaded"]
                    : ["left"],
            ),
          ];
        case "A3.end.no-calls-after-close": {
          if (flowNotRun) return [flowNotRun, {}];
          const late = trace.filter(
            (e) => e.kind === "error" && isObject(e.data) && e.data.code === "INSTANCE_CLOSED",
          );
          return [
            late.length === 0
              ? {
                  grade: Grade.OK,
                  message: "no call arrived from a closed instance during the run",
                }
              : {
                  grade: Grade.NON_STRICT,
                  message: `${late.length} call(s) from closed instances: ${late
                    .slice(0, 3)
                    .map((e) => `${e.participantId}: ${e.name}`)
                    .join("; ")}`,
                },
            evidence(["leave", "end"]),
          ];
        }
        case "A3.convergence.digest":
          if (flowNotRun) return [flowNotRun, {}];
          return [
            gradeConvergence(this.digests, Math.min(this.cfg.timeoutMs, 5000), {
              lastActionAt: this.lastActionAt,
            }),
            evidence(["rejoin"], ["rejoined"]),
          ];
        case "A3.start.canceled-handled":
        case "A3.start.attendee-rejected":
        case "A3.start.failed-handled":
        case "A2.start.status-handled":
          return [
            this.gradeAppStarts(c.id, startCalls, outcomeOf, roles, after),
            evidence(["load", "start"]),
          ];
        default:
          if (c.negative) {
            const scenario = c.negative;
            const matching = trace.filter((e) => {
              if (e.kind !== "call" || e.name !== scenario.api || e.instanceId === undefined)
                return false;
              const out = outcomeOf(e);
              const code = out?.kind === "error" && isObject(out.data) ? out.data.code : undefined;
              if (code !== scenario.error) return false;
              if (scenario.condition.kind === "role") {
                const role = roles.get(e.participantId ?? "") ?? 0;
                const name = role === 1 ? "host" : role === 2 ? "cohost" : "attendee";
                return name === scenario.condition.role;
              }
              return true;
            });
            const errors = matching.flatMap((e) => after(e.participantId ?? "", e.t));
            const answers = matching
              .map((e) => input.responsive.get(e.participantId ?? ""))
              .filter((x): x is boolean => x !== undefined);
            const g = gradeNegativeCase(scenario, {
              called: matching.length > 0,
              ...(matching.length > 0 ? { code: scenario.error } : {}),
              errors,
              ...(answers.length > 0 ? { responsive: answers.every(Boolean) } : {}),
            });
            return [
              g.grade === Grade.UNIMPLEMENTED
                ? {
                    grade: g.grade,
                    message: `${g.message}: the runner creates conditions (role, session state) and observes; it cannot make the app call ${scenario.api}`,
                  }
                : g,
              {},
            ];
          }
          return [unimplemented("this runner does not grade this case yet"), {}];
      }
    };

    const results: CertCaseResult[] = [];
    this.cfg.progress(`· every case of ${this.cfg.profile}:`);
    cases.forEach((c, i) => {
      span = undefined;
      const [grading, ev] = gradeCase(c);
      const r = certResult(c, grading, ev ?? {}, span);
      results.push(r);
      this.cfg.progress(formatProgress(r, i, cases.length, results));
    });
    return results;
  }

  private note(id: string): Grading {
    return (
      this.notes.get(id) ?? {
        grade: Grade.UNIMPLEMENTED,
        message: "not run: the session did not get this far",
      }
    );
  }

  /** The start cases: graded only from starts the app made itself. */
  private gradeAppStarts(
    id: string,
    startCalls: SimEntry[],
    outcomeOf: (call: SimEntry) => SimEntry | undefined,
    roles: Map<string, number>,
    after: (pid: string, t: number) => Signal[],
  ): Grading {
    if (startCalls.length === 0)
      return {
        grade: Grade.UNIMPLEMENTED,
        message:
          "the app never called collaboration.start itself (sessions were started from the client's 一起用 button), so its handling of start statuses could not be observed",
      };
    const classify = (call: SimEntry): "SUCCESS" | "CANCELED" | "FAILED" => {
      const out = outcomeOf(call);
      if (!out || out.kind === "error") return "FAILED";
      const status = isObject(out.data) ? out.data.status : undefined;
      return status === 1 ? "CANCELED" : status === 2 ? "FAILED" : "SUCCESS";
    };
    const codeOf = (call: SimEntry): string | undefined => {
      const out = outcomeOf(call);
      return out?.kind === "error" && isObject(out.data) && typeof out.data.code === "string"
        ? out.data.code
        : undefined;
    };
    const check = (picked: SimEntry[], what: string, none: string): Grading => {
      if (picked.length === 0) return { grade: Grade.UNIMPLEMENTED, message: none };
      const errors = picked.flatMap((e) => after(e.participantId ?? "", e.t));
      if (errors.length > 0)
        return {
          grade: Grade.FAILED,
          message: `${what}, and the app did not handle it: ${errors
            .slice(0, 3)
            .map(describePageError)
            .join("; ")}`,
        };
      return { grade: Grade.OK, message: `${what}; the app handled it with no page error` };
    };
    switch (id) {
      case "A3.start.canceled-handled":
        return check(
          startCalls.filter((c) => classify(c) === "CANCELED"),
          "the app's own start met a dismissed confirmation (CANCELED)",
          "the app called collaboration.start, but never while the confirmation was dismissed (it only starts on its own after loading), so a CANCELED start was not observed",
        );
      case "A3.start.attendee-rejected":
        return check(
          startCalls.filter(
            (c) => (roles.get(c.participantId ?? "") ?? 0) >= 3 && codeOf(c) === "NOT_PERMITTED",
          ),
          "an attendee's instance called collaboration.start and it was rejected NOT_PERMITTED",
          "the app never called collaboration.start from an attendee's instance; the client hides the 一起用 button from attendees, so this cannot be driven from outside the app",
        );
      case "A3.start.failed-handled":
        return check(
          startCalls.filter((c) => codeOf(c) === "SESSION_ACTIVE"),
          "the app called collaboration.start while a session was active and it was rejected SESSION_ACTIVE",
          "the app never called collaboration.start while a session was active",
        );
      default: {
        const seen = new Set(startCalls.map(classify));
        const errors = startCalls.flatMap((e) => after(e.participantId ?? "", e.t));
        if (errors.length > 0)
          return {
            grade: Grade.NON_STRICT,
            message: `a start status was not handled: ${errors.slice(0, 3).map(describePageError).join("; ")}`,
          };
        const all = ["SUCCESS", "CANCELED", "FAILED"] as const;
        const missing = all.filter((s) => !seen.has(s));
        return missing.length === 0
          ? { grade: Grade.OK, message: "SUCCESS, CANCELED and FAILED starts were all handled" }
          : {
              grade: Grade.UNIMPLEMENTED,
              message: `observed ${[...seen].join(", ")} (handled); ${missing.join(", ")} never happened to the app's own start calls`,
            };
      }
    }
  }
}
