/** A small seeded pseudo-random generator, so the same seed and actions give the same ids. */
export interface SeededRandom {
  /** The next float in `[0, 1)`. */
  next(): number;
  /** A random string of `length` characters drawn from `alphabet`. */
  string(length: number, alphabet?: string): string;
}

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Hash a string seed to 32 bits (FNV-1a). */
function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Create a seeded generator (mulberry32). Not for cryptography: the simulator only needs
 * reproducible, distinct-looking ids.
 *
 * @param seed A number or a string; equal seeds give equal sequences.
 * @example
 * ```ts
 * const rnd = createRandom("demo");
 * rnd.string(8); // same 8 characters on every run
 * ```
 */
export function createRandom(seed: number | string): SeededRandom {
  let state = typeof seed === "number" ? seed >>> 0 : hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    string(length: number, alphabet = ALNUM): string {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
}
