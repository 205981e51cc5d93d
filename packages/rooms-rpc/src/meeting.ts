/**
 * The Meeting module (reference §5.1): `Query ["Meeting"]` and its sub-paths `MeetingInfo` and
 * `MeetingList`, the `Call/Meeting` actions and the `Event/Meeting` sub-events.
 *
 * Sources: `meeting_info` fields from Tencent's event page; the `meeting_status` and
 * `meeting_type` values, the sub-paths and the five actions from a public third-party driver
 * only. Versions of the actions are not documented: the emulator gates them at 3.8.10.
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsResult, RoomsUserInfo } from "./types.ts";

/** Every `Call/Meeting` action with the Rooms version the emulator gates it on. */
export const MEETING_ACTIONS = {
  StartMeeting: { since: "3.8.10" },
  JoinMeeting: { since: "3.8.10" },
  LeaveMeeting: { since: "3.8.10" },
  DissolveMeeting: { since: "3.8.10" },
  LeaveWaitingRoom: { since: "3.8.10" },
} as const;

/** The name of a Meeting action. */
export type MeetingAction = keyof typeof MEETING_ACTIONS;

/** `meeting_status` values (third-party list; the official one is cut). */
export const MeetingStatus = {
  NOT_IN_MEETING: 0,
  IN_MEETING: 1,
  JOINING: 2,
  WAITING_ROOM: 3,
  CASTING_BEFORE_MEETING: 4,
  PSTN_BEFORE_MEETING: 5,
} as const;

/** One of the {@link MeetingStatus} values. */
export type MeetingStatus = (typeof MeetingStatus)[keyof typeof MeetingStatus];

/** `meeting_type` values of the Rooms API (not the JSAPI or REST enums). */
export const RoomsMeetingType = {
  UNKNOWN: -1,
  ONE_TIME: 0,
  RECURRING: 1,
  WECHAT: 2,
  CAST: 3,
} as const;

/** One of the {@link RoomsMeetingType} values. */
export type RoomsMeetingType = (typeof RoomsMeetingType)[keyof typeof RoomsMeetingType];

/** Begin and end of a meeting, in unix seconds. */
export interface MeetingTime {
  begin_time: number;
  end_time: number;
}

/**
 * `meeting_info`: always an object; outside a meeting only `meeting_status` (0, or 4/5 before a
 * meeting). The Query carries `meeting_time` (as a driver reads it) and the flat `begin_time` /
 * `end_time` (as the event table prints them).
 */
export interface MeetingInfo {
  meeting_status: MeetingStatus;
  meeting_type?: RoomsMeetingType;
  meeting_title?: string;
  meeting_code?: string;
  /** The code with spaces, e.g. `"100 200 300"`. */
  formatted_meeting_code?: string;
  meeting_password?: string;
  meeting_time?: MeetingTime;
  begin_time?: number;
  end_time?: number;
  meeting_creator_name?: string;
  /** Emulator decision (values undocumented): 1 the host is in the meeting, 0 not. */
  host_status?: number;
}

/** One scheduled meeting shown on the Rooms (`Query ["Meeting", "MeetingList"]`). */
export interface MeetingListItem {
  meeting_time: MeetingTime;
  meeting_creator_name: string;
  formatted_meeting_code: string;
  meeting_title: string;
  meeting_type: RoomsMeetingType;
}

/** A screen layout (`main_screen_layout_info`, `secondary_screen_layout_info`). */
export interface ScreenLayoutInfo {
  /** Only in host mode: decides the large view. */
  layout_model?: number;
  /** Only in host mode: show thumbnails. */
  show_small_view?: boolean;
  /** 1 host mode, 2 grid, 3 custom. */
  layout_type: number;
}

/** `Query ["Meeting"]` data; the in-meeting parts only in a meeting. */
export interface MeetingQueryData {
  /** (sic) Tencent's spelling. 0 single screen, 1 dual extended, 2 dual mirrored. */
  multi_scree_info: { multi_screen_status: number; main_monitor_id?: string };
  layout_info?: { layout_type: number };
  main_screen_layout_info?: ScreenLayoutInfo;
  layout_switch_info?: { current_switch_type: number };
  meeting_info: MeetingInfo;
  self_info?: RoomsUserInfo;
  share_user_info?: RoomsUserInfo;
}

/** `StartMeeting` parameters (as a public driver sends them). */
export interface StartMeetingParams {
  /** `"instant"` (a quick meeting) or `"pmi"` (the personal meeting room; emulator decision). */
  meeting_type?: "instant" | "pmi";
}

/** `JoinMeeting` parameters. */
export interface JoinMeetingParams {
  /** The meeting code, digits only (drivers strip the spaces). */
  meeting_code: string;
  /** The meeting password; `""` when none. */
  password?: string;
}

/**
 * Payloads of `Event/Meeting` by `sub_event`. `JoinMeetingCompleted` is Tencent's; the other
 * names are emulator decisions (the page lists the notifications, not their names).
 */
export interface MeetingEventPayloads {
  JoinMeetingCompleted: {
    meeting_info: MeetingInfo;
    self_user_info: RoomsUserInfo;
    device_info: Record<string, unknown>;
    mic_info: Record<string, unknown>;
    speaker_info: Record<string, unknown>;
    camera_info: Record<string, unknown>;
  };
  LeaveMeetingCompleted: { meeting_code: string; reason: "left" | "removed" };
  DissolveMeetingCompleted: { meeting_code: string };
  EnterWaitingRoom: { meeting_code: string };
  LeaveWaitingRoom: { meeting_code: string; admitted: boolean };
  MeetingInfoChanged: { meeting_info: MeetingInfo };
}

/** One `Event/Meeting` params object, discriminated by `sub_event`. */
export type MeetingEvent = {
  [K in keyof MeetingEventPayloads]: { sub_event: K } & MeetingEventPayloads[K];
}[keyof MeetingEventPayloads];

/** Typed Meeting helpers. */
export interface MeetingApi {
  /** `Query ["Meeting"]`. */
  query(options?: CallOptions): Promise<MeetingQueryData>;
  /** `Query ["Meeting", "MeetingInfo"]`: `{ meeting_info }`. */
  queryInfo(options?: CallOptions): Promise<{ meeting_info: MeetingInfo }>;
  /** `Query ["Meeting", "MeetingList"]`: the scheduled meetings. */
  queryList(options?: CallOptions): Promise<{ meeting_list: MeetingListItem[] }>;
  /** `StartMeeting`: acknowledged at once; `JoinMeetingCompleted` follows. 10001 in a meeting. */
  start(params?: StartMeetingParams, options?: CallOptions): Promise<RoomsResult>;
  /** `JoinMeeting`: acknowledged at once; `JoinMeetingCompleted` (or `EnterWaitingRoom`) follows. */
  join(params: JoinMeetingParams, options?: CallOptions): Promise<RoomsResult>;
  /** `LeaveMeeting`: 10000 when not in a meeting. */
  leave(options?: CallOptions): Promise<RoomsResult>;
  /** `DissolveMeeting`: ends the meeting for everyone; 10022 unless host or co-host. */
  dissolve(options?: CallOptions): Promise<RoomsResult>;
  /** `LeaveWaitingRoom`: only from the waiting room. */
  leaveWaitingRoom(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Meeting helpers over any caller (a `RoomsClient` exposes them as `client.meeting`).
 *
 * @example
 * ```ts
 * await createMeetingApi(client).join({ meeting_code: "123456789", password: "" });
 * ```
 */
export function createMeetingApi(caller: RoomsCaller): MeetingApi {
  const call = (action: MeetingAction, params?: object, options?: CallOptions) =>
    caller.call("Meeting", action, params, options);
  return {
    query: (options) => caller.query<MeetingQueryData>(["Meeting"], options),
    queryInfo: (options) => caller.query(["Meeting", "MeetingInfo"], options),
    queryList: (options) => caller.query(["Meeting", "MeetingList"], options),
    start: (params, options) =>
      call("StartMeeting", params ?? { meeting_type: "instant" }, options),
    join: (params, options) => call("JoinMeeting", params, options),
    leave: (options) => call("LeaveMeeting", undefined, options),
    dissolve: (options) => call("DissolveMeeting", undefined, options),
    leaveWaitingRoom: (options) => call("LeaveWaitingRoom", undefined, options),
  };
}
