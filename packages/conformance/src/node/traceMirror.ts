/**
 * A copy of the simulator trace on the Node side, kept up to date from the entries after the
 * last `seq` it has, so a poll carries only what is new instead of the whole trace.
 *
 * @module
 */
import type { SimTraceEntry } from "../cert/RunRecord.ts";

/** The name of the marker entry that stands for entries the page dropped (mock-host's). */
export const TRACE_TRUNCATED = "trace.truncated";

/** True for the marker of dropped entries (its `seq` is how many were dropped). */
export const isTruncationMarker = (e: SimTraceEntry): boolean =>
  e.kind === "state" && e.name === TRACE_TRUNCATED;

/**
 * Mirrors the page's trace: {@link entries} is what the page's `trace.entries()` would return,
 * the `trace.truncated` marker included, as of the last {@link apply}.
 *
 * @example
 * ```ts
 * const mirror = new TraceMirror();
 * mirror.apply(await page.evaluate((s) => yiqiHarness.trace(s), mirror.lastSeq));
 * mirror.entries();
 * ```
 */
export class TraceMirror {
  private kept: SimTraceEntry[] = [];
  private marker: SimTraceEntry | undefined;
  private last = 0;

  /** The `seq` of the newest entry held (0 before any). */
  get lastSeq(): number {
    return this.last;
  }

  /**
   * Adds a batch read from the page: entries after {@link lastSeq} (older ones in the batch are
   * ignored, so a whole trace is a valid batch too) and, first, the truncation marker when the
   * page dropped entries: the mirror then drops the same ones, up to the marker's `seq`.
   */
  apply(batch: readonly SimTraceEntry[]): void {
    for (const e of batch) {
      if (isTruncationMarker(e)) {
        if (this.marker && e.seq < this.marker.seq) continue;
        this.marker = e;
        const keep = this.kept.findIndex((k) => k.seq > e.seq);
        if (keep !== 0) this.kept.splice(0, keep < 0 ? this.kept.length : keep);
        this.last = Math.max(this.last, e.seq);
        continue;
      }
      if (e.seq <= this.last) continue;
      this.kept.push(e);
      this.last = e.seq;
    }
  }

  /** A copy of the entries held, in order, behind the truncation marker when there is one. */
  entries(): SimTraceEntry[] {
    return this.marker ? [this.marker, ...this.kept] : this.kept.slice();
  }
}
