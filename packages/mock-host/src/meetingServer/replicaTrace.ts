/**
 * The trace of a remote replica (protocol 2, docs/decisions/0032-meeting-server-protocol-2.md):
 * the entries a meeting server sent, kept as the simulator's trace keeps them (the newest
 * `maxEntries`, a `trace.truncated` entry first once older ones are dropped). Web-standard.
 *
 * @module
 */
import type { TraceView } from "../meeting/meetingModel.ts";
import {
  DEFAULT_MAX_TRACE_ENTRIES,
  TRACE_TRUNCATED,
  type TraceEntry,
  type TraceListener,
} from "../meeting/trace.ts";

/** A replica's trace: read as a {@link TraceView}, fed by the server's frames. */
export interface ReplicaTrace extends TraceView {
  /** Appends entries in order and tells the listeners of each. */
  append(entries: readonly TraceEntry[]): void;
  /** The meeting was replaced: the trace starts over. */
  clear(): void;
}

/** A replica trace keeping the newest `maxEntries` (default 10,000). */
export function createReplicaTrace(maxEntries: number = DEFAULT_MAX_TRACE_ENTRIES): ReplicaTrace {
  const max = Math.max(1, Math.floor(maxEntries));
  let list: TraceEntry[] = [];
  let dropped = 0;
  let lastDroppedT = 0;
  const listeners = new Set<TraceListener>();
  const entries = (): TraceEntry[] => {
    if (dropped === 0) return list.slice();
    const marker: TraceEntry = {
      seq: dropped,
      t: lastDroppedT,
      kind: "state",
      name: TRACE_TRUNCATED,
      data: {
        dropped,
        maxEntries: max,
        message: `trace truncated: ${dropped} earlier entries dropped (the replica keeps the newest ${max})`,
      },
      spec: "A1",
    };
    return [marker, ...list];
  };
  return {
    entries,
    toJSON: entries,
    get dropped(): number {
      return dropped;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    append(batch) {
      for (const entry of batch) {
        if (entry.name === TRACE_TRUNCATED && list.length === 0) {
          // The server's own marker: what it dropped before this replica started.
          dropped = entry.seq;
          lastDroppedT = entry.t;
          continue;
        }
        list.push(entry);
        if (list.length > max) {
          lastDroppedT = (list.shift() as TraceEntry).t;
          dropped++;
        }
        for (const l of listeners) {
          try {
            l(entry);
          } catch {
            // A listener's failure is its own.
          }
        }
      }
    },
    clear() {
      list = [];
      dropped = 0;
      lastDroppedT = 0;
    },
  };
}
