/**
 * `RoomsDeviceOptions`: how a `RoomsDevice` starts (its state, clock, limits, wire, timing).
 *
 * @module
 */
import type { AuthLimiter, RoomsAuthLimitOptions } from "./limits.ts";
import type { RoomsRateLimitOptions } from "./rateLimit.ts";
import type { RoomsDeviceStateOptions } from "./state.ts";
import type { RoomsWire } from "./wire.ts";

/** Options of {@link RoomsDevice}. */
export interface RoomsDeviceOptions extends RoomsDeviceStateOptions {
  /** The clock (default `Date.now`); inject one for reproducible traces and meeting times. */
  now?: () => number;
  /**
   * Failed-password limiting per client (remote address): lockouts with exponential backoff
   * (see {@link AuthLimiter}); `false` turns it off. Uses `now` as its clock.
   */
  authLimit?: RoomsAuthLimitOptions | false;
  /** How frames are printed: `device` (default, Tencent's bytes) or `compact` (decision 0207). */
  wire?: RoomsWire;
  /** Requests per connection before answering 10 "too frequent" (default `false`: no limit). */
  rateLimit?: RoomsRateLimitOptions | false;
  /**
   * Milliseconds before an asynchronous action finishes (joining a meeting, device switches);
   * default 0: right after the answer, in the same turn.
   */
  asyncDelayMs?: number;
  /** `busy`: start in a meeting with a remote sharer, a recording and an invitation. */
  scene?: "idle" | "busy";
}
