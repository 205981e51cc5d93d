/**
 * The emulated Rooms device's world: the meeting it sits in and its members, its camera, mic and
 * speaker, the phone dial-out and incoming invitation, the abilities of its account. Plain data
 * (snapshot it with `structuredClone`); the wire views are in `views.ts`.
 *
 * @module
 */
import type { RoomsMeetingType } from "@yiqi/rooms-rpc";

/** Who is sharing: the Rooms itself, a laptop quick-casting to it, or another participant. */
export type Sharer = "rooms" | "quickcast" | "remote";

/** The share in progress, if any. */
export interface ShareState {
  sharer: Sharer;
  /** 0 desktop/window, 1 capture device. */
  shareType: 0 | 1;
  shareVoice: boolean;
  fluencyFirst: boolean;
  /** Selected window index (0 = desktop). */
  selectIndex: number;
  /** Capture device, for type 1. */
  deviceId?: string;
  /** The sharing member, for `remote`. */
  userId?: string;
}

/** One participant other than the Rooms. */
export interface MemberState {
  user_id: string;
  app_uid: string;
  nickname: string;
  /** `role_type`: 1 host, 2 co-host, 3 attendee, 4–7 guests, 8 interpreter. */
  role: number;
  is_creator: boolean;
  /** 1 normal, 2 phone (PSTN). */
  user_type: 1 | 2;
  audio_on: boolean;
  video_on: boolean;
  /** In the waiting room rather than in the meeting. */
  waiting: boolean;
}

/** A meeting the Rooms knows of: scheduled on it, or joinable by code. */
export interface MeetingPlan {
  code: string;
  title: string;
  type: RoomsMeetingType;
  creatorName: string;
  /** Unix seconds. */
  beginTime: number;
  endTime: number;
  /** `""` for none. */
  password: string;
  /** Joiners wait in the waiting room until admitted. */
  waitingRoom: boolean;
}

/** The meeting the Rooms is in (or joining, or waiting for). */
export interface MeetingState extends MeetingPlan {
  /** 1 in the meeting, 2 joining, 3 waiting room, 4 casting before a meeting (cast meeting). */
  status: 1 | 2 | 3 | 4;
  /** The Rooms's own `role_type` (1 host, 2 co-host, 3 attendee). */
  roomsRole: number;
  members: MemberState[];
  recording: boolean;
  /** A RequestRecord dialog waits for the host's answer. */
  recordRequestPending: boolean;
  muteAll: boolean;
  allowUnmuteBySelf: boolean;
  /** Members removed without `allow_join`. */
  blocked: string[];
}

/** A microphone or speaker. */
export interface AudioDevice {
  present: boolean;
  switch: boolean;
  device_id: string;
  volume: number;
  /** A TestMic / TestSpeaker runs. */
  testing: boolean;
}

/** The Rooms's devices. */
export interface DevicesState {
  mic: AudioDevice;
  speaker: AudioDevice;
  camera: { present: boolean; switch: boolean; device_id: string; frameMode: number };
  ptz: { support: boolean; zoom: number; pan: number; tilt: number };
}

/** The phone dial-out (PSTN) and the incoming Rooms invitation. */
export interface InviteState {
  pstnEnabled: boolean;
  /** 0 idle, 1 dialling, 2 connected. */
  dialState: 0 | 1 | 2;
  phoneNumber: string;
  pstnMute: boolean;
  pstnVolume: number;
  /** An invitation to join a meeting, shown on the Rooms. */
  incoming: { code: string; password: string; title: string; inviter: string } | undefined;
}

/** What the Rooms account may do (Query ["Ability"]). */
export interface AbilityState {
  instant: boolean;
  pmi: boolean;
  pmiCode: string;
  /** The default meeting type to create. */
  defaultStart: "instant" | "pmi";
  whiteboard: boolean;
  cast: boolean;
  join: boolean;
  /** Cloud recording is allowed (otherwise recording answers 50002). */
  record: boolean;
}

/** Everything the emulated device knows. Plain data: snapshot it with `structuredClone`. */
export interface RoomsDeviceState {
  /** The Rooms is logged in (otherwise every request answers 3). */
  loggedIn: boolean;
  /** The control API is enabled (otherwise every request answers 2). */
  apiEnabled: boolean;
  /** The control API password. */
  password: string;
  /** The emulated Rooms version, e.g. `3.13.190`. */
  version: string;
  /** The Rooms's name in meetings. */
  roomsName: string;
  /** The meeting the Rooms is in, joining or waiting for, or `undefined`. */
  meeting: MeetingState | undefined;
  /** How the last meeting ended, for the leave events. */
  lastEnded: { code: string; reason: "left" | "removed" | "dissolved" } | undefined;
  /** How the Rooms last left a waiting room, for the `LeaveWaitingRoom` event. */
  lastWaitingExit: { code: string; admitted: boolean } | undefined;
  /** The scheduled meetings shown on the Rooms; also the codes that need a password. */
  meetingList: MeetingPlan[];
  /** The share in progress, or `undefined`. */
  share: ShareState | undefined;
  /** 0 not started, 1 preparing, 2 sharing. */
  quickCastingState: 0 | 1 | 2;
  /** The share guide (投屏说明) is open. */
  shareGuideOpen: boolean;
  /** The cast code shown on the Rooms screen. */
  castCode: string;
  /** Shareable windows; index 0 is the desktop. */
  windows: string[];
  /** Capture device ids (element shape undocumented: emulated as strings). */
  captureDevices: string[];
  devices: DevicesState;
  invite: InviteState;
  ability: AbilityState;
  /** Captions on. */
  captionOpen: boolean;
}

/** Options that seed the initial device state; every field has a default. */
export interface RoomsDeviceStateOptions {
  password?: string;
  version?: string;
  loggedIn?: boolean;
  apiEnabled?: boolean;
  /** Start in a meeting (`true` for a default meeting code, or a meeting code). */
  inMeeting?: boolean | string;
  castCode?: string;
  windows?: string[];
  captureDevices?: string[];
  /** Unix seconds for scheduled meetings (default 1767225600 = 2026-01-01T00:00Z). */
  epoch?: number;
}

/** The default control API password of the emulated device. */
export const DEFAULT_ROOMS_PASSWORD = "123456";
/** The default emulated Rooms version (the newest the Share seed documents). */
export const DEFAULT_ROOMS_VERSION = "3.13.190";
/** The meeting code used when a meeting is entered without one. */
export const DEFAULT_MEETING_CODE = "100200300";
/** The Rooms's own in-meeting user id. */
export const ROOMS_USER_ID = "144115352466200100";

/**
 * A member with an attendee's defaults, number `n` of id `series` 1 (the starting members) or 2
 * (those added later, `addMember`).
 */
export const memberState = (
  series: 1 | 2,
  n: number,
  nickname: string,
  role: number,
  extra: Partial<MemberState> = {},
): MemberState => ({
  user_id: `144115352466200${series}${String(n).padStart(2, "0")}`,
  app_uid: `yiqi-uid-${n}`,
  nickname,
  role,
  is_creator: false,
  user_type: 1,
  audio_on: true,
  video_on: true,
  waiting: false,
  ...extra,
});

/**
 * The people of every emulated meeting: a host (unless the Rooms hosts), attendees with mixed
 * audio/video, a phone participant and one person in the waiting room.
 */
export function defaultMembers(roomsHosts: boolean): MemberState[] {
  return [
    memberState(1, 1, "Alice Chen", roomsHosts ? 2 : 1, { is_creator: !roomsHosts }),
    memberState(1, 2, "Bob Li", 3),
    memberState(1, 3, "Carol Wang", 3, { video_on: false }),
    memberState(1, 4, "+86 138****0004", 3, { user_type: 2, video_on: false }),
    memberState(1, 5, "Dave Zhou", 3, { waiting: true }),
  ];
}

/** Formats a meeting code as the Rooms shows it: `100 200 300`. */
export function formatMeetingCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, "$1 ");
}

/** A plan for a code not on the list (an ad-hoc meeting anyone may join). */
export function adHocPlan(
  code: string,
  beginTime: number,
  type: RoomsMeetingType = 0,
): MeetingPlan {
  return {
    code,
    title: type === 3 ? "Quick cast" : `Yiqi meeting ${formatMeetingCode(code)}`,
    type,
    creatorName: "Alice Chen",
    beginTime,
    endTime: beginTime + 3600,
    password: "",
    waitingRoom: false,
  };
}

/** The meeting state for entering `plan` (members included). */
export function meetingFrom(
  plan: MeetingPlan,
  roomsRole: number,
  status: MeetingState["status"] = 1,
): MeetingState {
  return {
    ...plan,
    status,
    roomsRole,
    members: status === 4 ? [] : defaultMembers(roomsRole === 1),
    recording: false,
    recordRequestPending: false,
    muteAll: false,
    allowUnmuteBySelf: true,
    blocked: [],
  };
}

/** The initial state for `options`. */
export function initialRoomsState(options: RoomsDeviceStateOptions = {}): RoomsDeviceState {
  const epoch = options.epoch ?? 1_767_225_600;
  const inMeeting = options.inMeeting ?? false;
  const list: MeetingPlan[] = [
    {
      code: "200300400",
      title: "Weekly sync",
      type: 1,
      creatorName: "Alice Chen",
      beginTime: epoch + 3600,
      endTime: epoch + 7200,
      password: "",
      waitingRoom: false,
    },
    {
      code: "300400500",
      title: "Board review",
      type: 0,
      creatorName: "Bob Li",
      beginTime: epoch + 10_800,
      endTime: epoch + 14_400,
      password: "1234",
      waitingRoom: false,
    },
    {
      code: "400500600",
      title: "Customer demo",
      type: 0,
      creatorName: "Carol Wang",
      beginTime: epoch + 18_000,
      endTime: epoch + 21_600,
      password: "",
      waitingRoom: true,
    },
  ];
  return {
    loggedIn: options.loggedIn ?? true,
    apiEnabled: options.apiEnabled ?? true,
    password: options.password ?? DEFAULT_ROOMS_PASSWORD,
    version: options.version ?? DEFAULT_ROOMS_VERSION,
    roomsName: "Yiqi Rooms",
    meeting:
      inMeeting === false
        ? undefined
        : meetingFrom(adHocPlan(inMeeting === true ? DEFAULT_MEETING_CODE : inMeeting, epoch), 3),
    lastEnded: undefined,
    lastWaitingExit: undefined,
    meetingList: list,
    share: undefined,
    quickCastingState: 0,
    shareGuideOpen: false,
    castCode: options.castCode ?? "876543",
    windows: options.windows ?? ["Desktop", "PowerPoint - Q3 review", "Browser - dashboard"],
    captureDevices: options.captureDevices ?? ["hdmi-in-1", "usb-capture-1"],
    devices: {
      mic: { present: true, switch: true, device_id: "Yiqi Table Mic", volume: 80, testing: false },
      speaker: {
        present: true,
        switch: true,
        device_id: "Yiqi Ceiling Speaker",
        volume: 60,
        testing: false,
      },
      camera: { present: true, switch: true, device_id: "Yiqi PTZ Camera", frameMode: 1 },
      ptz: { support: true, zoom: 0, pan: 0, tilt: 0 },
    },
    invite: {
      pstnEnabled: true,
      dialState: 0,
      phoneNumber: "",
      pstnMute: false,
      pstnVolume: 80,
      incoming: undefined,
    },
    ability: {
      instant: true,
      pmi: true,
      pmiCode: "555666777",
      defaultStart: "instant",
      whiteboard: true,
      cast: true,
      join: true,
      record: true,
    },
    captionOpen: false,
  };
}

/** The meeting the Rooms is really in (status 1, or 4 for a cast meeting), or `undefined`. */
export function activeMeeting(state: RoomsDeviceState): MeetingState | undefined {
  const m = state.meeting;
  return m && (m.status === 1 || m.status === 4) ? m : undefined;
}

/** The Rooms is host or co-host of its meeting. */
export function roomsIsHost(state: RoomsDeviceState): boolean {
  const r = state.meeting?.roomsRole;
  return r === 1 || r === 2;
}

/** Ends the meeting (and with it any share and quick cast), remembering why. */
export function endMeeting(
  state: RoomsDeviceState,
  reason: "left" | "removed" | "dissolved",
): void {
  const m = state.meeting;
  if (m?.status === 3) state.lastWaitingExit = { code: m.code, admitted: false };
  else if (m && m.status !== 2) state.lastEnded = { code: m.code, reason };
  state.meeting = undefined;
  state.share = undefined;
  state.quickCastingState = 0;
  if (state.invite.dialState !== 0 && state.invite.phoneNumber) {
    state.invite.dialState = 0;
    state.invite.phoneNumber = "";
  }
}

/** Lets the Rooms in from the waiting room (the host admits it). */
export function admitRooms(state: RoomsDeviceState): void {
  if (state.meeting?.status !== 3) return;
  state.meeting.status = 1;
  state.lastWaitingExit = { code: state.meeting.code, admitted: true };
}
