/**
 * The "request too frequent" rule (error code 10) of the emulated device: a sliding window per
 * connection, off by default. Decision `docs/decisions/0213-rooms-rate-limit.md`.
 *
 * @module
 */

/** Options of the request rate limit (`RoomsDeviceOptions.rateLimit`). */
export interface RoomsRateLimitOptions {
  /** Most requests per connection within `windowMs` (default 20). */
  maxRequests?: number;
  /** The window, in milliseconds (default 1000). */
  windowMs?: number;
}

/**
 * Counts one connection's requests in a sliding window.
 *
 * @example
 * ```ts
 * const limit = new RequestRateLimit({ maxRequests: 2, windowMs: 1000 }, Date.now);
 * limit.admit(); limit.admit(); limit.admit(); // true, true, false
 * ```
 */
export class RequestRateLimit {
  readonly #max: number;
  readonly #window: number;
  readonly #now: () => number;
  readonly #times: number[] = [];

  constructor(options: RoomsRateLimitOptions, now: () => number) {
    this.#max = Math.max(1, options.maxRequests ?? 20);
    this.#window = Math.max(1, options.windowMs ?? 1000);
    this.#now = now;
  }

  /** Records a request; `false` when it is over the limit (refused requests do not count). */
  admit(): boolean {
    const now = this.#now();
    while (this.#times.length > 0 && now - (this.#times[0] as number) >= this.#window)
      this.#times.shift();
    if (this.#times.length >= this.#max) return false;
    this.#times.push(now);
    return true;
  }

  /** The limit, for messages: `20 requests per 1000 ms`. */
  describe(): string {
    return `${this.#max} requests per ${this.#window} ms`;
  }
}
