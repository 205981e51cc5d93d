/**
 * `DeviceDispatcher`: the stateful side of the Rooms device's dispatcher. It takes one frame of
 * a connection through decision 0202 (envelope, authentication, gates, then `dispatch.ts`),
 * answers it, and turns every change of the state (calls, their asynchronous rest, controls)
 * into pushed events and log entries.
 *
 * @module
 */
import type { RoomsId, RoomsResult } from "@yiqi/rooms-rpc";
import { refusal } from "./auth.ts";
import type { Conn, DeviceConnections } from "./DeviceConnections.ts";
import type { DeviceLog } from "./DeviceLog.ts";
import { describeValue } from "./describe.ts";
import {
  type DispatchContext,
  derivedEvents,
  eventKeys,
  type PendingEvent,
  runCall,
  runQuery,
  subscriptionKey,
} from "./dispatch.ts";
import { parseEnvelope } from "./envelope.ts";
import { fail } from "./results.ts";
import type { RoomsDeviceState } from "./state.ts";
import { errorFrame, type RoomsWire, responseFrame } from "./wire.ts";

/** What {@link DeviceDispatcher} works with. */
export interface DeviceDispatcherInfo {
  ctx: DispatchContext;
  conns: DeviceConnections;
  log: DeviceLog;
  wire: RoomsWire;
  /** Milliseconds before an asynchronous action finishes (0: in the same turn). */
  asyncDelayMs: number;
}

/**
 * Answers requests and pushes the events that changes cause.
 *
 * @example
 * ```ts
 * const dispatcher = new DeviceDispatcher({ ctx, conns, log, wire: "device", asyncDelayMs: 0 });
 * dispatcher.apply((s) => { s.loggedIn = false; }, "login off");
 * ```
 */
export class DeviceDispatcher {
  readonly #ctx: DispatchContext;
  readonly #state: RoomsDeviceState;
  readonly #conns: DeviceConnections;
  readonly #log: DeviceLog;
  readonly #wire: RoomsWire;
  readonly #asyncDelayMs: number;

  constructor(info: DeviceDispatcherInfo) {
    this.#ctx = info.ctx;
    this.#state = info.ctx.state;
    this.#conns = info.conns;
    this.#log = info.log;
    this.#wire = info.wire;
    this.#asyncDelayMs = info.asyncDelayMs;
  }

  /** Handles one text frame received on `conn`. */
  receive(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (this.#log.active) this.#log.write("request", text, conn.id);
    const envelope = parseEnvelope(text);
    if (!envelope.ok) {
      const { id, error } = envelope.error;
      this.#conns.send(conn, errorFrame(this.#wire, id, error.code, error.message));
      // Unauthenticated connections get one answer, whatever the frame (decision 0206).
      if (conn.auth !== "ok") this.#conns.close(conn, 1008, "authentication failed");
      return;
    }
    const { id, method, params } = envelope.request;
    const reply = (result: RoomsResult): void => {
      // A notification (no id) is executed but never answered (JSON-RPC 2.0 §4.1).
      if (id !== undefined) this.#reply(conn, id, method, result);
    };
    if (conn.auth !== "ok") {
      reply(refusal(conn.auth, conn.retryAfterMs));
      this.#conns.close(conn, 1008, "authentication failed");
      return;
    }
    if (method.startsWith("Call/")) {
      const gate = this.#gate(conn);
      if (gate) reply(gate);
      else this.#call(method, params, reply);
      return;
    }
    reply(this.#gate(conn) ?? this.#answer(conn, method, params));
  }

  /**
   * Applies a change to the state; the differences are pushed as events (after them, what the
   * change emitted) and logged with `cause`.
   */
  apply(
    change: (state: RoomsDeviceState, emit: (e: PendingEvent) => void) => void,
    cause: string,
  ): void {
    const before = this.#keys();
    const emitted: PendingEvent[] = [];
    change(this.#state, (e) => emitted.push(e));
    this.#flush(before, emitted, cause);
  }

  // Control API disabled (2), not logged in (3), too frequent (10): decision 0202's order.
  #gate(conn: Conn): RoomsResult | undefined {
    const state = this.#state;
    if (!state.apiEnabled) return fail(2, "the control API is disabled on this Rooms");
    if (!state.loggedIn) return fail(3, "the Rooms is not logged in");
    if (conn.rate && !conn.rate.admit())
      return fail(
        10,
        `request too frequent: this Rooms answers at most ${conn.rate.describe()} per connection`,
      );
    return undefined;
  }

  #answer(conn: Conn, method: string, params: Record<string, unknown>): RoomsResult {
    if (method === "Query") return runQuery(this.#ctx, params);
    if (method === "Subscribe" || method === "Unsubscribe")
      return this.#subscribe(conn, params, method === "Subscribe");
    return fail(
      4,
      `unknown method ${describeValue(method)}; use Query, Call/<Module>, Subscribe or Unsubscribe`,
    );
  }

  // The answer goes out first, then the events it caused, then (later) the asynchronous rest.
  #call(method: string, params: Record<string, unknown>, reply: (r: RoomsResult) => void): void {
    const before = this.#keys();
    const emitted: PendingEvent[] = [];
    const outcome = runCall(this.#ctx, method.slice(5), params, emitted);
    reply(outcome.result);
    const cause = `${method} ${describeValue(params.action, 40)}`;
    this.#flush(before, emitted, cause);
    const later = outcome.later;
    if (!later) return;
    this.#later(() => {
      const before2 = this.#keys();
      const events: PendingEvent[] = [];
      later(events);
      this.#flush(before2, events, `${cause} completed`);
    });
  }

  #later(run: () => void): void {
    if (this.#asyncDelayMs <= 0) run();
    else setTimeout(run, this.#asyncDelayMs);
  }

  #subscribe(conn: Conn, params: Record<string, unknown>, add: boolean): RoomsResult {
    const checked = subscriptionKey(this.#ctx, params);
    if ("failure" in checked) return checked.failure;
    this.#conns.subscribe(conn, checked.key, add);
    return { error_code: 0, message: "" };
  }

  #reply(conn: Conn, id: RoomsId, method: string, result: RoomsResult): void {
    this.#conns.send(conn, responseFrame(this.#wire, id, method, result));
  }

  // Events are derived only when someone listens: without subscribers or log listeners a call
  // costs no view computation.
  #keys(): (string | undefined)[] | undefined {
    if (this.#conns.subscribers === 0 && !this.#log.active) return undefined;
    return eventKeys(this.#ctx);
  }

  #flush(before: (string | undefined)[] | undefined, emitted: PendingEvent[], cause: string): void {
    const events = before ? [...derivedEvents(this.#ctx, before), ...emitted] : emitted;
    for (const e of events) this.#conns.push(e);
    if (
      events.length > 0 ||
      cause.startsWith("login") ||
      cause.startsWith("api") ||
      cause.startsWith("version")
    )
      this.#log.write("state", cause);
  }
}
