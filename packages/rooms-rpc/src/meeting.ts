/**
 * The Meeting module (docs/reference/rooms.md#module-meeting): `Query ["Meeting"]` and its sub-paths `MeetingInfo` and
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
  /** When the meeting begins (or began), in unix seconds. */
  begin_time: number;
  /** When the meeting is scheduled to end, in unix seconds. */
  end_time: number;
}

/**
 * `meeting_info`: always an object; outside a meeting only `meeting_status` (0, or 4/5 before a
 * meeting). The Query carries `meeting_time` (as a driver reads it) and the flat `begin_time` /
 * `end_time` (as the event table prints them).
 */
export interface MeetingInfo {
  /** Where the Rooms is: one of {@link MeetingStatus} (0 in no meeting, 1 in one, 2 joining…). */
  meeting_status: MeetingStatus;
  /** One of {@link RoomsMeetingType}. */
  meeting_type?: RoomsMeetingType;
  /** The meeting's title. */
  meeting_title?: string;
  /** The meeting code, digits only, e.g. `"100200300"`. */
  meeting_code?: string;
  /** The code with spaces, e.g. `"100 200 300"`. */
  formatted_meeting_code?: string;
  /** The meeting password; `""` when none. */
  meeting_password?: string;
  /** Begin and end, in unix seconds. */
  meeting_time?: MeetingTime;
  /** The same begin as `meeting_time.begin_time`, in unix seconds. */
  begin_time?: number;
  /** The same end as `meeting_time.end_time`, in unix seconds. */
  end_time?: number;
  /** The display name of who created the meeting. */
  meeting_creator_name?: string;
  /** Emulator decision (values undocumented): 1 the host is in the meeting, 0 not. */
  host_status?: number;
}

/** One scheduled meeting shown on the Rooms (`Query ["Meeting", "MeetingList"]`). */
export interface MeetingListItem {
  /** Begin and end, in unix seconds. */
  meeting_time: MeetingTime;
  /** The display name of who scheduled the meeting. */
  meeting_creator_name: string;
  /** The code with spaces, e.g. `"200 300 400"` (strip them for `JoinMeeting`). */
  formatted_meeting_code: string;
  /** The meeting's title. */
  meeting_title: string;
  /** One of {@link RoomsMeetingType}. */
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
  /** The current layout (`layout_type` as in {@link ScreenLayoutInfo}); in a meeting only. */
  layout_info?: { layout_type: number };
  /** The main screen's layout; in a meeting only. */
  main_screen_layout_info?: ScreenLayoutInfo;
  /** The layout switching mode (values undocumented); in a meeting only. */
  layout_switch_info?: { current_switch_type: number };
  /** The meeting the Rooms is in, or only `meeting_status` outside one. */
  meeting_info: MeetingInfo;
  /** The Rooms itself as a participant; in a meeting only. */
  self_info?: RoomsUserInfo;
  /** Who shares; present only while someone does. */
  share_user_info?: RoomsUserInfo;
}

/** `StartMeeting` parameters (as a public driver sends them). */
export interface StartMeetingParams {
  /** `"instant"` (a quick meeting) or `"pmi"` (the personal meeting room; emulator decision). */
  meeting_type?: "instant" | "pmi";
}

/** `JoinMeeting` parameters. */
export interface JoinMeetingParams {
  /**
   * The meeting code, digits only (drivers strip the spaces); the emulator answers 10010 unless
   * it is 6 to 12 digits.
   */
  meeting_code: string;
  /** The meeting password; `""` when none (10018 when one is needed, 10020 when wrong). */
  password?: string;
}

/**
 * Payloads of `Event/Meeting` by `sub_event`. `JoinMeetingCompleted` is Tencent's; the other
 * names are emulator decisions (the page lists the notifications, not their names).
 */
export interface MeetingEventPayloads {
  /**
   * The Rooms is in the meeting (after `StartMeeting`, `JoinMeeting` or `AcceptInvite`): the
   * meeting, the Rooms as a participant, and its devices.
   */
  JoinMeetingCompleted: {
    /** The meeting joined (`meeting_status` 1). */
    meeting_info: MeetingInfo;
    /** The Rooms as a participant. */
    self_user_info: RoomsUserInfo;
    /** As `device_info` of `Query ["Device"]` (a {@link DeviceInfo}). */
    device_info: Record<string, unknown>;
    /** As `mic_info` of `Query ["Device"]` (an {@link AudioDeviceInfo}). */
    mic_info: Record<string, unknown>;
    /** As `speaker_info` of `Query ["Device"]` (an {@link AudioDeviceInfo}). */
    speaker_info: Record<string, unknown>;
    /** As `camera_info` of `Query ["Device"]` (a {@link CameraInfo}). */
    camera_info: Record<string, unknown>;
  };
  /** The Rooms left the meeting: itself (`"left"`) or removed by the host (`"removed"`). */
  LeaveMeetingCompleted: { meeting_code: string; reason: "left" | "removed" };
  /** The meeting ended for everyone. */
  DissolveMeetingCompleted: { meeting_code: string };
  /** The Rooms waits in the meeting's waiting room (`meeting_status` 3). */
  EnterWaitingRoom: { meeting_code: string };
  /** The Rooms left the waiting room: `admitted` true when let into the meeting. */
  LeaveWaitingRoom: { meeting_code: string; admitted: boolean };
  /** `meeting_info` changed (status, title…): the whole new value. */
  MeetingInfoChanged: { meeting_info: MeetingInfo };
}

/** One `Event/Meeting` params object, discriminated by `sub_event`. */
export type MeetingEvent = {
  [K in keyof MeetingEventPayloads]: { sub_event: K } & MeetingEventPayloads[K];
}[keyof MeetingEventPayloads];

/**
 * Typed Meeting helpers (`client.meeting`). Each rejects with a {@link RoomsError}: code
 * `DEVICE` when the device answers a non-zero `error_code` (the codes below, named in
 * `errorName`), and `TIMEOUT`, `ABORTED`, `CLOSED` or `CONNECT_FAILED` when the call gets no
 * answer.
 */
export interface MeetingApi {
  /** `Query ["Meeting"]`. */
  query(options?: CallOptions): Promise<MeetingQueryData>;
  /** `Query ["Meeting", "MeetingInfo"]`: `{ meeting_info }`. */
  queryInfo(options?: CallOptions): Promise<{ meeting_info: MeetingInfo }>;
  /** `Query ["Meeting", "MeetingList"]`: the scheduled meetings. */
  queryList(options?: CallOptions): Promise<{ meeting_list: MeetingListItem[] }>;
  /**
   * `StartMeeting` (default `{ meeting_type: "instant" }`): acknowledged at once;
   * `JoinMeetingCompleted` follows. 10001 in a meeting, 10024/10030 when the account may not.
   */
  start(params?: StartMeetingParams, options?: CallOptions): Promise<RoomsResult>;
  /**
   * `JoinMeeting`: acknowledged at once; `JoinMeetingCompleted` (or `EnterWaitingRoom`) follows.
   * 10010 bad code, 10018/10020 password needed/wrong, 10001 already in a meeting.
   */
  join(params: JoinMeetingParams, options?: CallOptions): Promise<RoomsResult>;
  /** `LeaveMeeting`: 10000 when not in a meeting. */
  leave(options?: CallOptions): Promise<RoomsResult>;
  /** `DissolveMeeting`: ends the meeting for everyone; 10000 outside a meeting, 10022 unless host. */
  dissolve(options?: CallOptions): Promise<RoomsResult>;
  /** `LeaveWaitingRoom`: only from the waiting room (the emulator answers 1 elsewhere). */
  leaveWaitingRoom(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Meeting helpers over any caller (a `RoomsClient` exposes them as `client.meeting`).
 * Rejections: see {@link MeetingApi}.
 *
 * @example
 * ```ts
 * import { createMeetingApi, MeetingStatus, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const meeting = createMeetingApi(client); // the same helpers as client.meeting
 * await client.subscribe(["Meeting"]);
 * client.on("Meeting", (e) => {
 *   if (e.sub_event === "JoinMeetingCompleted") console.log("in", e.meeting_info.meeting_code);
 * });
 * await meeting.join({ meeting_code: "123456789", password: "" });
 * const { meeting_info } = await meeting.queryInfo();
 * if (meeting_info.meeting_status === MeetingStatus.IN_MEETING) await meeting.leave();
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
