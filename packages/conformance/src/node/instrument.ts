/**
 * Instrumentation: the browser context a run happens in (the network fence, the page bindings
 * and init scripts in every app frame) and the one {@link Observations} record everything it
 * sees goes into. The context is a plain browser: the harness server presents each
 * participant's client user agent and answers Tencent's SDK URL with the shim (decision 0008),
 * as it does for any browser, so a 3.11 Windows participant's app sees exactly that.
 *
 * @module
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { isObject } from "../cert/gradingContext.ts";
import { emptyObservations, type Observations, type PageSignal } from "../cert/RunRecord.ts";
import { fenceNetwork } from "./fenceNetwork.ts";
import type { NetworkPolicy } from "./networkPolicy.ts";
import {
  CALL_BINDING,
  recordWemeetCalls,
  reportPageErrors,
  SIGNAL_BINDING,
} from "./pageScripts.ts";
import { participantOfUrl } from "./participantOfUrl.ts";
import { reportReactions } from "./reactionScript.ts";

/** App-side calls and console errors kept per run (an app calling in a loop must not exhaust memory). */
const MAX_RECORDED = 5000;

/** What {@link instrument} needs. */
export interface InstrumentOptions {
  policy: NetworkPolicy;
  progress: (line: string) => void;
}

/** An instrumented context, its harness page and what it observes as the run goes. */
export interface Instrumented {
  context: BrowserContext;
  page: Page;
  observations: Observations;
}

/** Turns the recorder's markers back into the values the argument checks expect. */
function reviveArg(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reviveArg);
  if (!isObject(v)) return v;
  if (v.__yiqiFn === 1) return () => {};
  if (v.__yiqiUndefined === 1) return undefined;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveArg(x)]));
}

/** Opens the context and the page of a run with every observer in place. */
export async function instrument(
  browser: Browser,
  options: InstrumentOptions,
): Promise<Instrumented> {
  const observations = emptyObservations();
  const context = await browser.newContext({
    // A service worker's own requests would escape the network fence (decision 0301).
    serviceWorkers: "block",
    viewport: { width: 1280, height: 860 },
  });
  await fenceNetwork(context, options.policy, observations.blocked, options.progress);
  await context.exposeBinding(SIGNAL_BINDING, (source, signal: unknown) => {
    const pid = participantOfUrl(source.frame.url());
    if (!pid || !isObject(signal)) return;
    if (signal.kind === "console") {
      // console.error in the app's frame, whatever script (a CDN bundle, the shim) logged it.
      if (observations.consoleErrors.length < MAX_RECORDED)
        observations.consoleErrors.push({
          participantId: pid,
          message: String(signal.message).slice(0, 500),
          t: Date.now(),
        });
      return;
    }
    if (signal.kind === "reacted") {
      if (observations.reactions.length < MAX_RECORDED * 4)
        observations.reactions.push({ participantId: pid, t: Date.now() });
      return;
    }
    if (signal.kind === "handled") {
      if (observations.handled.length < MAX_RECORDED)
        observations.handled.push({
          participantId: pid,
          event: String(signal.event).slice(0, 100),
          action: String(signal.action).slice(0, 100),
          t: Date.now(),
        });
      return;
    }
    const s: PageSignal = {
      participantId: pid,
      kind: signal.kind === "unhandledrejection" ? "unhandledrejection" : "uncaught",
      message: typeof signal.message === "string" ? signal.message : "(no message)",
      t: Date.now(),
    };
    if (typeof signal.name === "string" && signal.name) s.name = signal.name;
    if (typeof signal.stack === "string" && signal.stack) s.stack = signal.stack;
    observations.pageErrors.push(s);
  });
  await context.exposeBinding(CALL_BINDING, (source, call: unknown) => {
    const pid = participantOfUrl(source.frame.url());
    if (!pid || !isObject(call) || typeof call.api !== "string" || !Array.isArray(call.args))
      return;
    if (observations.appCalls.length >= MAX_RECORDED) return;
    observations.appCalls.push({
      method: call.api.slice(0, 200),
      args: call.args.map(reviveArg),
      participantId: pid,
      t: Date.now(),
    });
  });
  await context.addInitScript(recordWemeetCalls);
  await context.addInitScript(reportPageErrors);
  await context.addInitScript(reportReactions);
  const page = await context.newPage();
  // The browser's own errors (failed sub-resource loads); the app's console.error calls are
  // reported from its frame by the init script.
  page.on("console", (msg) => {
    if (msg.type() !== "error" || !/^Failed to load resource/.test(msg.text())) return;
    const pid = participantOfUrl(msg.location().url) ?? participantOfUrl(msg.page()?.url() ?? "");
    if (!pid) return;
    observations.consoleErrors.push({ participantId: pid, message: msg.text(), t: Date.now() });
  });
  page.on("request", (req) => {
    const pid = participantOfUrl(req.url());
    if (pid && new URL(req.url()).pathname === "/wemeet-js-sdk.js")
      observations.sdkRequested.add(pid);
  });
  return { context, page, observations };
}
