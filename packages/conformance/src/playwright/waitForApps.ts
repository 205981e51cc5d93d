/**
 * The fixtures' wait: until every app the client has open (or one participant's) has a connected
 * instance, bounded; a load that failed or a refused handshake ends it at once. When it ends
 * without a connection, it throws the reason of the first participant still waiting.
 *
 * @module
 */
import type { Page } from "@playwright/test";
import type { YiqiHarnessWindow } from "@yiqi/harness";
import { frameAnswers } from "../node/harnessPage.ts";
import { participantOfUrl } from "../node/participantOfUrl.ts";
import type { AppWatch } from "./appWatch.ts";
import { boundedEvaluate, pageCallTimeout } from "./boundedEvaluate.ts";
import {
  type ConnectionFacts,
  type ConnectionVerdict,
  diagnoseConnection,
  finalVerdict,
} from "./diagnoseConnection.ts";
import { YiqiFixtureError } from "./YiqiFixtureError.ts";

/** Poll interval of the wait. */
const POLL_MS = 100;

/** A participant still waiting, as the page describes them. */
type PagePending = Omit<ConnectionFacts, "navigation" | "sdkRequested" | "answers">;

/**
 * In the page: the participants of `only` (or every one with an app open) whose app has no
 * connected instance, with their frame URL and the bridge's entries of their current app.
 */
function pendingInPage(only: string | null): PagePending[] {
  const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
  const pending = h.meeting
    .views()
    .filter((v) => (only === null ? v.app !== null : v.participantId === only))
    .filter((v) => v.app === null || v.app.instanceId === null);
  if (pending.length === 0) return [];
  const timeline = h.timeline();
  return pending.map((v) => {
    const pid = v.participantId;
    // Only what happened since the client opened this app (a rejoin opens a new one).
    let from = 0;
    for (const e of timeline) if (e.participantId === pid && e.name === "slot.opened") from = e.seq;
    const refusedUi = timeline
      .filter(
        (e) =>
          e.source === "meeting" &&
          e.kind === "error" &&
          e.participantId === pid &&
          e.seq > from &&
          e.name.startsWith("ui."),
      )
      .at(-1);
    const why = (refusedUi?.data ?? {}) as { code?: unknown; errMsg?: unknown };
    const bridge = timeline.filter(
      (e) => e.source === "bridge" && e.participantId === pid && e.seq > from,
    );
    return {
      participantId: pid,
      nickname: v.nickname,
      appOpen: v.app !== null,
      frameUrl: h.frameUrl(pid),
      lastRefusedUi: refusedUi
        ? `${refusedUi.name}: ${String(why.code)}: ${String(why.errMsg)}`
        : null,
      bridgeSeen: bridge.some((e) => e.kind !== "rejected"),
      refusals: bridge
        .filter((e) => e.kind === "rejected")
        .map((e) => {
          const d = (e.data ?? {}) as { code?: unknown; message?: unknown };
          return { code: String(d.code ?? "REFUSED"), message: String(d.message ?? "") };
        }),
    };
  });
}

/** `p` with what the browser saw of its page. */
function withNetwork(p: PagePending, watch: AppWatch): ConnectionFacts {
  return {
    ...p,
    navigation: watch.navigation(p.participantId),
    sdkRequested: watch.sdkRequested(p.participantId),
    answers: null,
  };
}

/** The error of a verdict. */
function errorOf(v: ConnectionVerdict, nickname: string): YiqiFixtureError {
  return new YiqiFixtureError(v.code, v.message, {
    participant: nickname,
    ...(v.reason ? { reason: v.reason } : {}),
  });
}

/** What {@link waitForApps} waits on. */
export interface WaitForAppsOptions {
  /** One participant's id (their app must be open too), or null for every open app. */
  only: string | null;
  timeoutMs: number;
}

/**
 * Waits until the apps of {@link WaitForAppsOptions.only} have connected instances.
 *
 * @throws {YiqiFixtureError} `APP_UNREACHABLE`, `NO_SDK`, `HANDSHAKE_REFUSED` or
 *   `NOT_CONNECTED`, naming the participant; `PAGE_UNRESPONSIVE` when the harness page stops
 *   answering.
 */
export async function waitForApps(
  page: Page,
  watch: AppWatch,
  options: WaitForAppsOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const call = {
    what: `waiting for ${options.only === null ? "every open app" : `the app of ${options.only}`} to connect`,
    timeoutMs: pageCallTimeout(options.timeoutMs),
  };
  for (;;) {
    const pending = (await boundedEvaluate(page, pendingInPage, options.only, call)).map((p) =>
      withNetwork(p, watch),
    );
    if (pending.length === 0) return;
    for (const p of pending) {
      const final = finalVerdict(p);
      if (final) throw errorOf(final, p.nickname);
    }
    if (Date.now() >= deadline) {
      const first = pending[0] as ConnectionFacts;
      const frame = page.frames().find((f) => participantOfUrl(f.url()) === first.participantId);
      if (frame) first.answers = await frameAnswers(frame);
      const verdict = diagnoseConnection(first, options.timeoutMs);
      const others = pending.slice(1).map((p) => p.nickname);
      if (others.length > 0) verdict.message += ` (not connected either: ${others.join(", ")})`;
      throw errorOf(verdict, first.nickname);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
