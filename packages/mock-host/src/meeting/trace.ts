import type { Clock } from "./clock.ts";
import { snapshot } from "./traceSnapshot.ts";

/** The kind of a {@link TraceEntry}. */
export type TraceKind = "call" | "result" | "error" | "event" | "state";

/** The SPEC section an entry belongs to. */
export type SpecRef = "A1" | "A2" | "A3" | "A4";

/** One line of the ordered trace of a meeting. */
export interface TraceEntry {
  /** 1-based position in the trace (kept when earlier entries are dropped). */
  seq: number;
  /** The simulator clock at the time of the entry (ms). */
  t: number;
  kind: TraceKind;
  participantId?: string;
  instanceId?: string;
  /** A call name (`collaboration.start`), an event name, or a state change (`session.started`). */
  name: string;
  /** JSON-safe details (functions are dropped; large values are cut, see `traceData`). */
  data: unknown;
  spec: SpecRef;
  /** For `result` / `error`: simulated time since the matching `call`. */
  durationMs?: number;
}

/** What {@link Trace.record} takes; `seq` and `t` are filled in. */
export type TraceInput = Omit<TraceEntry, "seq" | "t">;

/** A listener for new trace entries. */
export type TraceListener = (entry: TraceEntry) => void;

/** The name of the entry that stands for dropped entries (see {@link Trace.entries}). */
export const TRACE_TRUNCATED = "trace.truncated";

/** The entries a trace keeps by default (the newest; older ones are dropped). */
export const DEFAULT_MAX_TRACE_ENTRIES = 10_000;

/** The ordered trace of every call, result, error, event and state change of a meeting. */
export interface Trace {
  /**
   * A copy of the entries kept, in order. When earlier entries were dropped (more than
   * `maxEntries` were recorded), the first entry is a `state` entry named `trace.truncated`
   * whose `seq` is the number of dropped entries and whose `data` says how many
   * (`{ dropped, maxEntries, message: "trace truncated: N earlier entries dropped" }`); every
   * kept entry keeps its `seq`.
   */
  entries(): TraceEntry[];
  /** Entries dropped so far to keep the trace within `maxEntries`. */
  readonly dropped: number;
  /** Call `listener` for each new entry; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void;
  /** The entries as plain JSON data (what `JSON.stringify(trace)` writes; as `entries()`). */
  toJSON(): TraceEntry[];
  /** Append an entry (used by the simulator; tests may add markers). */
  record(input: TraceInput): TraceEntry;
}

/** Options of {@link createTrace}. */
export interface TraceOptions {
  /** Entries kept, the newest (default {@link DEFAULT_MAX_TRACE_ENTRIES}; at least 1). */
  maxEntries?: number | undefined;
}

/**
 * Create an empty trace on `clock`. A throwing listener is isolated (it cannot break the
 * simulator). The trace keeps the newest `maxEntries` entries; `data` is a bounded JSON-safe
 * copy (functions dropped, nesting cut at 8 levels, long values cut with a marker).
 *
 * @example
 * ```ts
 * const trace = createTrace(createManualClock(), { maxEntries: 1000 });
 * trace.subscribe((e) => console.log(e.seq, e.kind, e.name));
 * ```
 */
export function createTrace(clock: Clock, options: TraceOptions = {}): Trace {
  const max = Math.max(1, Math.floor(options.maxEntries ?? DEFAULT_MAX_TRACE_ENTRIES));
  // A ring once full: `head` is the oldest entry's slot, so recording never moves the others.
  const list: TraceEntry[] = [];
  let head = 0;
  const listeners = new Set<TraceListener>();
  let seq = 0;
  let dropped = 0;
  let lastDroppedT = 0;
  const entries = (): TraceEntry[] => {
    if (dropped === 0) return list.slice();
    const message = `trace truncated: ${dropped} earlier entries dropped (the trace keeps the newest ${max}; raise maxTraceEntries to keep more)`;
    const marker: TraceEntry = {
      seq: dropped,
      t: lastDroppedT,
      kind: "state",
      name: TRACE_TRUNCATED,
      data: { dropped, maxEntries: max, message },
      spec: "A1",
    };
    return [marker, ...list.slice(head), ...list.slice(0, head)];
  };
  return {
    entries,
    get dropped(): number {
      return dropped;
    },
    subscribe(listener: TraceListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    toJSON: entries,
    record(input: TraceInput): TraceEntry {
      const entry: TraceEntry = { seq: ++seq, t: clock.now(), ...input };
      entry.data = snapshot(input.data);
      if (list.length < max) list.push(entry);
      else {
        // Full: the newest entry takes the oldest one's slot.
        lastDroppedT = (list[head] as TraceEntry).t;
        list[head] = entry;
        head = head + 1 === max ? 0 : head + 1;
        dropped++;
      }
      for (const l of listeners) {
        try {
          l(entry);
        } catch {
          // A listener's failure is its own; the trace goes on.
        }
      }
      return entry;
    },
  };
}
