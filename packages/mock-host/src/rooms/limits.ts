/**
 * Limits of the emulated Rooms device against hostile clients: a failed-password limiter with
 * exponential backoff per client, and frame-size limits before and after authentication.
 * Web-standard, with an injectable clock. Decision: `docs/decisions/0206-rooms-auth-limits.md`.
 *
 * @module
 */

/** Options of the failed-password limiter ({@link AuthLimiter}). */
export interface RoomsAuthLimitOptions {
  /** Failed attempts before the first lockout (default 5: the 5th failure locks). */
  freeAttempts?: number;
  /** The first lockout (default 1000 ms); it doubles with each further failed attempt. */
  baseDelayMs?: number;
  /** The longest lockout (default 300 000 ms = 5 min). */
  maxDelayMs?: number;
  /** A client without a failed attempt for this long starts over (default 3 600 000 ms = 1 h). */
  forgetAfterMs?: number;
  /** Most clients remembered at once (default 10 000; the least recent is dropped first). */
  maxClients?: number;
}

/** The default largest frame before authentication: 4 KiB (a request needs far less). */
export const DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD: number = 4 * 1024;

/** The default largest frame after authentication: 1 MiB. */
export const DEFAULT_ROOMS_MAX_PAYLOAD: number = 1024 * 1024;

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

/**
 * Counts failed password attempts per client and locks a client out with exponential backoff:
 * the `freeAttempts`-th failure locks it for `baseDelayMs`, and each further one for twice as
 * long as the one before, capped at `maxDelayMs`. While locked, attempts are refused without
 * checking the password (and do not count). A success, or `forgetAfterMs` without failures,
 * clears the client.
 *
 * With the defaults a client gets at most about 300 guesses a day: finding a 6-digit password
 * takes about 4.5 years on average.
 *
 * @example
 * ```ts
 * const limiter = new AuthLimiter({}, Date.now);
 * if (limiter.retryAfter("10.0.0.7") === 0 && !passwordOk) limiter.failed("10.0.0.7");
 * ```
 */
export class AuthLimiter {
  readonly #free: number;
  readonly #base: number;
  readonly #max: number;
  readonly #forget: number;
  readonly #maxClients: number;
  readonly #now: () => number;
  readonly #clients = new Map<string, Failures>();

  /**
   * @param options The policy (defaults above).
   * @param now The clock, in milliseconds (inject one so tests need no real waiting).
   */
  constructor(options: RoomsAuthLimitOptions, now: () => number) {
    this.#free = options.freeAttempts ?? 5;
    this.#base = options.baseDelayMs ?? 1000;
    this.#max = options.maxDelayMs ?? 300_000;
    this.#forget = Math.max(options.forgetAfterMs ?? 3_600_000, this.#max);
    this.#maxClients = options.maxClients ?? 10_000;
    this.#now = now;
  }

  #get(client: string): Failures | undefined {
    const f = this.#clients.get(client);
    if (f && this.#now() - f.last >= this.#forget) {
      this.#clients.delete(client);
      return undefined;
    }
    return f;
  }

  /** Milliseconds until `client` may try a password again; 0 when it may now. */
  retryAfter(client: string): number {
    const f = this.#get(client);
    return f ? Math.max(0, f.lockedUntil - this.#now()) : 0;
  }

  /** Records a failed attempt; returns how long `client` is now locked out (0: not yet). */
  failed(client: string): number {
    const now = this.#now();
    const f = this.#get(client) ?? { count: 0, last: now, lockedUntil: 0 };
    f.count += 1;
    f.last = now;
    const over = f.count - this.#free;
    const delay = over >= 0 ? Math.min(this.#max, this.#base * 2 ** Math.min(over, 40)) : 0;
    f.lockedUntil = now + delay;
    // Re-insert so the Map's order is least-recently-failed first; drop the oldest when full.
    this.#clients.delete(client);
    this.#clients.set(client, f);
    while (this.#clients.size > this.#maxClients)
      this.#clients.delete(this.#clients.keys().next().value as string);
    return delay;
  }

  /** Clears `client` after a correct password. */
  succeeded(client: string): void {
    this.#clients.delete(client);
  }
}

const expandIPv6 = (address: string): string[] | undefined => {
  const [head = "", tail, ...rest] = address.split("::");
  if (rest.length > 0) return undefined;
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return undefined;
  const groups = [...left, ...Array<string>(fill).fill("0"), ...right];
  return groups.length === 8
    ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ""))
    : undefined;
};

/**
 * The limiter key of a remote address (no port): one key per machine as far as the address
 * tells. Every IPv4 loopback address (`127.0.0.0/8`) is one client, an IPv4-mapped IPv6 address
 * is its IPv4 address, and an IPv6 address counts by its /64 prefix, so that a client cannot
 * reset its count by picking another source address of the same host or subnet.
 *
 * @example
 * ```ts
 * clientKey("::ffff:127.0.0.2"); // "127.0.0.0/8"
 * clientKey("2001:db8::1"); // "2001:db8:0:0::/64"
 * ```
 */
export function clientKey(address: string | undefined): string {
  if (!address) return "unknown";
  let a = address
    .trim()
    .replace(/^\[|\]$/g, "")
    .replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1]!;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) return a.startsWith("127.") ? "127.0.0.0/8" : a;
  const groups = a.includes(":") ? expandIPv6(a) : undefined;
  if (!groups) return a.toLowerCase();
  return groups.join(":") === "0:0:0:0:0:0:0:1"
    ? "127.0.0.0/8"
    : `${groups.slice(0, 4).join(":")}::/64`;
}

/**
 * Whether `text` is longer than `limit` bytes in UTF-8 (encodes only when the length alone does
 * not tell: each UTF-16 code unit is 1 to 3 bytes).
 *
 * @example
 * ```ts
 * utf8Exceeds("é", 1); // true
 * ```
 */
export function utf8Exceeds(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).length > limit;
}
