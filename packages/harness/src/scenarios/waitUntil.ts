/**
 * Bounded waiting on the simulator: re-checks a condition on every state change and trace entry
 * (and every 50 ms, for frames that connect between changes) until it holds or the time is up.
 *
 * @module
 */
import type { MeetingModel } from "@yiqi/mock-host";

/** The answer of a condition: done, or not yet with the reason shown on timeout. */
export type Check = { ok: true } | { ok: false; why: string };

/** Done. */
export const pass: Check = Object.freeze({ ok: true });

/** Not yet, because `why`. */
export function notYet(why: string): Check {
  return { ok: false, why };
}

/**
 * Resolves when `check` passes; rejects after `timeoutMs` with `what` and the last reason, or
 * when `signal` aborts. A throwing check fails at once.
 */
export function waitUntil(
  meeting: Pick<MeetingModel, "subscribe" | "trace">,
  check: () => Check,
  what: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let last: Check = notYet("not checked yet");
    const cleanups: (() => void)[] = [];
    const done = (error?: Error): void => {
      for (const c of cleanups) c();
      if (error) reject(error);
      else resolve();
    };
    const probe = (): void => {
      try {
        last = check();
      } catch (e) {
        done(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (last.ok) done();
    };
    probe();
    if (last.ok) return;
    cleanups.push(meeting.subscribe(probe), meeting.trace.subscribe(probe));
    const interval = setInterval(probe, 50);
    const timer = setTimeout(() => {
      done(
        new Error(
          `${what}: not true after ${timeoutMs} ms (${last.ok ? "passed late" : last.why})`,
        ),
      );
    }, timeoutMs);
    cleanups.push(
      () => clearInterval(interval),
      () => clearTimeout(timer),
    );
    if (signal) {
      const onAbort = (): void => done(new Error(`${what}: stopped`));
      if (signal.aborted) onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      cleanups.push(() => signal.removeEventListener("abort", onAbort));
    }
  });
}
