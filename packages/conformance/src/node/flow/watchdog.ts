/**
 * What ends a run early: a renderer that stopped answering (an app frame spinning in a busy
 * loop; every participant's instance of one app shares a renderer, so one spinning frame stalls
 * them all) and the whole-run budget (`--budget`). Either stops the flow at once; the run then
 * grades what it saw, writes the reports and exits (docs/decisions/0307-certify-ends.md).
 *
 * @module
 */
import type { Frame, Page } from "playwright-core";
import type { FlowStop } from "../../cert/RunRecord.ts";
import { participantOfUrl } from "../participantOfUrl.ts";

/** How the heartbeat probes: every `intervalMs`, each frame must answer within `answerMs`. */
export const HEARTBEAT: {
  readonly intervalMs: number;
  readonly answerMs: number;
  readonly misses: number;
} = { intervalMs: 1000, answerMs: 4000, misses: 2 };

/** Whether a page or frame runs a script within `ms`: `gone` when it was detached or closed. */
export function probe(target: Page | Frame, ms: number): Promise<"answers" | "silent" | "gone"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    target
      .evaluate(() => true)
      .then(
        () => "answers" as const,
        () => "gone" as const,
      ),
    new Promise<"silent">((r) => {
      timer = setTimeout(() => r("silent"), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A running watchdog. */
export interface Watchdog {
  /** Resolves with why the run must stop (never, unless it must). */
  readonly stopped: Promise<FlowStop>;
  /** Why the run stopped, once it did. */
  readonly stop: FlowStop | null;
  /** Ends the heartbeat and the budget timer. */
  dispose(): void;
}

/** Options of {@link startWatchdog}. */
export interface WatchdogOptions {
  /** The whole-run budget in ms (none: no budget), as the messages say it. */
  budgetMs?: number;
  /** What is left of it now (default all of it): the run started before the flow. */
  budgetLeftMs?: number;
  /** What the flow is doing now (`join`), for the messages. */
  doing: () => string;
  heartbeat?: typeof HEARTBEAT;
}

/**
 * Starts probing the harness page and every app frame in it; stops the run when one stays
 * silent for `misses` probes in a row, or when the budget runs out.
 */
export function startWatchdog(page: Page, options: WatchdogOptions): Watchdog {
  const hb = options.heartbeat ?? HEARTBEAT;
  let stop: FlowStop | null = null;
  let resolveStop: (s: FlowStop) => void = () => {};
  const stopped = new Promise<FlowStop>((r) => {
    resolveStop = r;
  });
  const end = (s: FlowStop): void => {
    if (stop) return;
    stop = s;
    resolveStop(s);
  };
  const budgetTimer =
    options.budgetMs === undefined
      ? undefined
      : setTimeout(
          () =>
            end({
              kind: "budget",
              at: Date.now(),
              reason: `the run's budget of ${formatMs(options.budgetMs ?? 0)} ran out during ${options.doing()}: the flow stopped there (raise --budget if the app is slow, not stuck)`,
            }),
          options.budgetLeftMs ?? options.budgetMs,
        );
  let silentFor = 0;
  let silentSince = "";
  let disposed = false;
  const tick = async (): Promise<void> => {
    if (disposed || stop) return;
    const targets: { who: string; target: Page | Frame }[] = [
      { who: "the harness page", target: page },
    ];
    for (const frame of page.frames()) {
      const pid = participantOfUrl(frame.url());
      if (pid && !frame.isDetached()) targets.push({ who: `${pid}'s app frame`, target: frame });
    }
    const doingAtProbe = options.doing();
    const answers = await Promise.all(targets.map((t) => probe(t.target, hb.answerMs)));
    const silent = targets.filter((_, i) => answers[i] === "silent").map((t) => t.who);
    silentFor = silent.length > 0 ? silentFor + 1 : 0;
    // What the flow was doing when the silence began (the probe was sent then).
    if (silentFor === 1) silentSince = doingAtProbe;
    if (silentFor >= hb.misses)
      end({
        kind: "hang",
        at: Date.now(),
        reason: `${silent.join(", ")} stopped answering during ${silentSince} (no answer within ${hb.answerMs / 1000} s, ${hb.misses} times in a row): a busy loop or a blocking call in the app; all of its instances share one renderer, so one spinning frame stalls them all. The flow stopped there`,
      });
    if (!disposed && !stop) heartbeat = setTimeout(() => void tick(), hb.intervalMs);
  };
  let heartbeat: ReturnType<typeof setTimeout> | undefined = setTimeout(
    () => void tick(),
    hb.intervalMs,
  );
  return {
    stopped,
    get stop() {
      return stop;
    },
    dispose() {
      disposed = true;
      clearTimeout(heartbeat);
      clearTimeout(budgetTimer);
      heartbeat = undefined;
    },
  };
}

/** `90 s`, `5 min`, `1 min 30 s`. */
export function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
