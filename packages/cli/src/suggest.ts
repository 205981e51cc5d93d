/**
 * "Did you mean …?": the nearest known word to a mistyped one, for commands and flags.
 *
 * @module
 */

/**
 * The edit distance between two words (insertions, deletions, substitutions and swaps of two
 * neighbouring letters each cost 1: "romos" is 1 from "rooms").
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      let best = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The known word nearest to `typed`, or `undefined` when none is close: within 2 edits (1 for
 * words of 4 letters or fewer), or one that starts with what was typed (3 letters at least).
 * Leading dashes are compared too, so pass flags with them (`--profil` → `--profile`).
 *
 * @example
 * ```ts
 * closest("romos", ["rooms", "harness"]); // "rooms"
 * closest("--part", ["--participants", "--port"]); // "--participants"
 * ```
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const bare = typed.replace(/^-+/, "");
  const limit = bare.length <= 4 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const word of known) {
    const distance = editDistance(typed, word);
    if (distance <= limit && (!best || distance < best.distance)) best = { word, distance };
  }
  if (best) return best.word;
  if (bare.length < 3) return undefined;
  const prefixed = known.filter((w) => w.replace(/^-+/, "").startsWith(bare));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** `" Did you mean X?"` when a known word is close to `typed`, else `""`. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const word = closest(typed, known);
  return word === undefined ? "" : ` Did you mean ${word}?`;
}
