/**
 * `RoomsClient`: the typed Rooms control API client over a WebSocket.
 *
 * The connection state machine lives in `RoomsConnection.ts`, the calls in flight in
 * `PendingCalls.ts`, subscriptions and event dispatch in `RoomsEvents.ts`.
 *
 * @module
 */
import { createDeviceApi, type DeviceApi } from "./device.ts";
import { createInviteApi, type InviteApi } from "./invite.ts";
import { createMeetingApi, type MeetingApi } from "./meeting.ts";
import { createMeetingControlApi, type MeetingControlApi } from "./meetingControl.ts";
import { type AbilityApi, createAbilityApi, createMembersApi, type MembersApi } from "./members.ts";
import { actionSince } from "./modules.ts";
import { PendingCalls, type RoomsAnswer } from "./PendingCalls.ts";
import type { ConnectionStatus, RoomsClientOptions } from "./RoomsClientOptions.ts";
import { RoomsConnection } from "./RoomsConnection.ts";
import { deviceError, RoomsError } from "./RoomsError.ts";
import { type RoomsEventListener, RoomsEvents } from "./RoomsEvents.ts";
import { type CallOptions, createShareApi, type RoomsCaller, type ShareApi } from "./share.ts";
import type { RoomsEventParams, RoomsId, RoomsResult } from "./types.ts";
import { isVersionAtLeast } from "./version.ts";

export type {
  ConnectionStatus,
  ReconnectOptions,
  RoomsClientOptions,
  WebSocketConstructorLike,
  WebSocketLike,
} from "./RoomsClientOptions.ts";
export type { RoomsEventFor, RoomsEventListener, RoomsEventMap } from "./RoomsEvents.ts";
export { actionSince };

const randomPrefix = (): string => {
  const bytes = new Uint8Array(4);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

/**
 * A typed client for the Rooms control API (docs/reference/rooms.md): JSON-RPC 2.0 over one
 * WebSocket, with timeouts, `AbortSignal`, in-band error decoding, subscriptions and optional
 * reconnect. The socket opens on the first call (or {@link RoomsClient.connect}).
 *
 * Every failure rejects with a {@link RoomsError} whose `code` says what happened: `DEVICE`
 * (non-zero `error_code`, decoded in `errorName`), `TIMEOUT`, `ABORTED`, `CLOSED`,
 * `CONNECT_FAILED`, `NO_WEBSOCKET`, `UNSUPPORTED_VERSION`, `INVALID_ARGUMENT` or `JSON_RPC`.
 *
 * @example
 * ```ts
 * import { RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * await client.meeting.join({ meeting_code: "123456789" });
 * await client.share.startShare({ share_type: 0, fluency_first: true });
 * const { share } = await client.share.query();
 * console.log(share.share_info.is_sharing); // true
 * await client.close();
 * ```
 */
export class RoomsClient implements RoomsCaller {
  /** Typed Share module helpers (desktop, window and capture-device share, quick share); see {@link createShareApi}. */
  readonly share: ShareApi;
  /** Typed Meeting helpers (start, join, leave, dissolve); see {@link createMeetingApi}. */
  readonly meeting: MeetingApi;
  /** Typed Device helpers (camera, mic, speaker); see {@link createDeviceApi}. */
  readonly device: DeviceApi;
  /** Typed MeetingControl helpers (recording, mute, members); see {@link createMeetingControlApi}. */
  readonly meetingControl: MeetingControlApi;
  /** Typed Members helpers (the participant list); see {@link createMembersApi}. */
  readonly members: MembersApi;
  /** Typed Invite helpers (PSTN dial-out, invitations); see {@link createInviteApi}. */
  readonly invite: InviteApi;
  /** Typed Ability helpers (what the account may do); see {@link createAbilityApi}. */
  readonly ability: AbilityApi;
  readonly #opts: RoomsClientOptions;
  readonly #timeoutMs: number;
  readonly #calls = new PendingCalls();
  readonly #events = new RoomsEvents();
  readonly #conn: RoomsConnection;
  readonly #prefix = `${randomPrefix()}-`;
  #seq = 0;

  /**
   * Creates the client; nothing is opened or sent until the first call (or `connect()`), so the
   * constructor does not throw for a wrong URL or password: the first call rejects instead.
   *
   * @param options The endpoint and password, and optionally timeouts, reconnect and the
   *   device's Rooms version; see {@link RoomsClientOptions}.
   */
  constructor(options: RoomsClientOptions) {
    this.#opts = options;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#conn = new RoomsConnection(options, {
      message: (data) => this.#onMessage(data),
      failCalls: (sentOnly, why, closeCode) => this.#calls.rejectAll(sentOnly, why, closeCode),
      reopened: () => {
        for (const path of this.#events.subscriptions)
          this.request("Subscribe", { path: [...path] }).catch(() => {});
      },
    });
    this.share = createShareApi(this);
    this.meeting = createMeetingApi(this);
    this.device = createDeviceApi(this);
    this.meetingControl = createMeetingControlApi(this);
    this.members = createMembersApi(this);
    this.invite = createInviteApi(this);
    this.ability = createAbilityApi(this);
  }

  /** The connection status now; {@link RoomsClient.onStatus} reports its changes. */
  get status(): ConnectionStatus {
    return this.#conn.status;
  }

  /** The number of calls waiting for an answer (sent, or waiting for the socket to open). */
  get inFlight(): number {
    return this.#calls.size;
  }

  /**
   * Opens the socket (calls do this on demand), or waits for the opening or reconnect under way;
   * resolves at once when it is open. Rejects with `CONNECT_FAILED` (refused, wrong host or port,
   * or not open within `connectTimeoutMs`), `NO_WEBSOCKET` (no WebSocket implementation) or
   * `CLOSED` (after `close()`).
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * await client.connect();
   * console.log(client.status); // "open"
   * ```
   */
  connect(): Promise<void> {
    return this.#conn.connect();
  }

  /**
   * Sends one request and resolves to its in-band result whatever its `error_code`; rejects
   * only for transport failures: `TIMEOUT` (no answer within `timeoutMs`, connecting included),
   * `ABORTED`, `CLOSED`, `CONNECT_FAILED`, `NO_WEBSOCKET`, `INVALID_ARGUMENT` (an id already in
   * flight) and `JSON_RPC` (the device answered with a JSON-RPC `error`). Does not check the
   * Rooms version.
   *
   * @param method `Query`, `Call/<Module>`, `Subscribe` or `Unsubscribe`.
   * @param params The request's `params`, sent as given.
   * @param options Per-call timeout, abort signal and id.
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * const result = await client.request("Query", { path: ["Share"] });
   * if (result.error_code !== 0) console.log(result.message);
   * ```
   */
  request<D = unknown>(
    method: string,
    params: Record<string, unknown>,
    options: CallOptions = {},
  ): Promise<RoomsResult<D>> {
    return new Promise<RoomsResult<D>>((resolve, reject) => {
      const action = typeof params.action === "string" ? params.action : undefined;
      const id = options.id ?? this.#nextId();
      const key = String(id);
      const where = { method, id, ...(action !== undefined ? { action } : {}) };
      if (this.#conn.closedByUser) {
        reject(
          new RoomsError("CLOSED", `${method}: the client was closed; create a new one`, where),
        );
        return;
      }
      const entry = this.#calls.add(
        key,
        where,
        options,
        this.#timeoutMs,
        resolve as (result: RoomsResult) => void,
        reject,
      );
      if (!entry) return;
      const text = JSON.stringify({ jsonrpc: "2.0", id, method, params });
      const send = (): void => {
        if (!this.#calls.isPending(key, entry)) return;
        const ws = this.#conn.openSocket;
        if (!ws) {
          this.#conn.connect().then(send, (error: RoomsError) => entry.reject(error));
          return;
        }
        entry.sent = true;
        ws.send(text);
      };
      send();
    });
  }

  /**
   * `Query`: resolves to the answer's `data`; rejects with a `DEVICE` `RoomsError` on a non-zero
   * `error_code` (6 `QUERY_PATH_ERROR` for an unknown path), and as {@link RoomsClient.request}
   * does for transport failures.
   *
   * @param path The module and optional sub-node, e.g. `["Share"]` or `["Share", "CastCode"]`
   *   (every known path: {@link ROOMS_QUERY_PATHS}).
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * const { cast_code } = await client.query<{ cast_code: string }>(["Share", "CastCode"]);
   * ```
   */
  async query<D = unknown>(path: readonly string[], options?: CallOptions): Promise<D> {
    const result = await this.request<D>("Query", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Query", undefined, options?.id);
    return result.data as D;
  }

  /**
   * `Call/<module>` with `action` and `action_params`: resolves to the result on success
   * (`error_code` 0). Rejects with a `DEVICE` `RoomsError` on a non-zero `error_code`, with
   * `UNSUPPORTED_VERSION` before sending when {@link RoomsClientOptions.roomsVersion} is older
   * than the action (see {@link actionSince}), and as {@link RoomsClient.request} does for
   * transport failures. Actions that finish later answer at once; their outcome arrives as an
   * `Event/<module>` push (see {@link RoomsClient.on}).
   *
   * @param module The module, e.g. `"Share"`.
   * @param action The action, e.g. `"StopShare"`.
   * @param params The `action_params`; omitted from the request when `undefined`.
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * await client.call("Share", "StopShare");
   * await client.call("Device", "SetSpeakerVolume", { volume: 60 }, { timeoutMs: 2_000 });
   * ```
   */
  async call<D = unknown>(
    module: string,
    action: string,
    params?: object,
    options?: CallOptions,
  ): Promise<RoomsResult<D>> {
    const method = `Call/${module}`;
    const since = actionSince(module, action);
    const version = this.#opts.roomsVersion;
    if (since !== undefined && version !== undefined && !isVersionAtLeast(version, since))
      throw new RoomsError(
        "UNSUPPORTED_VERSION",
        `${method} ${action} needs Rooms ${since}; this device runs ${version}`,
        { method, action, since },
      );
    const body: Record<string, unknown> = { action };
    if (params !== undefined) body.action_params = params;
    const result = await this.request<D>(method, body, options);
    if (result.error_code !== 0) throw deviceError(result, method, action, options?.id);
    return result;
  }

  /**
   * Subscribes this connection to pushed events under `path` (`[]` = everything, `["Share"]`,
   * `["Share", "ShareInfoChanged"]`). Re-sent after a reconnect. The subscribe message format is
   * an emulator decision (the real one is undocumented; docs/reference/rooms.md#events).
   * Rejects with a `DEVICE` `RoomsError` on a non-zero `error_code` (7 `SUBSCRIBE_PATH_ERROR`),
   * and as {@link RoomsClient.request} does for transport failures.
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * await client.subscribe(["Meeting"]);
   * client.on("Meeting", (e) => console.log(e.sub_event));
   * ```
   */
  async subscribe(path: readonly string[] = [], options?: CallOptions): Promise<void> {
    const result = await this.request("Subscribe", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Subscribe", undefined, options?.id);
    this.#events.subscribed(path);
  }

  /**
   * Undoes {@link RoomsClient.subscribe} for the same `path` (no longer re-sent after a
   * reconnect). Rejects as {@link RoomsClient.subscribe} does.
   */
  async unsubscribe(path: readonly string[] = [], options?: CallOptions): Promise<void> {
    this.#events.unsubscribed(path);
    const result = await this.request("Unsubscribe", { path: [...path] }, options);
    if (result.error_code !== 0) throw deviceError(result, "Unsubscribe", undefined, options?.id);
  }

  /**
   * Listens to `Event/<module>` pushes (after {@link RoomsClient.subscribe}); `"*"` for all,
   * with the module name as the second argument. The event is typed for the modules of
   * {@link RoomsEventMap}. Returns a function that removes the listener. A listener that throws
   * does not stop the others; its error is rethrown in a microtask.
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * const off = client.on("Share", (e) => {
   *   if (e.sub_event === "ShareInfoChanged") console.log(e.share_info.is_sharing);
   * });
   * off();
   * ```
   */
  on<M extends string>(module: M, listener: RoomsEventListener<M>): () => void {
    return this.#events.on(module, listener);
  }

  /**
   * Listens to connection status changes (see {@link ConnectionStatus}); returns a function that
   * removes the listener.
   *
   * @example
   * ```ts
   * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
   * const off = client.onStatus((status) => console.log("rooms:", status));
   * ```
   */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    return this.#conn.onStatus(listener);
  }

  /**
   * Closes the socket for good: in-flight calls reject with `CLOSED`, no reconnect, and later
   * calls reject with `CLOSED` too (create a new client). Resolves once the socket has closed,
   * or after 1 s at most; never rejects.
   */
  close(): Promise<void> {
    return this.#conn.close();
  }

  #nextId(): RoomsId {
    return this.#opts.nextId ? this.#opts.nextId() : this.#prefix + ++this.#seq;
  }

  /** Routes a socket message: an answer to its call, an `Event/<module>` push to listeners. */
  #onMessage(data: unknown): void {
    if (typeof data !== "string") return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== "object" || msg === null) return;
    const m = msg as Partial<RoomsAnswer> & {
      id?: RoomsId | null;
      method?: unknown;
      params?: RoomsEventParams;
    };
    if (m.id !== undefined && m.id !== null) {
      this.#calls.answer(m as RoomsAnswer);
      return;
    }
    if (typeof m.method === "string" && m.method.startsWith("Event/") && m.params)
      this.#events.dispatch(m.method.slice(6), m.params);
  }
}
