/**
 * The tracing hook: every handshake, call, result, error, event and close on a connection, with
 * timestamps, for the harness timeline and certification.
 *
 * @module
 */

/** What happened. */
export type BridgeTraceKind =
  | "handshake"
  | "call"
  | "result"
  | "error"
  | "event"
  | "close"
  | "rejected";

/** One trace entry. */
export interface BridgeTraceEntry {
  /** Milliseconds since the epoch (from the bridge's `now`). */
  t: number;
  /** Which end recorded the entry. */
  side: "app" | "host";
  /** What happened. */
  kind: BridgeTraceKind;
  /** The connection's id (`undefined` for messages refused before a connection exists). */
  connectionId?: string;
  /** The call id, pairing a call with its result or error. */
  callId?: string;
  /** The method called (calls, results, errors). */
  method?: string;
  /** The call's arguments, as references (copy them with `traceData`). */
  args?: readonly unknown[];
  /** A result's value, as a reference. */
  value?: unknown;
  /** The event's name (events). */
  event?: string;
  /** The event's payload, as a reference. */
  payload?: unknown;
  /** The error's code and message (errors and refusals). */
  error?: { code: string; message: string };
  /** Milliseconds from the call to its result or error. */
  durationMs?: number;
  /** The peer's origin (handshakes and refusals). */
  origin?: string;
}

/** Receives trace entries; must not throw (errors are swallowed). */
export type BridgeTraceHook = (entry: BridgeTraceEntry) => void;

/** Calls the hook, never letting it break the bridge. */
export function emitTrace(hook: BridgeTraceHook | undefined, entry: BridgeTraceEntry): void {
  if (!hook) return;
  try {
    hook(entry);
  } catch {
    // A faulty trace consumer must not break calls.
  }
}

/** The default clock: wall time with sub-millisecond resolution. */
export const defaultNow = (): number => performance.timeOrigin + performance.now();

/** Traces one entry for one side of the bridge: the tracer adds `t` and `side`. */
export interface SideTrace {
  (entry: Omit<BridgeTraceEntry, "t" | "side">): void;
  /** True when a hook was given; callers skip per-call trace work (timings, args) otherwise. */
  readonly enabled: boolean;
}

/**
 * The tracer of one side: stamps each entry with `now()` and `side` and hands it to
 * `options.trace`; does nothing (not even read the clock) when no hook was given at creation.
 */
export function sideTrace(
  options: { readonly trace?: BridgeTraceHook },
  side: BridgeTraceEntry["side"],
  now: () => number,
): SideTrace {
  const enabled = options.trace !== undefined;
  const trace = (entry: Omit<BridgeTraceEntry, "t" | "side">): void => {
    if (enabled) emitTrace(options.trace, { t: now(), side, ...entry });
  };
  return Object.assign(trace, { enabled });
}

/** Bounds of {@link traceData}. */
export interface TraceDataLimits {
  /** Nesting kept; deeper values become `"[deep]"` (default 8). */
  maxDepth?: number;
  /** Items kept per array, Map, Set or object; the rest is summarised (default 200). */
  maxItems?: number;
  /** Characters kept in all strings and keys of one value together (default 8192). */
  maxChars?: number;
}

/**
 * A bounded, JSON-safe copy of `value` for a trace or a timeline: functions and symbols are
 * dropped (`null` in arrays), cycles become `"[circular]"`, Maps and Sets become arrays of
 * entries, binary data a summary, and past the limits values are cut with a marker
 * (`"…[N more]"`). Unlike a JSON round trip it never walks more than the limits allow, whatever
 * the value claims (a sparse array of length 1e8 costs `maxItems` steps).
 *
 * @example
 * ```ts
 * const sparse = []; sparse.length = 1e8;
 * traceData({ a: sparse }); // { a: [null × 200, "…[99999800 more]"] }
 * ```
 */
export function traceData(value: unknown, limits: TraceDataLimits = {}): unknown {
  const maxDepth = limits.maxDepth ?? 8;
  const maxItems = limits.maxItems ?? 200;
  let chars = limits.maxChars ?? 8192;
  const ancestors = new Set<object>();
  const text = (s: string): string => {
    if (s.length <= chars) {
      chars -= s.length;
      return s;
    }
    const kept = s.slice(0, Math.max(0, chars));
    chars = 0;
    return `${kept}…[${s.length - kept.length} more chars]`;
  };
  const copy = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") return text(v);
    chars--; // every value costs at least one unit, so the walk is bounded by maxChars
    switch (typeof v) {
      case "number":
        return Number.isFinite(v) ? v : String(v);
      case "boolean":
        return v;
      case "bigint":
        return `${v}n`;
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    if (v === null) return null;
    const o = v as object;
    if (depth >= maxDepth) return "[deep]";
    if (ancestors.has(o)) return "[circular]";
    if (o instanceof Date) return Number.isNaN(o.getTime()) ? null : o.toISOString();
    if (ArrayBuffer.isView(o) || o instanceof ArrayBuffer)
      return `[${o.constructor.name} ${o.byteLength} bytes]`;
    ancestors.add(o);
    try {
      if (Array.isArray(o)) return list(o.length, (i) => o[i], depth);
      if (o instanceof Map || o instanceof Set) {
        const it = o instanceof Map ? o.entries() : o.values();
        return list(o.size, () => it.next().value, depth);
      }
      const out: Record<string, unknown> = {};
      let n = 0;
      let more = 0;
      for (const key in o) {
        if (!Object.hasOwn(o, key)) continue;
        if (n >= maxItems || chars <= 0) {
          more++;
          if (more > 1_000_000) break;
          continue;
        }
        const name = text(key);
        const c = copy((o as Record<string, unknown>)[key], depth + 1);
        if (c !== undefined) out[name] = c;
        n++;
      }
      if (more > 0) out["…"] = `[${more} more]`;
      return out;
    } finally {
      ancestors.delete(o);
    }
  };
  /** The first items of a list-like of `length` (read in order by `at`), then a marker. */
  const list = (length: number, at: (i: number) => unknown, depth: number): unknown[] => {
    const out: unknown[] = [];
    const n = Math.min(length, maxItems);
    let i = 0;
    for (; i < n && chars > 0; i++) out.push(copy(at(i), depth + 1) ?? null);
    if (i < length) out.push(`…[${length - i} more]`);
    return out;
  };
  return copy(value, 0) ?? null;
}
