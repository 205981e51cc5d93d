/**
 * `RoomsDevice`: the emulated Meeting Rooms device. One Web-standard, deterministic dispatcher
 * that every transport (msw, the Node and Deno servers) mounts. This class is the facade: the
 * connections are in `DeviceConnections.ts`, the request loop and event pushing in
 * `DeviceDispatcher.ts` (the pure request logic in `dispatch.ts`), the log in `DeviceLog.ts`, the
 * bytes in `wire.ts`, the world's changes in `controls.ts`.
 *
 * @module
 */
import {
  admitHandshake,
  checkCredential,
  type RoomsAdmission,
  type RoomsAuth,
  selectProtocol,
} from "./auth.ts";
import type {
  RoomsConnectInfo,
  RoomsConnection,
  RoomsLogEntry,
  RoomsTransport,
} from "./connection.ts";
import * as controls from "./controls.ts";
import { DeviceConnections } from "./DeviceConnections.ts";
import { DeviceDispatcher } from "./DeviceDispatcher.ts";
import { DeviceLog } from "./DeviceLog.ts";
import { AuthLimiter } from "./limits.ts";
import type { ModuleDef } from "./module.ts";
import type { RoomsDeviceOptions } from "./RoomsDeviceOptions.ts";
import { ROOMS_MODULES } from "./roomsModules.ts";
import { DEFAULT_MEETING_CODE, initialRoomsState, type RoomsDeviceState } from "./state.ts";
import { createWorldControls, type RoomsWorldControls } from "./worldControls.ts";

export type { RoomsAdmission, RoomsAuth } from "./auth.ts";
export type {
  RoomsConnectInfo,
  RoomsConnection,
  RoomsLogEntry,
  RoomsTransport,
} from "./connection.ts";

export type { RoomsDeviceOptions } from "./RoomsDeviceOptions.ts";
export { ROOMS_MODULES } from "./roomsModules.ts";

/**
 * The emulated Rooms device: state, one dispatcher for `Query`, `Call/<Module>`, `Subscribe` and
 * `Unsubscribe`, pushed `Event/<Module>` messages, and controls to change state while it runs.
 *
 * @example
 * ```ts
 * import { RoomsDevice } from "@yiqi/mock-host";
 * import { roomsLink } from "@yiqi/mock-host/msw";
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
  readonly #log: DeviceLog;
  readonly #conns: DeviceConnections;
  readonly #dispatcher: DeviceDispatcher;
  readonly #limiter: AuthLimiter | undefined;
  // Admissions this device made: a transport cannot forge one.
  readonly #admissions = new WeakSet<RoomsAdmission>();

  constructor(options: RoomsDeviceOptions = {}) {
    this.#state = initialRoomsState(options);
    this.#now = options.now ?? Date.now;
    this.#limiter =
      options.authLimit === false ? undefined : new AuthLimiter(options.authLimit ?? {}, this.#now);
    const wire = options.wire ?? "device";
    const modules = new Map<string, ModuleDef>(ROOMS_MODULES.map((m) => [m.name, m]));
    this.#log = new DeviceLog(this.#now);
    this.#conns = new DeviceConnections({
      log: this.#log,
      wire,
      rateLimit: options.rateLimit ?? false,
      now: this.#now,
      receive: (conn, text) => this.#dispatcher.receive(conn, text),
    });
    this.#dispatcher = new DeviceDispatcher({
      ctx: { modules, state: this.#state, now: this.#now },
      conns: this.#conns,
      log: this.#log,
      wire,
      asyncDelayMs: options.asyncDelayMs ?? 0,
    });
    if (options.scene === "busy") controls.stageBusyWorld(this.#state, this.#seconds());
    this.world = createWorldControls(
      (change, cause) => this.#dispatcher.apply(change, cause),
      this.#now,
    );
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
    return this.#log.add(listener);
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
    return this.#conns.open(transport, admission, info.remote ?? "client");
  }

  /** Logs a handshake a server refused before the upgrade (kind `refused`). */
  logRefused(remote: string, reason: string): void {
    this.#log.write("refused", `${remote} refused: ${reason}`);
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
    const conn = this.#conns.open(
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

  // ---- controls: change state while the device runs (CLI, harness, tests) ----

  /** Applies any change to the state; differences are pushed as events and logged. */
  update(change: (state: RoomsDeviceState) => void, cause = "control"): void {
    this.#dispatcher.apply((s) => change(s), cause);
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
    this.#conns.closeAll(code, reason);
  }
}
