/**
 * The MeetingControl module (reference §5.3): the caption query, recording, mute-all, the member
 * id list and per-member controls.
 *
 * Sources: `RequestRecord`, `StartRecord` (Tencent, 3.9.150), `MuteAll`, `ListMemberIds` (older
 * Tencent page, 3.9.150); `MuteMember`, `StopVideo`, `RemoveMember` only from a public driver
 * (versions undocumented: the emulator gates them at 3.9.150 with the other member controls).
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsResult } from "./types.ts";

/** Every `Call/MeetingControl` action with the Rooms version it is gated on. */
export const MEETING_CONTROL_ACTIONS = {
  RequestRecord: { since: "3.9.150" },
  StartRecord: { since: "3.9.150" },
  MuteAll: { since: "3.9.150" },
  ListMemberIds: { since: "3.9.150" },
  MuteMember: { since: "3.9.150" },
  StopVideo: { since: "3.9.150" },
  RemoveMember: { since: "3.9.150" },
} as const;

/** The name of a MeetingControl action. */
export type MeetingControlAction = keyof typeof MEETING_CONTROL_ACTIONS;

/** One caption setting item. */
export interface CaptionSetting {
  is_selected: boolean;
  key: string;
  description: string;
  /** Shown. */
  enable: boolean;
}

/** In-meeting control options (fields undocumented: emulator decision). */
export interface MeetingControlOptions {
  is_mute_all: boolean;
  audio_allow_unmute_by_self: boolean;
  is_recording: boolean;
  record_request_pending: boolean;
}

/** `Query ["MeetingControl"]` data: captions and the control options. */
export interface MeetingControlQueryData {
  is_caption_open: boolean;
  is_caption_support: boolean;
  current_font_size: number;
  source_lang_settings_list: CaptionSetting[];
  translate_lang_settings_list: CaptionSetting[];
  multi_screen_caption_settings: CaptionSetting[];
  two_lang_show_settings: CaptionSetting[];
  support_size_arr: { font_size: number; description: string }[];
  meeting_info: MeetingControlOptions;
}

/** `ListMemberIds` parameters. */
export interface ListMemberIdsParams {
  /** 0 = the first person. */
  begin_count: number;
  /** Inclusive: 1 = the second person. */
  end_count: number;
  /** 1 visible participants, 0 waiting-room members. */
  type: 0 | 1;
}

/** The parameters of each MeetingControl action. */
export interface MeetingControlActionParams {
  RequestRecord: undefined;
  StartRecord: { mobile_address: string };
  MuteAll: { audio_allow_unmute_by_self: boolean };
  ListMemberIds: ListMemberIdsParams;
  MuteMember: { user_id: string };
  StopVideo: { user_id: string };
  RemoveMember: { user_id: string; allow_join: boolean };
}

/**
 * Payloads of `Event/MeetingControl` by `sub_event`: `RequestRecord` and `MuteAll` are
 * Tencent's names with emulator-decided payloads; `RecordStateChanged` and `StartRecord` are
 * emulator decisions.
 */
export interface MeetingControlEventPayloads {
  RequestRecord: {
    error_code: number;
    message: string;
    /** `started` (the Rooms may record), `requested` (asked the host), `granted`, `denied`. */
    request_result: "started" | "requested" | "granted" | "denied";
    is_recording: boolean;
  };
  StartRecord: { error_code: number; message: string; is_recording: boolean };
  MuteAll: { error_code: number; message: string; audio_allow_unmute_by_self: boolean };
  RecordStateChanged: { is_recording: boolean; record_request_pending: boolean };
}

/** One `Event/MeetingControl` params object, discriminated by `sub_event`. */
export type MeetingControlEvent = {
  [K in keyof MeetingControlEventPayloads]: { sub_event: K } & MeetingControlEventPayloads[K];
}[keyof MeetingControlEventPayloads];

/** Typed MeetingControl helpers. */
export interface MeetingControlApi {
  /** `Query ["MeetingControl"]`: captions and control options. */
  query(options?: CallOptions): Promise<MeetingControlQueryData>;
  /** `RequestRecord`: records when host/co-host, else asks the host (async). */
  requestRecord(options?: CallOptions): Promise<RoomsResult>;
  /** `StartRecord` with the e-mail address for the recording (`mobile_address`, required). */
  startRecord(mobileAddress: string, options?: CallOptions): Promise<RoomsResult>;
  /** `MuteAll` (async: `Event/MeetingControl MuteAll`). */
  muteAll(audioAllowUnmuteBySelf: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `ListMemberIds` (sync): the user ids in `[begin_count, end_count]`. */
  listMemberIds(params: ListMemberIdsParams, options?: CallOptions): Promise<string[]>;
  /** `MuteMember`. */
  muteMember(userId: string, options?: CallOptions): Promise<RoomsResult>;
  /** `StopVideo`. */
  stopVideo(userId: string, options?: CallOptions): Promise<RoomsResult>;
  /** `RemoveMember`; `allowJoin` lets the member come back. */
  removeMember(userId: string, allowJoin: boolean, options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed MeetingControl helpers over any caller (`client.meetingControl`).
 *
 * @example
 * ```ts
 * const ids = await createMeetingControlApi(client).listMemberIds({ begin_count: 0, end_count: 9, type: 1 });
 * ```
 */
export function createMeetingControlApi(caller: RoomsCaller): MeetingControlApi {
  const call = <D = unknown>(
    action: MeetingControlAction,
    params?: object,
    options?: CallOptions,
  ) => caller.call<D>("MeetingControl", action, params, options);
  return {
    query: (options) => caller.query<MeetingControlQueryData>(["MeetingControl"], options),
    requestRecord: (options) => call("RequestRecord", undefined, options),
    startRecord: (mobile_address, options) => call("StartRecord", { mobile_address }, options),
    muteAll: (audio_allow_unmute_by_self, options) =>
      call("MuteAll", { audio_allow_unmute_by_self }, options),
    listMemberIds: async (params, options) =>
      (await call<string[]>("ListMemberIds", params, options)).data ?? [],
    muteMember: (user_id, options) => call("MuteMember", { user_id }, options),
    stopVideo: (user_id, options) => call("StopVideo", { user_id }, options),
    removeMember: (user_id, allow_join, options) =>
      call("RemoveMember", { user_id, allow_join }, options),
  };
}
