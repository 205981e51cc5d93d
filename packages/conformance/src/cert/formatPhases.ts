/**
 * The phase timings of a run on one line, for the terminal and the HTML report
 * (`run_info.phases`, decision 0313).
 *
 * @module
 */
import type { CertRunPhase } from "./CertRun.ts";

/** `1.2 s` (one decimal). */
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * `preflight 0.9 s · load 2.1 s · … · grade 0.1 s (7.3 s)`: each phase, then their sum.
 * Empty for no phases.
 *
 * @example
 * ```ts
 * formatPhases([{ name: "load", ms: 2100 }, { name: "end", ms: 400 }]);
 * // "load 2.1 s · end 0.4 s (2.5 s)"
 * ```
 */
export function formatPhases(phases: readonly CertRunPhase[]): string {
  if (phases.length === 0) return "";
  const total = phases.reduce((sum, p) => sum + p.ms, 0);
  return `${phases.map((p) => `${p.name} ${seconds(p.ms)}`).join(" · ")} (${seconds(total)})`;
}
