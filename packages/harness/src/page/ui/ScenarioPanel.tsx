/**
 * Scenarios in the UI: pick one, then play, pause or step; the current step is highlighted and
 * each step gets a pass / fail mark with its failure message.
 *
 * @module
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { BUILTIN_SCENARIOS, type StepStatus } from "../../scenarios/index.ts";
import type { Harness } from "../harness.ts";

const MARK: Record<StepStatus, string> = {
  pending: "○",
  running: "●",
  passed: "✓",
  failed: "✗",
  skipped: "–",
};

/** The scenario panel. */
export function ScenarioPanel({ harness }: { harness: Harness }): JSX.Element {
  harness.runVersion.value;
  const run = harness.run.value;
  const [name, setName] = useState(
    run?.scenario.name ?? harness.setup.scenario ?? BUILTIN_SCENARIOS[0]?.name ?? "",
  );
  const scenario = BUILTIN_SCENARIOS.find((s) => s.name === name);
  const loaded = run && run.scenario.name === name ? run : null;
  const status = loaded?.status() ?? "idle";
  const steps = loaded?.steps();
  const ensure = async () => loaded ?? (await harness.loadScenario(name));
  const done = status === "passed" || status === "failed" || status === "stopped";
  const result = loaded && done ? loaded.result() : null;
  return (
    <div class="panel-body scenarios">
      <div class="sc-tools">
        <select aria-label="Scenario" value={name} onChange={(e) => setName(e.currentTarget.value)}>
          {BUILTIN_SCENARIOS.map((s) => (
            <option key={s.name} value={s.name}>
              {s.title}
            </option>
          ))}
        </select>
        <button
          type="button"
          class="btn primary"
          disabled={status === "running" || done}
          onClick={() => void ensure().then((r) => r.play())}
        >
          Play
        </button>
        <button
          type="button"
          class="btn"
          disabled={status !== "running"}
          onClick={() => loaded?.pause()}
        >
          Pause
        </button>
        <button
          type="button"
          class="btn"
          disabled={status === "running" || done}
          onClick={() => void ensure().then((r) => r.step())}
        >
          Step
        </button>
        <button type="button" class="btn ghost" onClick={() => void harness.loadScenario(name)}>
          Reset
        </button>
      </div>
      {scenario?.description && <p class="hint">{scenario.description}</p>}
      <p class={`sc-status status-${status}`} role="status">
        {loaded ? status : "not loaded (Play, Step or Reset sets up its meeting)"}
        {result && ` · ${result.durationMs} ms`}
      </p>
      <ol class="sc-steps" aria-label="Steps">
        {(scenario?.steps ?? []).map((s, i) => {
          const r = steps?.[i];
          const st: StepStatus = r?.status ?? "pending";
          const current = loaded !== null && !done && loaded.current() === i;
          return (
            <li
              key={`${i}-${s.label}`}
              class={`sc-step st-${st}${current ? " current" : ""}`}
              aria-current={current ? "step" : undefined}
            >
              <span class="mark" aria-hidden="true">
                {MARK[st]}
              </span>
              <span class="sr-only">{st}: </span>
              <span class={`sc-kind k-${s.kind}`}>{s.kind}</span>
              <span class="sc-label">{s.label}</span>
              {r?.durationMs !== undefined && <span class="hint"> {r.durationMs} ms</span>}
              {r?.error && <div class="error">{r.error}</div>}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
