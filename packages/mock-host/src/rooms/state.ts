/**
 * The emulated Rooms device's state and the wire views derived from it.
 *
 * @module
 */
import type { MeetingInfo, ShareInfo, ShareQueryData, ShareUserInfo } from "@yiqi/rooms-rpc";

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
  /** Who the meeting sees sharing. */
  user: ShareUserInfo;
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
  /** The meeting the Rooms is in, or `undefined`. */
  meeting: MeetingInfo | undefined;
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
}

/** The default control API password of the emulated device. */
export const DEFAULT_ROOMS_PASSWORD = "123456";
/** The default emulated Rooms version (the newest the Share seed documents). */
export const DEFAULT_ROOMS_VERSION = "3.13.190";
/** The meeting code used when a meeting is entered without one. */
export const DEFAULT_MEETING_CODE = "100200300";

/** Meeting info for a meeting code (deterministic). */
export function meetingInfoFor(code: string, type = "normal"): MeetingInfo {
  return {
    meeting_code: code,
    meeting_id: `yiqi-${code}`,
    subject: type === "castMeeting" ? "Quick cast" : `Yiqi meeting ${code}`,
    meeting_type: type,
  };
}

/** The initial state for `options`. */
export function initialRoomsState(options: RoomsDeviceStateOptions = {}): RoomsDeviceState {
  const inMeeting = options.inMeeting ?? false;
  return {
    loggedIn: options.loggedIn ?? true,
    apiEnabled: options.apiEnabled ?? true,
    password: options.password ?? DEFAULT_ROOMS_PASSWORD,
    version: options.version ?? DEFAULT_ROOMS_VERSION,
    meeting:
      inMeeting === false
        ? undefined
        : meetingInfoFor(inMeeting === true ? DEFAULT_MEETING_CODE : inMeeting),
    share: undefined,
    quickCastingState: 0,
    shareGuideOpen: false,
    castCode: options.castCode ?? "876543",
    windows: options.windows ?? ["Desktop", "PowerPoint - Q3 review", "Browser - dashboard"],
    captureDevices: options.captureDevices ?? ["hdmi-in-1", "usb-capture-1"],
  };
}

/** The share user info for a sharer (deterministic). */
export function shareUserFor(sharer: Sharer, nickname?: string): ShareUserInfo {
  const rooms = sharer === "rooms";
  return {
    app_uid: rooms ? "rooms-uid-1" : sharer === "quickcast" ? "cast-uid-1" : "remote-uid-1",
    app_id: "yiqi-corp",
    user_id: rooms ? "rooms-user-1" : sharer === "quickcast" ? "cast-user-1" : "remote-user-1",
    host: rooms,
    co_host: false,
    instance_id: rooms ? 20 : 1,
    user_type: 1,
    is_creator: rooms,
    role_type: rooms ? 1 : 3,
    video_on: rooms,
    audio_on: true,
    screen_sharing: true,
    screen_share_type: 0,
    web_sharing: false,
    nickname:
      nickname ??
      (rooms ? "Yiqi Rooms" : sharer === "quickcast" ? "Quick cast laptop" : "Remote participant"),
  };
}

/** `share_info` as the wire shows it. */
export function shareInfoOf(state: RoomsDeviceState): ShareInfo {
  return state.share
    ? {
        is_sharing: true,
        quick_casting_state: state.quickCastingState,
        share_user_info: { ...state.share.user },
      }
    : { is_sharing: false, quick_casting_state: state.quickCastingState };
}

/** `Query ["Share"]` data. */
export function shareQueryOf(state: RoomsDeviceState): ShareQueryData {
  return {
    share: {
      share_info: shareInfoOf(state),
      cast_code: state.castCode,
      capture_device_list: [...state.captureDevices],
    },
  };
}
