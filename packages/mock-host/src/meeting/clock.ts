/** A source of time for the simulator, in milliseconds since the Unix epoch. */
export interface Clock {
  /** The current time in milliseconds. */
  now(): number;
}

/** A {@link Clock} that tests move by hand. */
export interface ManualClock extends Clock {
  /** Move the clock forward by `ms` milliseconds (negative values are rejected). */
  advance(ms: number): void;
  /** Set the clock to an absolute time in milliseconds. */
  set(ms: number): void;
}

/** The wall clock (`Date.now()`); not reproducible, so not the default of `createMeeting`. */
export const systemClock: Clock = { now: (): number => Date.now() };

/**
 * Create a clock that only moves when told to, so a run is reproducible.
 *
 * @param startMs The initial time (default `1_700_000_000_000`, a fixed instant in 2023).
 * @throws {RangeError} from `advance` when `ms` is negative or not finite.
 * @example
 * ```ts
 * const clock = createManualClock();
 * clock.advance(1000);
 * ```
 */
export function createManualClock(startMs = 1_700_000_000_000): ManualClock {
  let now = startMs;
  return {
    now: () => now,
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) {
        throw new RangeError(`clock.advance needs a finite, non-negative number, got ${ms}`);
      }
      now += ms;
    },
    set(ms: number): void {
      now = ms;
    },
  };
}
