/**
 * The MeetingControl module (docs/reference/rooms.md#module-meeting-control): the caption query, recording, mute-all, the member
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
  /** This option is the one chosen. */
  is_selected: boolean;
  /** The option's stable key, e.g. a language code. */
  key: string;
  /** The option's label, as the Rooms shows it. */
  description: string;
  /** Shown. */
  enable: boolean;
}

/** In-meeting control options (fields undocumented: emulator decision). */
export interface MeetingControlOptions {
  /** Everyone is muted (`MuteAll`). */
  is_mute_all: boolean;
  /** Muted participants may unmute themselves (the last `MuteAll`'s choice). */
  audio_allow_unmute_by_self: boolean;
  /** The meeting is being recorded. */
  is_recording: boolean;
  /** A `RequestRecord` waits for the host's answer. */
  record_request_pending: boolean;
}

/** `Query ["MeetingControl"]` data: captions and the control options. */
export interface MeetingControlQueryData {
  /** Captions are shown. */
  is_caption_open: boolean;
  /** This Rooms supports captions. */
  is_caption_support: boolean;
  /** The caption font size, one of `support_size_arr[].font_size`. */
  current_font_size: number;
  /** The spoken-language options. */
  source_lang_settings_list: CaptionSetting[];
  /** The translation-language options. */
  translate_lang_settings_list: CaptionSetting[];
  /** Which screens show captions, with several screens. */
  multi_screen_caption_settings: CaptionSetting[];
  /** How two languages are shown together. */
  two_lang_show_settings: CaptionSetting[];
  /** The caption font sizes offered, each with its label. */
  support_size_arr: { font_size: number; description: string }[];
  /** The in-meeting control options (emulator decision). */
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
  /** No parameters. */
  RequestRecord: undefined;
  /** `mobile_address`: the e-mail address the recording goes to (required). */
  StartRecord: { mobile_address: string };
  /** `audio_allow_unmute_by_self`: muted participants may unmute themselves. */
  MuteAll: { audio_allow_unmute_by_self: boolean };
  /** The range and list to read. */
  ListMemberIds: ListMemberIdsParams;
  /** `user_id`: the member to mute (from `ListMemberIds` or `Query ["Members"]`). */
  MuteMember: { user_id: string };
  /** `user_id`: the member whose camera to turn off. */
  StopVideo: { user_id: string };
  /** `user_id`: the member to remove; `allow_join`: whether they may come back. */
  RemoveMember: { user_id: string; allow_join: boolean };
}

/**
 * Payloads of `Event/MeetingControl` by `sub_event`: `RequestRecord` and `MuteAll` are
 * Tencent's names with emulator-decided payloads; `RecordStateChanged` and `StartRecord` are
 * emulator decisions.
 */
export interface MeetingControlEventPayloads {
  /** The outcome of `RequestRecord` (`error_code` 0 on success). */
  RequestRecord: {
    error_code: number;
    message: string;
    /** `started` (the Rooms may record), `requested` (asked the host), `granted`, `denied`. */
    request_result: "started" | "requested" | "granted" | "denied";
    is_recording: boolean;
  };
  /** The outcome of `StartRecord` and whether the meeting is now recorded. */
  StartRecord: { error_code: number; message: string; is_recording: boolean };
  /** The outcome of `MuteAll` and the unmute choice it applied. */
  MuteAll: { error_code: number; message: string; audio_allow_unmute_by_self: boolean };
  /** Recording started or stopped, or a recording request was answered. */
  RecordStateChanged: { is_recording: boolean; record_request_pending: boolean };
}

/** One `Event/MeetingControl` params object, discriminated by `sub_event`. */
export type MeetingControlEvent = {
  [K in keyof MeetingControlEventPayloads]: { sub_event: K } & MeetingControlEventPayloads[K];
}[keyof MeetingControlEventPayloads];

/**
 * Typed MeetingControl helpers (`client.meetingControl`). The actions need the Rooms in a
 * meeting (10000 otherwise); mute, stop-video and remove need it host or co-host (10022). Each
 * rejects with a {@link RoomsError}: code `DEVICE` when the device answers a non-zero
 * `error_code` (named in `errorName`), and `TIMEOUT`, `ABORTED`, `CLOSED` or `CONNECT_FAILED`
 * when the call gets no answer.
 */
export interface MeetingControlApi {
  /** `Query ["MeetingControl"]`: captions and control options. */
  query(options?: CallOptions): Promise<MeetingControlQueryData>;
  /**
   * `RequestRecord`: records when host/co-host, else asks the host; the outcome follows as
   * `Event/MeetingControl RequestRecord`. 50002 recording disabled, 50003 already recording.
   */
  requestRecord(options?: CallOptions): Promise<RoomsResult>;
  /**
   * `StartRecord` with the e-mail address for the recording (`mobile_address`, required; 8 when
   * it is not an address). 50004 unless host or co-host: `requestRecord` first.
   */
  startRecord(mobileAddress: string, options?: CallOptions): Promise<RoomsResult>;
  /**
   * `MuteAll`: everyone but the host; `audioAllowUnmuteBySelf` lets them unmute themselves.
   * The outcome follows as `Event/MeetingControl MuteAll`.
   */
  muteAll(audioAllowUnmuteBySelf: boolean, options?: CallOptions): Promise<RoomsResult>;
  /**
   * `ListMemberIds` (answered at once): the user ids in `[begin_count, end_count]` (the
   * emulator lists the Rooms itself first); `[]` when the answer has no data. 8 for a bad range.
   */
  listMemberIds(params: ListMemberIdsParams, options?: CallOptions): Promise<string[]>;
  /** `MuteMember`: mutes `userId`; 50000 when not in the meeting, 17 when already muted. */
  muteMember(userId: string, options?: CallOptions): Promise<RoomsResult>;
  /** `StopVideo`: turns off `userId`'s camera; 50000 when not in the meeting, 17 when already off. */
  stopVideo(userId: string, options?: CallOptions): Promise<RoomsResult>;
  /**
   * `RemoveMember`: removes `userId`; `allowJoin` lets the member come back. 50000 when not in
   * the meeting, 50001 for the Rooms itself (use `meeting.leave`).
   */
  removeMember(userId: string, allowJoin: boolean, options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed MeetingControl helpers over any caller (a `RoomsClient` exposes them as
 * `client.meetingControl`). Rejections: see {@link MeetingControlApi}.
 *
 * @example
 * ```ts
 * import { createMeetingControlApi, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const control = createMeetingControlApi(client); // the same helpers as client.meetingControl
 * // In a meeting (10000 otherwise); muting others needs host or co-host (10022 otherwise).
 * const ids = await control.listMemberIds({ begin_count: 0, end_count: 9, type: 1 });
 * const [, first] = ids; // the emulator lists the Rooms itself first
 * if (first !== undefined) await control.muteMember(first);
 * await control.muteAll(true);
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
