/**
 * `RoomsDevice`: the emulated Meeting Rooms device. One Web-standard, deterministic dispatcher
 * that every transport (msw, the Node and Deno servers) mounts. The request logic is in
 * `dispatch.ts`, the bytes in `wire.ts`, the world's changes in `controls.ts`.
 *
 * @module
 */
import type { RoomsId, RoomsResult } from "@yiqi/rooms-rpc";
import {
  admitHandshake,
  checkCredential,
  type RoomsAdmission,
  type RoomsAuth,
  refusal,
  selectProtocol,
} from "./auth.ts";
import type {
  RoomsConnectInfo,
  RoomsConnection,
  RoomsLogEntry,
  RoomsTransport,
} from "./connection.ts";
import * as controls from "./controls.ts";
import { describeValue } from "./describe.ts";
import { deviceModule } from "./deviceModule.ts";
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
import { inviteModule } from "./inviteModule.ts";
import { AuthLimiter, type RoomsAuthLimitOptions } from "./limits.ts";
import { meetingControlModule } from "./meetingControlModule.ts";
import { meetingModule } from "./meetingModule.ts";
import { abilityModule, membersModule } from "./membersModule.ts";
import type { ModuleDef } from "./module.ts";
import { RequestRateLimit, type RoomsRateLimitOptions } from "./rateLimit.ts";
import { fail, internalError } from "./results.ts";
import { shareModule } from "./shareModule.ts";
import {
  DEFAULT_MEETING_CODE,
  initialRoomsState,
  type RoomsDeviceState,
  type RoomsDeviceStateOptions,
} from "./state.ts";
import { errorFrame, eventFrame, type RoomsWire, responseFrame } from "./wire.ts";
import { createWorldControls, type RoomsWorldControls } from "./worldControls.ts";

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

export type { RoomsAdmission, RoomsAuth } from "./auth.ts";
export type {
  RoomsConnectInfo,
  RoomsConnection,
  RoomsLogEntry,
  RoomsTransport,
} from "./connection.ts";

/** The modules the device emulates, in the order of the reference. */
export const ROOMS_MODULES: readonly ModuleDef[] = [
  meetingModule,
  deviceModule,
  meetingControlModule,
  inviteModule,
  membersModule,
  shareModule,
  abilityModule,
];

interface Conn {
  id: number;
  auth: RoomsAuth;
  retryAfterMs: number;
  transport: RoomsTransport;
  subscriptions: Set<string>;
  open: boolean;
  /** A send failed: the transport is going away, so nothing more is sent to it. */
  failed: boolean;
  rate: RequestRateLimit | undefined;
}

/**
 * The emulated Rooms device: state, one dispatcher for `Query`, `Call/<Module>`, `Subscribe` and
 * `Unsubscribe`, pushed `Event/<Module>` messages, and controls to change state while it runs.
 *
 * @example
 * ```ts
 * import { RoomsDevice, roomsLink } from "@yiqi/mock-host";
 * import { setupServer } from "msw/node";
 *
 * const device = new RoomsDevice({ password: "123456", inMeeting: true });
 * const server = setupServer(roomsLink(device));
 * server.listen();
 * device.onLog((e) => console.log(e.kind, e.text));
 * ```
 */
export class RoomsDevice {
  readonly #state: RoomsDeviceState;
  readonly #now: () => number;
  readonly #modules = new Map<string, ModuleDef>(ROOMS_MODULES.map((m) => [m.name, m]));
  readonly #conns = new Map<number, Conn>();
  readonly #logListeners = new Set<(entry: RoomsLogEntry) => void>();
  readonly #limiter: AuthLimiter | undefined;
  // Admissions this device made: a transport cannot forge one.
  readonly #admissions = new WeakSet<RoomsAdmission>();
  readonly #wire: RoomsWire;
  readonly #rateLimit: RoomsRateLimitOptions | false;
  readonly #asyncDelayMs: number;
  readonly #ctx: DispatchContext;
  #nextConn = 1;
  #seq = 0;
  #subscribers = 0;

  constructor(options: RoomsDeviceOptions = {}) {
    this.#state = initialRoomsState(options);
    this.#now = options.now ?? Date.now;
    this.#limiter =
      options.authLimit === false ? undefined : new AuthLimiter(options.authLimit ?? {}, this.#now);
    this.#wire = options.wire ?? "device";
    this.#rateLimit = options.rateLimit ?? false;
    this.#asyncDelayMs = options.asyncDelayMs ?? 0;
    this.#ctx = { modules: this.#modules, state: this.#state, now: this.#now };
    if (options.scene === "busy") controls.stageBusyWorld(this.#state, this.#seconds());
    this.world = createWorldControls((change, cause) => this.#apply(change, cause), this.#now);
  }

  /**
   * Controls of the world around the device: the meeting's members, the waiting room, the
   * Rooms's role, the invitation, recording, the Rooms's devices.
   */
  readonly world: RoomsWorldControls;

  /** A snapshot of the state (a copy: change it through the control methods). */
  get state(): RoomsDeviceState {
    return structuredClone(this.#state);
  }

  /** The number of open connections. */
  get connectionCount(): number {
    return this.#conns.size;
  }

  /**
   * Subscribes to the device log (requests, responses, events, state changes, connections).
   * Returns a function that removes the listener.
   */
  onLog(listener: (entry: RoomsLogEntry) => void): () => void {
    this.#logListeners.add(listener);
    return () => {
      this.#logListeners.delete(listener);
    };
  }

  /**
   * The subprotocol to echo in the handshake: the first `auth-` one offered, else the first one.
   * Echoing it even when the password is wrong lets every client read the in-band error.
   */
  selectProtocol(protocols: RoomsConnectInfo["protocols"]): string | undefined {
    return selectProtocol(protocols);
  }

  /**
   * Checks the offered subprotocols against the current password, without counting the attempt:
   * exactly one `auth-` credential is considered (several → `multiple`).
   */
  authenticate(protocols: RoomsConnectInfo["protocols"]): Exclude<RoomsAuth, "locked"> {
    return checkCredential(protocols, this.#state.password);
  }

  /**
   * Decides a handshake before the upgrade: the subprotocol to echo and how it authenticates,
   * counting a failed attempt against the client (`info.address`) and refusing a locked-out
   * client (`locked`) without checking its password. Pass the result to {@link connect} as
   * `info.admission`; `connect` admits by itself otherwise.
   */
  admit(info: RoomsConnectInfo = {}): RoomsAdmission {
    const admission = admitHandshake(
      info.protocols,
      info.address,
      this.#state.password,
      this.#limiter,
    );
    this.#admissions.add(admission);
    return admission;
  }

  /**
   * Opens a connection for a transport. An unauthenticated connection has each request answered
   * in band (5 no `auth-` credential, 16 wrong password, 4 several credentials, 10 locked out
   * after failed attempts) and is then closed with 1008.
   */
  connect(transport: RoomsTransport, info: RoomsConnectInfo = {}): RoomsConnection {
    const given = info.admission;
    const admission = given && this.#admissions.has(given) ? given : this.admit(info);
    this.#admissions.delete(admission);
    return this.#open(transport, admission, info.remote ?? "client");
  }

  /** Logs a handshake a server refused before the upgrade (kind `refused`). */
  logRefused(remote: string, reason: string): void {
    this.#log("refused", `${remote} refused: ${reason}`);
  }

  /**
   * Handles one frame on a throwaway authenticated connection (no subscriptions) and returns
   * the reply text: handy for unit tests and request/response transports.
   *
   * @example
   * ```ts
   * device.handle('{"jsonrpc":"2.0","id":"1","method":"Query","params":{"path":["Share"]}}');
   * ```
   */
  handle(text: string): string {
    let reply = "";
    const conn = this.#open(
      {
        send: (t) => {
          reply = t;
        },
        close: () => {},
      },
      { auth: "ok", protocol: undefined, retryAfterMs: 0, client: "handle()" },
      "handle()",
    );
    conn.receive(text);
    conn.closed();
    return reply;
  }

  #open(transport: RoomsTransport, admission: RoomsAdmission, remote: string): RoomsConnection {
    const { auth } = admission;
    const conn: Conn = {
      id: this.#nextConn++,
      auth,
      retryAfterMs: admission.retryAfterMs,
      transport,
      subscriptions: new Set(),
      open: true,
      failed: false,
      rate: this.#rateLimit ? new RequestRateLimit(this.#rateLimit, this.#now) : undefined,
    };
    this.#conns.set(conn.id, conn);
    this.#log("open", `${remote} connected (auth ${auth})`, conn.id);
    return {
      id: conn.id,
      auth,
      receiveBinary: () => {
        this.#send(
          conn,
          errorFrame(
            this.#wire,
            null,
            -32600,
            "Invalid Request: binary frames are not supported; send each request as a text frame (UTF-8 JSON)",
          ),
        );
        if (conn.auth !== "ok") this.#close(conn, 1008, "authentication failed");
      },
      receive: (text) => {
        // One connection's bad frame must never escape into the server loop: the root causes
        // are fixed, and this is the last line. The peer gets -32603 and only it is closed.
        try {
          this.#receive(conn, text);
        } catch (e) {
          const err = internalError(e);
          this.#send(conn, errorFrame(this.#wire, null, err.error.code, err.error.message));
          this.#close(conn, 1011, "internal error");
        }
      },
      closed: () => {
        if (!conn.open) return;
        conn.open = false;
        if (conn.subscriptions.size > 0) this.#subscribers -= 1;
        this.#conns.delete(conn.id);
        this.#log("close", "connection closed", conn.id);
      },
    };
  }

  // ---- controls: change state while the device runs (CLI, harness, tests) ----

  /** Applies any change to the state; differences are pushed as events and logged. */
  update(change: (state: RoomsDeviceState) => void, cause = "control"): void {
    this.#apply((s) => change(s), cause);
  }

  #apply(
    change: (state: RoomsDeviceState, emit: (e: PendingEvent) => void) => void,
    cause: string,
  ): void {
    const before = this.#keys();
    const emitted: PendingEvent[] = [];
    change(this.#state, (e) => emitted.push(e));
    this.#flush(before, emitted, cause);
  }

  #seconds(): number {
    return Math.floor(this.#now() / 1000);
  }

  /** Logs the Rooms in or out (out: every request answers 3). */
  setLoggedIn(loggedIn: boolean): void {
    this.update(
      (s) => {
        s.loggedIn = loggedIn;
      },
      `login ${loggedIn ? "on" : "off"}`,
    );
  }

  /** Enables or disables the control API (disabled: every request answers 2). */
  setApiEnabled(enabled: boolean): void {
    this.update(
      (s) => {
        s.apiEnabled = enabled;
      },
      `api ${enabled ? "on" : "off"}`,
    );
  }

  /** Sets the emulated Rooms version (actions newer than it answer 9). */
  setVersion(version: string): void {
    this.update((s) => {
      s.version = version;
    }, `version ${version}`);
  }

  /** Sets the control API password (applies to new connections). */
  setPassword(password: string): void {
    this.update((s) => {
      s.password = password;
    }, "password changed");
  }

  /** Enters a meeting at once (no-op when in one): as an attendee, or as host with `host`. */
  enterMeeting(code: string = DEFAULT_MEETING_CODE, host = false): void {
    this.update((s) => controls.enterMeeting(s, this.#seconds(), code, host), `meeting on ${code}`);
  }

  /** Leaves the meeting; any share and quick cast end with it. */
  leaveMeeting(): void {
    this.update(controls.leaveMeeting, "meeting off");
  }

  /** Quick-cast (会前投屏) state: 1 preparing; 2 a laptop casts (a cast meeting); 0 stops. */
  setQuickCast(state: 0 | 1 | 2): void {
    this.update((s) => controls.setQuickCast(s, state, this.#seconds()), `cast ${state}`);
  }

  /** A participant (nickname or user id; added when unknown) shares, or stops (`undefined`). */
  setRemoteShare(who: string | undefined): void {
    this.update(
      (s) => controls.setRemoteShare(s, who),
      who === undefined ? "remote share off" : `remote share on ${who}`,
    );
  }

  /** Sets the cast code shown on the Rooms screen. */
  setCastCode(code: string): void {
    this.update((s) => {
      s.castCode = code;
    }, `cast code ${code}`);
  }

  /** Sets the capture devices. */
  setCaptureDevices(ids: string[]): void {
    this.update((s) => {
      s.captureDevices = [...ids];
    }, "capture devices changed");
  }

  /** Sets the shareable windows (index 0 is the desktop). */
  setWindows(windows: string[]): void {
    this.update((s) => {
      s.windows = [...windows];
    }, "windows changed");
  }

  /** Closes every connection (servers call this when they stop). */
  disconnectAll(code = 1001, reason = "device stopping"): void {
    for (const c of [...this.#conns.values()]) this.#close(c, code, reason);
  }

  // ---- dispatcher ----

  #receive(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (this.#logListeners.size > 0) this.#log("request", text, conn.id);
    const envelope = parseEnvelope(text);
    if (!envelope.ok) {
      const { id, error } = envelope.error;
      this.#send(conn, errorFrame(this.#wire, id, error.code, error.message));
      // Unauthenticated connections get one answer, whatever the frame (decision 0206).
      if (conn.auth !== "ok") this.#close(conn, 1008, "authentication failed");
      return;
    }
    const { id, method, params } = envelope.request;
    const reply = (result: RoomsResult): void => {
      // A notification (no id) is executed but never answered (JSON-RPC 2.0 §4.1).
      if (id !== undefined) this.#reply(conn, id, method, result);
    };
    if (conn.auth !== "ok") {
      reply(refusal(conn.auth, conn.retryAfterMs));
      this.#close(conn, 1008, "authentication failed");
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
    const had = conn.subscriptions.size > 0;
    if (add) conn.subscriptions.add(checked.key);
    else conn.subscriptions.delete(checked.key);
    const has = conn.subscriptions.size > 0;
    this.#subscribers += (has ? 1 : 0) - (had ? 1 : 0);
    return { error_code: 0, message: "" };
  }

  #reply(conn: Conn, id: RoomsId, method: string, result: RoomsResult): void {
    this.#send(conn, responseFrame(this.#wire, id, method, result));
  }

  #send(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (this.#logListeners.size > 0) this.#log("response", text, conn.id);
    this.#transmit(conn, text);
  }

  // A transport that throws (a socket closing under us) loses only its own connection.
  #transmit(conn: Conn, text: string): void {
    if (conn.failed) return;
    try {
      conn.transport.send(text);
    } catch {
      conn.failed = true;
      this.#close(conn, 1011, "send failed");
    }
  }

  #close(conn: Conn, code: number, reason: string): void {
    try {
      conn.transport.close(code, reason);
    } catch {
      // Already closed or closing: nothing more to do for this connection.
    }
  }

  // Events are derived only when someone listens: without subscribers or log listeners a call
  // costs no view computation.
  #keys(): (string | undefined)[] | undefined {
    if (this.#subscribers === 0 && this.#logListeners.size === 0) return undefined;
    return eventKeys(this.#ctx);
  }

  #flush(before: (string | undefined)[] | undefined, emitted: PendingEvent[], cause: string): void {
    const events = before ? [...derivedEvents(this.#ctx, before), ...emitted] : emitted;
    for (const e of events) {
      const text = eventFrame(this.#wire, e.module, e.subEvent, e.payload);
      for (const conn of this.#conns.values()) {
        if (!conn.open || conn.auth !== "ok") continue;
        const subs = conn.subscriptions;
        if (!(subs.has("") || subs.has(e.module) || subs.has(`${e.module}/${e.subEvent}`)))
          continue;
        if (this.#logListeners.size > 0) this.#log("event", text, conn.id);
        this.#transmit(conn, text);
      }
    }
    if (
      events.length > 0 ||
      cause.startsWith("login") ||
      cause.startsWith("api") ||
      cause.startsWith("version")
    )
      this.#log("state", cause);
  }

  #log(kind: RoomsLogEntry["kind"], text: string, connection?: number): void {
    if (this.#logListeners.size === 0) return;
    const entry: RoomsLogEntry = {
      seq: ++this.#seq,
      at: this.#now(),
      kind,
      text,
      ...(connection !== undefined ? { connection } : {}),
    };
    for (const l of this.#logListeners) {
      try {
        l(entry);
      } catch {
        // A failing listener (a closed terminal) must not take a connection down with it.
      }
    }
  }
}
