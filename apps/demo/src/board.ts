/**
 * The shared board: a grid of cells, each painted by last writer wins. Every instance applies
 * the same operations in any order and ends with the same board (a last-writer-wins register
 * per cell, ordered by a Lamport clock and then the painter's id), so instances converge no
 * matter how the network delivers messages.
 */

/** One paint operation. */
export interface Paint {
  cell: number;
  color: string;
  /** Lamport time of the painter. */
  clock: number;
  /** The painter (msOpenId), the tie-breaker. */
  by: string;
}

/** A cell's current value. */
export interface Cell {
  color: string;
  clock: number;
  by: string;
}

/** The board size. */
export const SIZE = 12;

const newer = (a: { clock: number; by: string }, b: { clock: number; by: string }): boolean =>
  a.clock > b.clock || (a.clock === b.clock && a.by > b.by);

/** A board and its Lamport clock. */
export class Board {
  readonly cells: (Cell | null)[] = Array.from({ length: SIZE * SIZE }, () => null);
  clock = 0;

  /** Applies a paint (local or remote); returns true when it changed the board. */
  apply(op: Paint): boolean {
    if (!Number.isInteger(op.cell) || op.cell < 0 || op.cell >= this.cells.length) return false;
    if (typeof op.color !== "string" || !/^#[0-9a-f]{6}$/i.test(op.color)) return false;
    this.clock = Math.max(this.clock, op.clock);
    const current = this.cells[op.cell];
    if (current && !newer(op, current)) return false;
    this.cells[op.cell] = { color: op.color, clock: op.clock, by: op.by };
    return true;
  }

  /** Makes a local paint operation (advances the clock) and applies it. */
  paint(cell: number, color: string, by: string): Paint {
    const op = { cell, color, clock: this.clock + 1, by };
    this.apply(op);
    return op;
  }

  /** Every painted cell as operations, to send a joiner the whole board. */
  snapshot(): Paint[] {
    return this.cells.flatMap((c, cell) => (c ? [{ cell, ...c }] : []));
  }

  /** Clears the board (when a session ends). */
  reset(): void {
    this.cells.fill(null);
    this.clock = 0;
  }

  /**
   * A short digest of what the board shows (FNV-1a over the cells' colours). Equal digests mean
   * equal boards: this is the demo's documented state-digest hook for convergence checks.
   */
  digest(): string {
    let h = 0x811c9dc5;
    for (const c of this.cells) {
      const s = c ? c.color : "-";
      for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
    return h.toString(16).padStart(8, "0");
  }
}

/** A stable colour for a participant id. */
export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  const hue = h % 360;
  // HSL (hue, 65%, 50%) to hex.
  const s = 0.65;
  const l = 0.5;
  const k = (n: number): number => (n + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return `#${[f(0), f(8), f(4)]
    .map((x) =>
      Math.round(x * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}
