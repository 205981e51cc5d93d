/**
 * The load phase: the harness opens with every participant, each opens the app, and the runner
 * waits for every instance to reach the host. Decides the A1 load cases (shown as the run goes).
 *
 * @module
 */

import { gradeNoUncaughtErrors } from "../../cert/gradeNoUncaughtErrors.ts";
import type { HandshakeObservation } from "../../cert/gradeReachesHost.ts";
import { gradeReachesHost } from "../../cert/gradeReachesHost.ts";
import { frameAnswers } from "../harnessPage.ts";
import type { FlowContext } from "./FlowContext.ts";

/** Nicknames of the attendees (the harness's defaults). */
const NICKNAMES = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace"];
/** The extra collab-full participant on an old client, and its version. */
const OLD_CLIENT_NICKNAME = "Oldclient";
const OLD_CLIENT_VERSION = "3.11.0";

/** What loading found. */
export interface Loaded {
  /** When the harness was opened (the start of the run). */
  from: number;
  /** Every participant with an app instance (collab-full: the old-client attendee too). */
  everyone: string[];
  handshakes: HandshakeObservation[];
  /** The host's instance reached the host: the session flow can run. */
  hostReached: boolean;
}

/**
 * Opens the harness at `harnessUrl` and the app of each of `openers` (the `open` phase of
 * `a3Flow`: the host, whose app the harness opens, then the attendees).
 */
export async function loadPhase(
  ctx: FlowContext,
  harnessUrl: string,
  openers: readonly string[],
): Promise<Loaded> {
  const { cfg } = ctx;
  const full = cfg.profile === "collab-full";
  // collab-full adds one attendee on a client older than the collaboration APIs (3.11.0):
  // the condition of the generated client-version negative cases. It opens the app, never joins.
  const names = [
    "Host:host",
    ...NICKNAMES.slice(0, cfg.participants - 1).map((x) => `${x}:attendee`),
  ];
  if (full) names.push(`${OLD_CLIENT_NICKNAME}:attendee:${OLD_CLIENT_VERSION}`);
  // Any start the app makes on its own while loading meets a dismissed confirmation
  // (CANCELED): set in the URL, so it holds before the first app opens, every run alike.
  const query = new URLSearchParams({
    app: cfg.app,
    participants: names.join(","),
    decisions: "confirmStart:cancel",
  });
  const from = Date.now();
  ctx.progress(`· loading the harness with ${cfg.participants} participants`);
  await ctx.harness.open(`${harnessUrl}?${query}`);
  // The host's app is open; open it in every attendee's client too (the app panel).
  const everyone = full ? [...openers, `p${cfg.participants + 1}`] : [...openers];
  for (const pid of everyone.slice(1)) await ctx.harness.ui("openApp", pid);
  const waited = await ctx.waitFor("every participant's app to reach the host", async () => {
    const entries = await ctx.harness.trace();
    return everyone.every((p) => ctx.openedSince(entries, p, 0)) ? true : undefined;
  });
  const entries = await ctx.harness.trace();
  const handshakes: HandshakeObservation[] = [];
  for (const pid of everyone) {
    const opened = ctx.openedSince(entries, pid, 0);
    if (opened) {
      handshakes.push({ participantId: pid, ms: Math.max(0, opened.t - from) });
      continue;
    }
    handshakes.push({ participantId: pid, ms: null, reason: await whyNoHandshake(ctx, pid) });
  }
  await ctx.settle();
  await ctx.harness.setDecisions({ confirmStart: "accept" });
  const load = ctx.record("load", { from, to: Date.now() });
  await ctx.snap(load, "load", "every participant's app after loading");
  const hostReached = handshakes[0]?.ms !== null;
  ctx.progress(
    `· loaded: ${handshakes.filter((h) => h.ms !== null).length}/${everyone.length} instances reached the host${full ? ` (${cfg.participants} participants + 1 on client ${OLD_CLIENT_VERSION} for the version cases)` : ""}${"timedOut" in waited ? ` (${waited.timedOut})` : ""}`,
  );
  ctx.decided(load, "A1.load.reaches-host", gradeReachesHost(handshakes, cfg.timeoutMs));
  ctx.decided(
    load,
    "A1.load.no-uncaught-error",
    gradeNoUncaughtErrors(ctx.errorsOf("all", load.window)),
  );
  return { from, everyone, handshakes, hostReached };
}

/** Why `pid`'s instance never connected, as far as the page tells. */
async function whyNoHandshake(ctx: FlowContext, pid: string): Promise<string> {
  const setupProblem = ctx.setupProblems.get(pid);
  if (setupProblem) return `the setup steps (--setup) failed in its frame: ${setupProblem}`;
  if (!ctx.observations.sdkRequested.has(pid)) {
    const frame = await ctx.harness.frameOf(pid);
    if (frame && !(await frameAnswers(frame)))
      return "the page does not answer: it may be stuck in a busy loop or a load that never finishes";
    return `the SDK script was never requested: does the app load https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-<version>.js when navigator.userAgent has app/tencent_wemeet?${ctx.cfg.setup ? "" : " If it loads the SDK on a user action (a menu click), pass those steps with --setup FILE"}`;
  }
  return "the SDK loaded but the app made no call that connects it";
}
