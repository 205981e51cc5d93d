/**
 * `DeviceLog`: the Rooms device's ordered log (requests, responses, events, state changes,
 * connections) and its listeners. Entries are built only while someone listens.
 *
 * @module
 */
import type { RoomsLogEntry } from "./connection.ts";

/**
 * The listeners of a device's log and the sequence of its entries.
 *
 * @example
 * ```ts
 * const log = new DeviceLog(Date.now);
 * const off = log.add((e) => console.log(e.seq, e.kind, e.text));
 * log.write("state", "login on");
 * off();
 * ```
 */
export class DeviceLog {
  readonly #listeners = new Set<(entry: RoomsLogEntry) => void>();
  readonly #now: () => number;
  #seq = 0;

  /** @param now The clock stamped on each entry (`at`). */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Whether anyone listens: callers skip building costly entry text otherwise. */
  get active(): boolean {
    return this.#listeners.size > 0;
  }

  /** Adds a listener; returns a function that removes it. */
  add(listener: (entry: RoomsLogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Appends an entry and hands it to every listener (none listening: nothing, no `seq` used). */
  write(kind: RoomsLogEntry["kind"], text: string, connection?: number): void {
    if (this.#listeners.size === 0) return;
    const entry: RoomsLogEntry = {
      seq: ++this.#seq,
      at: this.#now(),
      kind,
      text,
      ...(connection !== undefined ? { connection } : {}),
    };
    for (const l of this.#listeners) {
      try {
        l(entry);
      } catch {
        // A failing listener (a closed terminal) must not take a connection down with it.
      }
    }
  }
}
