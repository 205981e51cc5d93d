/**
 * The scenario engine: runs steps one at a time (play, pause, step), each bounded by its
 * timeout, and records pass / fail per step. DOM-free: the harness gives it a meeting and a way
 * to reload a frame; tests give it headless apps.
 *
 * @module
 */
import type { MeetingModel } from "@yiqi/mock-host";
import type { Scenario, Step, StepContext, StepKind } from "./defineScenario.ts";

/** The status of one step. */
export type StepStatus = "pending" | "running" | "passed" | "failed" | "skipped";

/** The outcome of one step. */
export interface StepResult {
  index: number;
  kind: StepKind;
  label: string;
  status: StepStatus;
  /** Why it failed. */
  error?: string;
  durationMs?: number;
}

/** The outcome of a run, as `yiqiHarness.runScenario` returns it (plain JSON). */
export interface ScenarioResult {
  name: string;
  title: string;
  passed: boolean;
  steps: StepResult[];
  durationMs: number;
  /** The first failure, `step N (label): message`. */
  error?: string;
}

/** What the engine needs from the harness. */
export interface ScenarioDriver {
  /** The meeting the steps act on (a local simulator or a meeting server's replica). */
  readonly meeting: MeetingModel;
  /** Re-create participant `pid`'s app frame. */
  reloadApp(pid: string): void;
}

/** The state of a run. */
export type RunStatus = "idle" | "running" | "paused" | "passed" | "failed" | "stopped";

/** A run of one scenario on one meeting. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  status(): RunStatus;
  /** Index of the next step to run (or the running one). */
  current(): number;
  steps(): StepResult[];
  /** Runs the next step; resolves with its result (null when finished). */
  step(): Promise<StepResult | null>;
  /** Runs the remaining steps until the end, a failure or `pause()`. */
  play(): Promise<ScenarioResult>;
  /** Stops after the running step. */
  pause(): void;
  /** Aborts the run (any wait in progress fails as "stopped"). */
  stop(): void;
  result(): ScenarioResult;
  /** Called after every change of status or step. */
  onChange(listener: () => void): () => void;
}

/**
 * Creates a run of `scenario` against `driver.meeting` (set up by the caller with the scenario's
 * participants, app and decisions).
 *
 * @example
 * ```ts
 * const run = createScenarioRun(basicFlow, { meeting, reloadApp });
 * const result = await run.play(); // { passed, steps: [...], error? }
 * ```
 */
export function createScenarioRun(
  scenario: Scenario,
  driver: ScenarioDriver,
  now: () => number = () => Date.now(),
): ScenarioRun {
  const results: StepResult[] = scenario.steps.map((s, index) => ({
    index,
    kind: s.kind,
    label: s.label,
    status: "pending",
  }));
  let index = 0;
  let status: RunStatus = "idle";
  let pausing = false;
  let busy: Promise<StepResult | null> | null = null;
  let startedAt: number | null = null;
  let elapsed = 0;
  const abort = new AbortController();
  const listeners = new Set<() => void>();
  const changed = (): void => {
    for (const l of listeners) {
      try {
        l();
      } catch {
        // A UI listener's failure is not the scenario's.
      }
    }
  };

  const ctx: StepContext = {
    meeting: driver.meeting,
    signal: abort.signal,
    reloadApp: (pid) => driver.reloadApp(pid),
    pid(name: string): string {
      const p = driver.meeting.participants().find((x) => x.nickname === name);
      if (!p) {
        throw new Error(
          `no participant named "${name}" (present: ${driver.meeting
            .participants()
            .map((x) => x.nickname)
            .join(", ")})`,
        );
      }
      return p.id;
    },
  };

  const finished = (): boolean =>
    status === "passed" || status === "failed" || status === "stopped";

  const runOne = async (): Promise<StepResult | null> => {
    if (finished() || index >= scenario.steps.length) return null;
    const step = scenario.steps[index] as Step;
    const r = results[index] as StepResult;
    startedAt ??= now();
    r.status = "running";
    if (status !== "running") status = "running";
    changed();
    const t0 = now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Every step is bounded even if its own waits forget to be.
      await Promise.race([
        step.run(ctx),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`step timed out after ${step.timeoutMs + 1000} ms`)),
            step.timeoutMs + 1000,
          );
        }),
      ]);
      r.status = "passed";
    } catch (e) {
      r.status = "failed";
      r.error = e instanceof Error ? e.message : String(e);
    } finally {
      clearTimeout(timer);
    }
    r.durationMs = Math.round(now() - t0);
    index++;
    if (r.status === "failed") {
      status = "failed";
      for (const rest of results.slice(index)) rest.status = "skipped";
      elapsed = now() - (startedAt ?? now());
    } else if (index >= scenario.steps.length) {
      status = "passed";
      elapsed = now() - (startedAt ?? now());
    } else {
      status = "paused";
    }
    changed();
    return { ...r };
  };

  const result = (): ScenarioResult => {
    const failed = results.find((r) => r.status === "failed");
    return {
      name: scenario.name,
      title: scenario.title,
      passed: status === "passed",
      steps: results.map((r) => ({ ...r })),
      durationMs: Math.round(finished() ? elapsed : startedAt === null ? 0 : now() - startedAt),
      ...(failed ? { error: `step ${failed.index + 1} (${failed.label}): ${failed.error}` } : {}),
    };
  };

  const step = (): Promise<StepResult | null> => {
    if (busy) return busy;
    busy = runOne().finally(() => {
      busy = null;
    });
    return busy;
  };

  return {
    scenario,
    status: () => status,
    current: () => index,
    steps: () => results.map((r) => ({ ...r })),
    step,
    async play(): Promise<ScenarioResult> {
      pausing = false;
      while (!finished() && !pausing && index < scenario.steps.length) {
        await step();
      }
      if (pausing && !finished()) {
        status = "paused";
        changed();
      }
      pausing = false;
      return result();
    },
    pause(): void {
      pausing = true;
    },
    stop(): void {
      if (finished()) return;
      abort.abort();
      status = "stopped";
      for (const r of results) if (r.status === "pending") r.status = "skipped";
      elapsed = startedAt === null ? 0 : now() - startedAt;
      changed();
    },
    result,
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
