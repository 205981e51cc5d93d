/**
 * Percentiles and summaries of benchmark samples.
 *
 * @module
 */

/** The summary of one set of samples, in milliseconds. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
}

/** The `q` quantile (0..1) of sorted samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
}

/** p50, p99 and mean of `samples`, rounded to microseconds. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    mean: round(mean),
  };
}

/** The median of `samples` (the mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The interquartile mean: the mean of the samples between the 25th and 75th percentiles. */
export function iqm(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.slice(Math.floor(sorted.length / 4), Math.ceil((3 * sorted.length) / 4));
  return mid.reduce((s, x) => s + x, 0) / (mid.length || Number.NaN);
}

/**
 * Median over rounds of IQM(a in round) / IQM(b in round), rounded to 0.01; `a` and `b` hold
 * `perRound` samples per round, in round order (decision 0016's "paired" ratio). The
 * interquartile mean is as robust as the p50 but not stuck on a coarse timer grid (at a 70 µs
 * floor a p50 ratio can only move in steps of ~7% on Chromium's 5 µs grid).
 */
export function pairedRatio(a: readonly number[], b: readonly number[], perRound: number): number {
  const ratios: number[] = [];
  for (let i = 0; i + perRound <= a.length && i + perRound <= b.length; i += perRound)
    ratios.push(iqm(a.slice(i, i + perRound)) / iqm(b.slice(i, i + perRound)));
  return Math.round(median(ratios) * 100) / 100;
}
