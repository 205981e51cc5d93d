import type { Clock } from "./clock.ts";

/** The kind of a {@link TraceEntry}. */
export type TraceKind = "call" | "result" | "error" | "event" | "state";

/** The SPEC section an entry belongs to. */
export type SpecRef = "A1" | "A2" | "A3" | "A4";

/** One line of the ordered trace of a meeting. */
export interface TraceEntry {
  /** 1-based position in the trace. */
  seq: number;
  /** The simulator clock at the time of the entry (ms). */
  t: number;
  kind: TraceKind;
  participantId?: string;
  instanceId?: string;
  /** A call name (`collaboration.start`), an event name, or a state change (`session.started`). */
  name: string;
  /** JSON-safe details (functions are dropped). */
  data: unknown;
  spec: SpecRef;
  /** For `result` / `error`: simulated time since the matching `call`. */
  durationMs?: number;
}

/** What {@link Trace.record} takes; `seq` and `t` are filled in. */
export type TraceInput = Omit<TraceEntry, "seq" | "t">;

/** A listener for new trace entries. */
export type TraceListener = (entry: TraceEntry) => void;

/** The ordered trace of every call, result, error, event and state change of a meeting. */
export interface Trace {
  /** A copy of every entry so far, in order. */
  entries(): TraceEntry[];
  /** Call `listener` for each new entry; returns the unsubscribe function. */
  subscribe(listener: TraceListener): () => void;
  /** The entries as plain JSON data (what `JSON.stringify(trace)` writes). */
  toJSON(): TraceEntry[];
  /** Append an entry (used by the simulator; tests may add markers). */
  record(input: TraceInput): TraceEntry;
}

/** Make `value` JSON-safe: drop functions, keep plain data. */
function sanitize(value: unknown, depth = 0): unknown {
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value !== "object") return value;
  if (depth > 8) return "[deep]";
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const s = sanitize(v, depth + 1);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/**
 * Create an empty trace on `clock`. A throwing listener is isolated (it cannot break the
 * simulator).
 *
 * @example
 * ```ts
 * const trace = createTrace(createManualClock());
 * trace.subscribe((e) => console.log(e.seq, e.kind, e.name));
 * ```
 */
export function createTrace(clock: Clock): Trace {
  const list: TraceEntry[] = [];
  const listeners = new Set<TraceListener>();
  return {
    entries: () => list.slice(),
    subscribe(listener: TraceListener): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    toJSON: () => list.slice(),
    record(input: TraceInput): TraceEntry {
      const entry: TraceEntry = { seq: list.length + 1, t: clock.now(), ...input };
      entry.data = sanitize(input.data) ?? null;
      list.push(entry);
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
