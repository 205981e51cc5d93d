/**
 * Wire types of the Rooms control API (docs/reference/rooms.md#wire-format): JSON-RPC 2.0
 * envelopes, in-band results, the Share module's data and the emulator's event format.
 *
 * @module
 */

/** A request id: chosen by the caller, unique among its requests in flight. */
export type RoomsId = string | number;

/** The method families of the control API. `Subscribe`/`Unsubscribe` are an emulator decision. */
export type RoomsMethod = "Query" | `Call/${string}` | "Subscribe" | "Unsubscribe";

/**
 * One request frame, as `RoomsClient.request` sends it.
 *
 * @example
 * ```ts
 * import type { RoomsRequest } from "@yiqi/rooms-rpc";
 *
 * const frame: RoomsRequest = {
 *   jsonrpc: "2.0",
 *   id: "req-1",
 *   method: "Call/Share",
 *   params: { action: "StopShare" },
 * };
 * ```
 */
export interface RoomsRequest {
  /** Always `"2.0"`. */
  jsonrpc: "2.0";
  /** The caller's id; the answer echoes it. */
  id: RoomsId;
  /** `Query`, `Call/<Module>`, `Subscribe` or `Unsubscribe`. */
  method: RoomsMethod;
  /**
   * `{ path }` for `Query`, `Subscribe` and `Unsubscribe`; `{ action, action_params? }` for
   * `Call/<Module>`.
   */
  params: Record<string, unknown>;
}

/** The in-band result of any request; `error_code` 0 is success. */
export interface RoomsResult<D = unknown> {
  /**
   * 0 on success, else a device error code (name and meaning: {@link describeErrorCode}).
   * `query`, `call` and the module helpers reject with a `DEVICE` `RoomsError` when it is not 0.
   */
  error_code: number;
  /** The device's message: `""` on success, otherwise what went wrong. */
  message: string;
  /** Present on `Call/<Module>` answers. */
  action?: string;
  /** The answer's payload: the queried data, or an action's result (e.g. `ListMemberIds`). */
  data?: D;
}

/** A response frame: echoes `id` and `method`. */
export interface RoomsResponse<D = unknown> {
  /** Always `"2.0"`. */
  jsonrpc: "2.0";
  /** The id of the request answered. */
  id: RoomsId;
  /** The method of the request answered, e.g. `Call/Share`. */
  method: string;
  /** The in-band result, errors included. */
  result: RoomsResult<D>;
}

/** A JSON-RPC `error` answer, sent only for input that is not JSON-RPC at all (-32700 / -32600). */
export interface RoomsJsonRpcError {
  /** Always `"2.0"`. */
  jsonrpc: "2.0";
  /** The request's id, or `null` when the frame could not be read. */
  id: RoomsId | null;
  /** -32700 (not JSON) or -32600 (not a JSON-RPC request), with the device's message. */
  error: { code: number; message: string };
}

/**
 * A pushed event frame (emulator decision, non-authoritative: the real format is undocumented):
 * `{ jsonrpc: "2.0", method: "Event/<Module>", params: { sub_event, ...payload } }`.
 */
export interface RoomsEventMessage<P extends { sub_event: string } = RoomsEventParams> {
  /** Always `"2.0"`. */
  jsonrpc: "2.0";
  /** `Event/` and the module, e.g. `Event/Share`. */
  method: `Event/${string}`;
  /** The event: its `sub_event` and payload. */
  params: P;
}

/** The params of any pushed event. */
export interface RoomsEventParams {
  /** The event's name within its module, e.g. `ShareInfoChanged`. */
  sub_event: string;
  /** The payload fields, which depend on the module and `sub_event`. */
  [key: string]: unknown;
}

/** `role_type` / `roleType` values: 0 none … 8 interpreter. */
export const RoleType = {
  NONE: 0,
  HOST: 1,
  COHOST: 2,
  ATTENDEE: 3,
  INTERNAL_GUEST: 4,
  EXTERNAL_GUEST: 5,
  GUEST: 6,
  AUDIENCE: 7,
  INTERPRETER: 8,
} as const;

/** `quick_casting_state`: 0 not started, 1 preparing, 2 sharing. */
export const QuickCastingState = { NOT_STARTED: 0, PREPARING: 1, SHARING: 2 } as const;

/** One of the {@link QuickCastingState} values. */
export type QuickCastingState = (typeof QuickCastingState)[keyof typeof QuickCastingState];

/** Who is sharing (present only while someone shares). */
export interface ShareUserInfo {
  /** The user's account id. */
  app_uid: string;
  /** The id of the enterprise the account belongs to. */
  app_id: string;
  /** The user's id in the meeting (what `MuteMember`, `StopVideo`, `RemoveMember` take). */
  user_id: string;
  /** The user is the host. */
  host: boolean;
  /** The user is a co-host. */
  co_host: boolean;
  /**
   * The app-type id of the user's client (values undocumented; the emulator uses 20 for the
   * Rooms, 1 for a PC client, 0 for a phone).
   */
  instance_id: number;
  /** 1 normal, 2 phone. */
  user_type: number;
  /** The user created the meeting. */
  is_creator: boolean;
  /** One of {@link RoleType}: 1 host, 2 co-host, 3 attendee, 8 interpreter… */
  role_type: number;
  /** The user's camera is on. */
  video_on: boolean;
  /** The user's microphone is on. */
  audio_on: boolean;
  /** The user shares a screen or whiteboard. */
  screen_sharing: boolean;
  /** 0 screen, 1 whiteboard. */
  screen_share_type: number;
  /** The user shares a document (文档共享). */
  web_sharing: boolean;
  /** The display name. */
  nickname: string;
}

/**
 * The user info table (用户信息表) shared by `share_user_info`, `self_info`, `self_user_info` and
 * the Members list.
 */
export type RoomsUserInfo = ShareUserInfo;

/** The share state of the meeting. */
export interface ShareInfo {
  /** Someone in the meeting shares. */
  is_sharing: boolean;
  /** The quick share (a laptop casting to the Rooms) state. */
  quick_casting_state: QuickCastingState;
  /** Who shares; absent when nobody does. */
  share_user_info?: ShareUserInfo;
}

/** `Query ["Share"]` data: note the `share` wrapper. */
export interface ShareQueryData {
  /** The Share module's state. */
  share: {
    /** Whether and who shares. */
    share_info: ShareInfo;
    /** The code laptops enter to cast to this Rooms. */
    cast_code: string;
    /** Element shape undocumented: the emulator uses device id strings. */
    capture_device_list: string[];
  };
}

/** `Query ["Share", "CastCode"]` data: flat. */
export interface CastCodeQueryData {
  /** The code laptops enter to cast to this Rooms. */
  cast_code: string;
}
