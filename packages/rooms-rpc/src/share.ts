/**
 * The Share module (SPEC B3): its actions with the Rooms version that introduced each, their
 * parameter types, its query paths and events, and typed helpers over any {@link RoomsCaller}.
 *
 * @module
 */
import type { CastCodeQueryData, RoomsResult, ShareInfo, ShareQueryData } from "./types.ts";

/** Per-call options shared by every request. */
export interface CallOptions {
  /** Milliseconds before the call rejects with `TIMEOUT` (default: the client's `timeoutMs`). */
  timeoutMs?: number;
  /** Aborting rejects the call with `ABORTED` (the device may still act on it). */
  signal?: AbortSignal;
  /** The request id; must be unique (default: generated). */
  id?: string | number;
}

/** What the typed helpers need from a client. */
export interface RoomsCaller {
  /** Sends `Query` and resolves to `data`; rejects with `RoomsError` on a non-zero `error_code`. */
  query<D = unknown>(path: readonly string[], options?: CallOptions): Promise<D>;
  /** Sends `Call/<module>` and resolves to the result; rejects with `RoomsError` when it fails. */
  call<D = unknown>(
    module: string,
    action: string,
    params?: object,
    options?: CallOptions,
  ): Promise<RoomsResult<D>>;
}

/** Every `Call/Share` action with the Rooms version that introduced it. */
export const SHARE_ACTIONS = {
  EndQuickShare: { since: "3.10.160" },
  CancelQuickShare: { since: "3.10.160" },
  StartWindowShare: { since: "3.11.170" },
  StopWindowShare: { since: "3.11.170" },
  OpenShareGuide: { since: "3.13.190" },
  CloseShareGuide: { since: "3.13.190" },
  StartShare: { since: "3.13.190" },
  StopShare: { since: "3.13.190" },
} as const;

/** The name of a Share action. */
export type ShareAction = keyof typeof SHARE_ACTIONS;

/** The Share query paths and the version since which `Query ["Share"]` exists. */
export const SHARE_QUERY = { since: "3.8.10", subNodes: ["CastCode"] } as const;

/** `EndQuickShare` / `CancelQuickShare` parameters. */
export interface QuickShareParams {
  /** Fixed value `"castMeeting"`; optional. */
  meeting_type?: "castMeeting";
}

/** `StartWindowShare` parameters. */
export interface StartWindowShareParams {
  /** Also share the desktop sound. */
  share_voice: boolean;
  /** Prefer video fluency over sharpness. */
  fluency_first: boolean;
  /** Window index; 0 (default) is the desktop. */
  select_index?: number;
}

/** `share_type` of `StartShare`: 0 this PC's desktop/window, 1 a capture device. */
export const ShareType = { DESKTOP: 0, CAPTURE_DEVICE: 1 } as const;

/** `StartShare` parameters. */
export interface StartShareParams {
  /** 0 desktop/window, 1 capture device (from a public driver, not Tencent). */
  share_type: (typeof ShareType)[keyof typeof ShareType];
  /** Also share the sound (types 0 and 1). */
  share_voice?: boolean;
  /** Prefer video fluency over sharpness. */
  fluency_first: boolean;
  /** Window index; 0 (default) is the desktop. */
  select_index?: number;
  /** Capture device id (type 1); default the first device. */
  device_id?: string;
}

/** The parameters of each Share action (`undefined` for actions without parameters). */
export interface ShareActionParams {
  EndQuickShare: QuickShareParams | undefined;
  CancelQuickShare: QuickShareParams | undefined;
  StartWindowShare: StartWindowShareParams;
  StopWindowShare: undefined;
  OpenShareGuide: undefined;
  CloseShareGuide: undefined;
  StartShare: StartShareParams;
  StopShare: undefined;
}

/**
 * Payloads of `Event/Share` by `sub_event` (emulator decision, non-authoritative: the real
 * event names are undocumented).
 */
export interface ShareEventPayloads {
  ShareInfoChanged: { share_info: ShareInfo };
  ShareGuideChanged: { is_open: boolean };
  CastCodeChanged: { cast_code: string };
}

/** One `Event/Share` params object, discriminated by `sub_event`. */
export type ShareEvent = {
  [K in keyof ShareEventPayloads]: { sub_event: K } & ShareEventPayloads[K];
}[keyof ShareEventPayloads];

/** Typed helpers for the whole Share module. */
export interface ShareApi {
  /** `Query ["Share"]` (since 3.8.10): share info, cast code and capture devices. */
  query(options?: CallOptions): Promise<ShareQueryData>;
  /** `Query ["Share", "CastCode"]`: the flat `{ cast_code }`. */
  queryCastCode(options?: CallOptions): Promise<CastCodeQueryData>;
  /** `EndQuickShare` (3.10.160): needs a meeting and a share. Prefer `stopShare`. */
  endQuickShare(params?: QuickShareParams, options?: CallOptions): Promise<RoomsResult>;
  /** `CancelQuickShare` (3.10.160): needs a meeting and a share. Prefer `stopShare`. */
  cancelQuickShare(params?: QuickShareParams, options?: CallOptions): Promise<RoomsResult>;
  /** `StartWindowShare` (3.11.170): needs a meeting. Prefer `startShare`. */
  startWindowShare(params: StartWindowShareParams, options?: CallOptions): Promise<RoomsResult>;
  /** `StopWindowShare` (3.11.170): needs a meeting and a share. Prefer `stopShare`. */
  stopWindowShare(options?: CallOptions): Promise<RoomsResult>;
  /** `OpenShareGuide` (3.13.190). */
  openShareGuide(options?: CallOptions): Promise<RoomsResult>;
  /** `CloseShareGuide` (3.13.190). */
  closeShareGuide(options?: CallOptions): Promise<RoomsResult>;
  /** `StartShare` (3.13.190): needs a meeting. */
  startShare(params: StartShareParams, options?: CallOptions): Promise<RoomsResult>;
  /** `StopShare` (3.13.190): needs a meeting; the recommended way to end any share. */
  stopShare(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Share helpers over any caller (a `RoomsClient` exposes them as `client.share`).
 *
 * @example
 * ```ts
 * const share = createShareApi(client);
 * await share.startShare({ share_type: 0, fluency_first: true, share_voice: true });
 * ```
 */
export function createShareApi(caller: RoomsCaller): ShareApi {
  const call = (action: ShareAction, params?: object, options?: CallOptions) =>
    caller.call("Share", action, params, options);
  return {
    query: (options) => caller.query<ShareQueryData>(["Share"], options),
    queryCastCode: (options) => caller.query<CastCodeQueryData>(["Share", "CastCode"], options),
    endQuickShare: (params, options) => call("EndQuickShare", params, options),
    cancelQuickShare: (params, options) => call("CancelQuickShare", params, options),
    startWindowShare: (params, options) => call("StartWindowShare", params, options),
    stopWindowShare: (options) => call("StopWindowShare", undefined, options),
    openShareGuide: (options) => call("OpenShareGuide", undefined, options),
    closeShareGuide: (options) => call("CloseShareGuide", undefined, options),
    startShare: (params, options) => call("StartShare", params, options),
    stopShare: (options) => call("StopShare", undefined, options),
  };
}
