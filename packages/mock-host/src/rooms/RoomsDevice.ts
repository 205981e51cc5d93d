/**
 * `RoomsDevice`: the emulated Meeting Rooms device. One Web-standard, deterministic dispatcher
 * that every transport (msw, the Node and Deno servers) mounts.
 *
 * @module
 */
import {
  isVersionAtLeast,
  type MeetingInfo,
  type RoomsEventMessage,
  type RoomsEventParams,
  type RoomsId,
  type RoomsResult,
} from "@yiqi/rooms-rpc";
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
import { describeValue } from "./describe.ts";
import { parseEnvelope } from "./envelope.ts";
import { AuthLimiter, type RoomsAuthLimitOptions } from "./limits.ts";
import { meetingModule } from "./meetingModule.ts";
import type { HandlerInfo, ModuleDef } from "./module.ts";
import { checkParams } from "./params.ts";
import { fail, internalError, toResult, withAction } from "./results.ts";
import { shareModule } from "./shareModule.ts";
import {
  DEFAULT_MEETING_CODE,
  initialRoomsState,
  meetingInfoFor,
  type RoomsDeviceState,
  type RoomsDeviceStateOptions,
  shareInfoOf,
  shareUserFor,
} from "./state.ts";

/** Options of {@link RoomsDevice}. */
export interface RoomsDeviceOptions extends RoomsDeviceStateOptions {
  /** The clock for log timestamps (default `Date.now`); inject one for reproducible traces. */
  now?: () => number;
  /**
   * Failed-password limiting per client (remote address): lockouts with exponential backoff
   * (see {@link AuthLimiter}); `false` turns it off. Uses `now` as its clock.
   */
  authLimit?: RoomsAuthLimitOptions | false;
}

export type { RoomsAdmission, RoomsAuth } from "./auth.ts";
export type {
  RoomsConnectInfo,
  RoomsConnection,
  RoomsLogEntry,
  RoomsTransport,
} from "./connection.ts";

/** The modules the device emulates. */
export const ROOMS_MODULES: readonly ModuleDef[] = [shareModule, meetingModule];

interface Conn {
  id: number;
  auth: RoomsAuth;
  retryAfterMs: number;
  transport: RoomsTransport;
  subscriptions: Set<string>;
  open: boolean;
}

type Views = [string, string, string, string];

const EVENT_SOURCES = [
  ["Share", "ShareInfoChanged"],
  ["Share", "ShareGuideChanged"],
  ["Share", "CastCodeChanged"],
  ["Meeting", "MeetingStateChanged"],
] as const;

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
  #nextConn = 1;
  #seq = 0;
  #subscribers = 0;

  constructor(options: RoomsDeviceOptions = {}) {
    this.#state = initialRoomsState(options);
    this.#now = options.now ?? Date.now;
    this.#limiter =
      options.authLimit === false ? undefined : new AuthLimiter(options.authLimit ?? {}, this.#now);
  }

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
    };
    this.#conns.set(conn.id, conn);
    this.#log("open", `${remote} connected (auth ${auth})`, conn.id);
    return {
      id: conn.id,
      auth,
      receive: (text) => {
        // One connection's bad frame must never escape into the server loop: the root causes
        // are fixed, and this is the last line. The peer gets -32603 and only it is closed.
        try {
          this.#receive(conn, text);
        } catch (e) {
          this.#send(conn, JSON.stringify(internalError(e)));
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
    const before = this.#views();
    change(this.#state);
    this.#flush(before, cause);
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

  /** Enters a meeting (no-op when already in one). */
  enterMeeting(code: string = DEFAULT_MEETING_CODE): void {
    this.update((s) => {
      if (!s.meeting) s.meeting = meetingInfoFor(code);
    }, `meeting on ${code}`);
  }

  /** Leaves the meeting; any share and quick cast end with it. */
  leaveMeeting(): void {
    this.update((s) => {
      s.meeting = undefined;
      s.share = undefined;
      s.quickCastingState = 0;
    }, "meeting off");
  }

  /**
   * Sets the quick-cast (会前投屏) state: 1 preparing; 2 a laptop casts (entering a cast
   * meeting when not in one); 0 stops it.
   */
  setQuickCast(state: 0 | 1 | 2): void {
    this.update((s) => {
      s.quickCastingState = state;
      if (state === 2) {
        if (!s.meeting) s.meeting = meetingInfoFor(s.castCode, "castMeeting");
        s.share = {
          sharer: "quickcast",
          shareType: 0,
          shareVoice: true,
          fluencyFirst: false,
          selectIndex: 0,
          user: shareUserFor("quickcast"),
        };
      } else if (s.share?.sharer === "quickcast") {
        s.share = undefined;
        if (state === 0 && s.meeting?.meeting_type === "castMeeting") s.meeting = undefined;
      }
    }, `cast ${state}`);
  }

  /** Another participant starts sharing (`nickname`) or stops (`undefined`); needs a meeting. */
  setRemoteShare(nickname: string | undefined): void {
    this.update(
      (s) => {
        if (nickname === undefined) {
          if (s.share?.sharer === "remote") s.share = undefined;
          return;
        }
        if (!s.meeting) return;
        s.share = {
          sharer: "remote",
          shareType: 0,
          shareVoice: false,
          fluencyFirst: false,
          selectIndex: 0,
          user: shareUserFor("remote", nickname),
        };
      },
      nickname === undefined ? "remote share off" : `remote share on ${nickname}`,
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
      this.#send(conn, JSON.stringify(envelope.error));
      // Unauthenticated connections get one answer, whatever the frame (decision 0206).
      if (conn.auth !== "ok") this.#close(conn, 1008, "authentication failed");
      return;
    }
    const { id, method, params } = envelope.request;
    if (conn.auth !== "ok") {
      this.#reply(conn, id, method, refusal(conn.auth, conn.retryAfterMs));
      this.#close(conn, 1008, "authentication failed");
      return;
    }
    const state = this.#state;
    if (!state.apiEnabled) {
      this.#reply(conn, id, method, fail(2, "the control API is disabled on this Rooms"));
      return;
    }
    if (!state.loggedIn) {
      this.#reply(conn, id, method, fail(3, "the Rooms is not logged in"));
      return;
    }
    if (method === "Query") {
      this.#reply(conn, id, method, this.#query(params));
      return;
    }
    if (method === "Subscribe" || method === "Unsubscribe") {
      this.#reply(conn, id, method, this.#subscribe(conn, params, method === "Subscribe"));
      return;
    }
    if (method.startsWith("Call/")) {
      const before = this.#views();
      const result = this.#call(method.slice(5), params);
      this.#reply(conn, id, method, result);
      this.#flush(before, `${method} ${describeValue(params.action, 40)}`);
      return;
    }
    this.#reply(
      conn,
      id,
      method,
      fail(
        4,
        `unknown method ${describeValue(method)}; use Query, Call/<Module>, Subscribe or Unsubscribe`,
      ),
    );
  }

  #info(params: Record<string, unknown>): HandlerInfo {
    return { params, state: this.#state };
  }

  #query(params: Record<string, unknown>): RoomsResult {
    const path = params.path;
    if (!Array.isArray(path) || !path.every((p) => typeof p === "string"))
      return fail(8, 'params.path must be an array of strings, e.g. ["Share"]');
    const [name, ...rest] = path as string[];
    const module = name === undefined ? undefined : this.#modules.get(name);
    if (!module)
      return fail(
        6,
        `unknown query path ${describeValue(path)}; modules: ${[...this.#modules.keys()].join(", ")}`,
      );
    if (!isVersionAtLeast(this.#state.version, module.querySince))
      return fail(
        6,
        `Query ${name} needs Rooms ${module.querySince}; this device runs ${this.#state.version}`,
      );
    const outcome = module.query(rest, this.#info({}));
    return outcome ? toResult(outcome) : fail(6, `unknown query path ${describeValue(path)}`);
  }

  #call(moduleName: string, params: Record<string, unknown>): RoomsResult {
    const action = params.action;
    const module = this.#modules.get(moduleName);
    if (!module)
      return withAction(
        fail(
          6,
          `unknown module ${describeValue(moduleName)}; modules: ${[...this.#modules.keys()].join(", ")}`,
        ),
        action,
      );
    if (typeof action !== "string" || action.length === 0)
      return withAction(fail(8, "params.action must be a non-empty string"), action);
    const def = Object.hasOwn(module.actions, action) ? module.actions[action] : undefined;
    if (!def)
      return withAction(
        fail(
          9,
          `unsupported action ${describeValue(action)} in module ${moduleName}; actions: ${Object.keys(module.actions).join(", ")}`,
        ),
        action,
      );
    if (!isVersionAtLeast(this.#state.version, def.since))
      return withAction(
        fail(
          9,
          `unsupported action: ${action} needs Rooms ${def.since}; this device runs ${this.#state.version}`,
        ),
        action,
      );
    const raw = params.action_params;
    if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw)))
      return withAction(fail(8, "params.action_params must be an object"), action);
    const actionParams: Record<string, unknown> = def.topLevelParams
      ? { ...params, ...(raw as Record<string, unknown> | undefined) }
      : { ...(raw as Record<string, unknown> | undefined) };
    if (def.params) {
      const bad = checkParams(actionParams, def.params);
      if (bad) return withAction(fail(8, `parameter error: ${bad}`), action);
    }
    for (const pre of def.requires ?? []) {
      if (pre === "inMeeting" && !this.#state.meeting)
        return withAction(
          fail(10000, `precondition failed: ${action} needs the Rooms to be in a meeting`),
          action,
        );
      if (pre === "sharing" && !this.#state.share)
        return withAction(
          fail(1, `precondition failed: ${action} needs the Rooms to be sharing`),
          action,
        );
    }
    return withAction(toResult(def.handle(this.#info(actionParams))), action);
  }

  #subscribe(conn: Conn, params: Record<string, unknown>, add: boolean): RoomsResult {
    const path = params.path;
    if (!Array.isArray(path) || !path.every((p) => typeof p === "string"))
      return fail(
        7,
        'params.path must be an array of strings: [] for everything, ["Share"], ["Share", "<sub_event>"]',
      );
    const [name, sub, ...extra] = path as string[];
    const module = name === undefined ? undefined : this.#modules.get(name);
    if (name !== undefined && !module)
      return fail(
        7,
        `unknown module ${describeValue(name)}; modules: ${[...this.#modules.keys()].join(", ")}`,
      );
    if (sub !== undefined && module && !module.subEvents.includes(sub))
      return fail(
        7,
        `unknown sub_event ${describeValue(sub)}; ${name} events: ${module.subEvents.join(", ")}`,
      );
    if (extra.length > 0) return fail(7, "a subscribe path has at most two elements");
    const key = path.join("/");
    const had = conn.subscriptions.size > 0;
    if (add) conn.subscriptions.add(key);
    else conn.subscriptions.delete(key);
    const has = conn.subscriptions.size > 0;
    this.#subscribers += (has ? 1 : 0) - (had ? 1 : 0);
    return { error_code: 0, message: "" };
  }

  #reply(conn: Conn, id: RoomsId, method: string, result: RoomsResult): void {
    this.#send(conn, JSON.stringify({ jsonrpc: "2.0", id, method, result }));
  }

  #send(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (this.#logListeners.size > 0) this.#log("response", text, conn.id);
    this.#transmit(conn, text);
  }

  // A transport that throws (a socket closing under us) loses only its own connection.
  #transmit(conn: Conn, text: string): void {
    try {
      conn.transport.send(text);
    } catch {
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

  #views(): Views | undefined {
    if (this.#subscribers === 0 && this.#logListeners.size === 0) return undefined;
    const s = this.#state;
    const meeting: { is_in_meeting: boolean; meeting_info?: MeetingInfo } = s.meeting
      ? { is_in_meeting: true, meeting_info: s.meeting }
      : { is_in_meeting: false };
    return [
      JSON.stringify({ share_info: shareInfoOf(s) }),
      JSON.stringify({ is_open: s.shareGuideOpen }),
      JSON.stringify({ cast_code: s.castCode }),
      JSON.stringify(meeting),
    ];
  }

  #flush(before: Views | undefined, cause: string): void {
    if (!before) return;
    const after = this.#views();
    if (!after) return;
    let changed = false;
    for (let i = 0; i < EVENT_SOURCES.length; i++) {
      if (before[i] === after[i]) continue;
      changed = true;
      const [module, sub] = EVENT_SOURCES[i]!;
      const params = { sub_event: sub, ...JSON.parse(after[i]!) } as RoomsEventParams;
      const message: RoomsEventMessage = { jsonrpc: "2.0", method: `Event/${module}`, params };
      const text = JSON.stringify(message);
      for (const conn of this.#conns.values()) {
        if (!conn.open || conn.auth !== "ok") continue;
        const subs = conn.subscriptions;
        if (!(subs.has("") || subs.has(module) || subs.has(`${module}/${sub}`))) continue;
        if (this.#logListeners.size > 0) this.#log("event", text, conn.id);
        this.#transmit(conn, text);
      }
    }
    if (
      changed ||
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
