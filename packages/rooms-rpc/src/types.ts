/**
 * Wire types of the Rooms control API (SPEC B1–B3): JSON-RPC 2.0 envelopes, in-band results,
 * the Share module's data and the emulator's event format.
 *
 * @module
 */

/** A request id: chosen by the caller, globally unique. */
export type RoomsId = string | number;

/** The method families of the control API. `Subscribe`/`Unsubscribe` are an emulator decision. */
export type RoomsMethod = "Query" | `Call/${string}` | "Subscribe" | "Unsubscribe";

/** One request frame. */
export interface RoomsRequest {
  jsonrpc: "2.0";
  id: RoomsId;
  method: RoomsMethod;
  params: Record<string, unknown>;
}

/** The in-band result of any request; `error_code` 0 is success. */
export interface RoomsResult<D = unknown> {
  error_code: number;
  message: string;
  /** Present on `Call/<Module>` answers. */
  action?: string;
  data?: D;
}

/** A response frame: echoes `id` and `method`. */
export interface RoomsResponse<D = unknown> {
  jsonrpc: "2.0";
  id: RoomsId;
  method: string;
  result: RoomsResult<D>;
}

/** A JSON-RPC `error` answer, sent only for input that is not JSON-RPC at all (-32700 / -32600). */
export interface RoomsJsonRpcError {
  jsonrpc: "2.0";
  id: RoomsId | null;
  error: { code: number; message: string };
}

/**
 * A pushed event frame (emulator decision, non-authoritative: the real format is undocumented):
 * `{ jsonrpc: "2.0", method: "Event/<Module>", params: { sub_event, ...payload } }`.
 */
export interface RoomsEventMessage<P extends { sub_event: string } = RoomsEventParams> {
  jsonrpc: "2.0";
  method: `Event/${string}`;
  params: P;
}

/** The params of any pushed event. */
export interface RoomsEventParams {
  sub_event: string;
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
  app_uid: string;
  app_id: string;
  user_id: string;
  host: boolean;
  co_host: boolean;
  instance_id: number;
  /** 1 normal, 2 phone. */
  user_type: number;
  is_creator: boolean;
  role_type: number;
  video_on: boolean;
  audio_on: boolean;
  screen_sharing: boolean;
  /** 0 screen, 1 whiteboard. */
  screen_share_type: number;
  web_sharing: boolean;
  nickname: string;
}

/**
 * The user info table (用户信息表) shared by `share_user_info`, `self_info`, `self_user_info` and
 * the Members list.
 */
export type RoomsUserInfo = ShareUserInfo;

/** The share state of the meeting. */
export interface ShareInfo {
  is_sharing: boolean;
  quick_casting_state: QuickCastingState;
  share_user_info?: ShareUserInfo;
}

/** `Query ["Share"]` data: note the `share` wrapper. */
export interface ShareQueryData {
  share: {
    share_info: ShareInfo;
    cast_code: string;
    /** Element shape undocumented: the emulator uses device id strings. */
    capture_device_list: string[];
  };
}

/** `Query ["Share", "CastCode"]` data: flat. */
export interface CastCodeQueryData {
  cast_code: string;
}
