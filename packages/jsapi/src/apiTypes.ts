/**
 * Types and constants of the `wemeet` calls beyond collaboration (reference §§2–6: meeting data,
 * UI, window share, "share this app", OAuth consent). Field names are Tencent's, typos included
 * (`SCREEN_WHIT_AUDIO`, `WECHART_PRIVATE`, `UN_KNOW`). Values Tencent does not publish
 * (`WindowShareMode`, `HeaderMenuItem`, `BackgroundType`) are emulator decisions
 * (docs/decisions/0113-undocumented-constants.md): compare them symbolically.
 *
 * @module
 */
import type { RoleType } from "./types.ts";

/** `permission.checkJsApiConfig()` result: 0 failed, 1 success (CHECK-MD). */
export const JsApiConfigData = { FAILED: 0, SUCCESS: 1 } as const;
/** One of the {@link JsApiConfigData} values. */
export type JsApiConfigData = (typeof JsApiConfigData)[keyof typeof JsApiConfigData];

/** `permission.authorize` `fail({ bizCode })` values (AUTH3P-MD). */
export const AuthorizeBizCode = {
  SUCCEEDED: 0,
  APPLY_SUCCEED: 1,
  CLOSED: 2,
  REJECTED: 3,
  UN_KNOW: 4,
} as const;
/** One of the {@link AuthorizeBizCode} values. */
export type AuthorizeBizCode = (typeof AuthorizeBizCode)[keyof typeof AuthorizeBizCode];

/** `meetingType` of `meeting.getCurrMeetingInfo()` (MINFO). */
export const MeetingType = {
  REGULAR: 0,
  RECURRING: 1,
  WECHART_PRIVATE: 2,
  ROOMS_PROJECTION: 3,
  QUICK_START: 4,
  QUICK_PERSONAL: 5,
  WEBINAR: 6,
} as const;
/** One of the {@link MeetingType} values. */
export type MeetingType = (typeof MeetingType)[keyof typeof MeetingType];

/** Bit flags of `ui.getWebAppPosition()` and `sidebar-position-changed` (GETPOS, EVT-LIST). */
export const WebAppPosition = {
  POPUP: 1,
  SIDEBAR: 2,
  MAJOR_MEETING: 4,
  CUSTOM_LAYOUT: 8,
  OVERLAY_LAYOUT: 16,
} as const;
/** One of the {@link WebAppPosition} values. */
export type WebAppPosition = (typeof WebAppPosition)[keyof typeof WebAppPosition];

/** `ui.setWindowShareMode({ mode })`: `ENABLE` is documented, its value and `DISABLE` are ours. */
export const WindowShareMode = { DISABLE: 0, ENABLE: 1 } as const;
/** One of the {@link WindowShareMode} values. */
export type WindowShareMode = (typeof WindowShareMode)[keyof typeof WindowShareMode];

/** Items of `ui.setMoreMenu({ menuList })` (names documented, values ours). */
export const HeaderMenuItem = { COPY_URL: 1, EXTERNAL_BROWSER: 2 } as const;
/** One of the {@link HeaderMenuItem} values. */
export type HeaderMenuItem = (typeof HeaderMenuItem)[keyof typeof HeaderMenuItem];

/** `wemeet.enums.BackgroundType` (names documented, values ours). */
export const BackgroundType = { NULL: 0, BLUR: 1 } as const;
/** One of the {@link BackgroundType} values. */
export type BackgroundType = (typeof BackgroundType)[keyof typeof BackgroundType];

/** `contentType` of `ui.setVirtualBackground` (VB1; the example's `MatterContentType.BMP`). */
export const MatterContentType = {
  PNG: "image/png",
  JPEG: "image/jpeg",
  BMP: "image/bmp",
  MP4: "video/mp4",
  MOV: "video/quicktime",
} as const;
/** One of the {@link MatterContentType} values. */
export type MatterContentType = (typeof MatterContentType)[keyof typeof MatterContentType];

/** `shareButton` of `app.configShareWebAppWindow`: 1 show, 2 hide (SHARE). */
export const ShareButton = { SHOW: 1, HIDE: 2 } as const;
/** One of the {@link ShareButton} values. */
export type ShareButton = (typeof ShareButton)[keyof typeof ShareButton];

/** Result of `meeting.getCurrMeetingInfo()` (MINFO). */
export interface MeetingInfo {
  breakoutRoomId: string;
  breakoutRoomName: string;
  enableWatermark: boolean;
  isBreakoutRoomStarted: boolean;
  isInBreakOutRoom: boolean;
  isInMeeting: boolean;
  meetingCode: string;
  meetingId: string;
  meetingSubject: string;
  meetingType: MeetingType;
  roleType: RoleType;
  /** Recurring meetings' sub-meeting id, from client 3.7.0. */
  subMeetingId?: string;
}

/** Result of `meeting.getUserInfo()` (USERINFO; note `avatarUrl`, where `user-join` has `avatar`). */
export interface MeetingOpenUserInfo {
  /** Absent until the user authorised the app. */
  openId?: string;
  nickname: string;
  msOpenId: string;
  /** From client 3.4.0. */
  openCorpId?: string;
  roleType: RoleType;
  /** From client 3.7.0. */
  avatarUrl?: string;
}

/** One member of `meeting.getUserList()` and the payload of `speaking-members-changed`. */
export interface MeetingUser {
  /** Paging anchor: the next page starts after it. */
  index: string;
  /** Absent until the user authorised the app. */
  openId?: string;
  nickname: string;
  msOpenId: string;
  roleType: RoleType;
}

/** Result of `meeting.getUserList()` (ULIST; `timeout` is in Tencent's result table, sic). */
export interface MeetingUserList {
  hasMore: boolean;
  timeout?: number;
  userList: MeetingUser[];
}

/** Argument of `meeting.getUserList` (paging input is undocumented: decision 0116). */
export interface GetUserListOptions {
  /** Start after this member's `index` (the previous page's last). */
  index?: string;
}

/** Result of `meeting.getCustomerData()` (CUSTDATA-MD). */
export interface MeetingCustomerData {
  customerData: string;
}

/** What `data.getPhoneNumber` callbacks and Promise receive (PHONE): 0 success, 1 cancel. */
export interface PhoneNumberResult {
  code: 0 | 1;
  message: string;
  /** Valid five minutes, single use; the app's server exchanges it. */
  token: string;
}

/** Success / failure callbacks a call also reports through (besides its Promise). */
export interface ResultCallbacks<T, E = unknown> {
  success?: (result: T) => void;
  fail?: (error: E) => void;
}

/** `ui.changeWebAppPosition({ position })` (CHGPOS lists strings where it says Number, sic). */
export type WebAppPositionName = "popup" | "side_bar" | "major_meeting";

/** Result of `ui.getWebAppPosition()` (GETPOS): {@link WebAppPosition} flags. */
export interface WebAppPositionInfoResp {
  position: number;
  supportPosition: number;
}

/** Argument of `ui.setVirtualBackground` (VB1: the table's and the example's callback names). */
export interface VirtualBackgroundOptions {
  contentType: MatterContentType;
  url: string;
  md5?: string;
  progress?: (p: { Code: number; Message: string }) => void;
  success?: (r: { Code: number; Message: string }) => void;
  fail?: (e: { Code: number; Message: string }) => void;
  progressCallback?: (p: { Code: number; Message: string }) => void;
  successCallback?: (r: { Code: number; Message: string }) => void;
  failedCallback?: (e: { Code: number; Message: string }) => void;
}

/** Argument of `app.setShareOpenAppConfig` (SOA-MD); every field is optional. */
export interface ShareOpenAppConfig {
  shareEnable?: boolean;
  title?: string;
  desc?: string;
  notifyDesc?: string;
  confirmBtnText?: string;
  pcUrl?: string;
  mobileUrl?: string;
}

/** What `permission.authorize` `success` receives. */
export interface AuthorizeSuccess {
  authCode: string;
}

/** What `permission.authorize` `fail` receives. */
export interface AuthorizeFailure {
  bizCode: AuthorizeBizCode;
  bizMessage: string;
}

/** Argument of `permission.authorize` (the table says `failure`, the examples `fail`: both work). */
export interface AuthorizeOptions {
  success?: (r: AuthorizeSuccess) => void;
  fail?: (e: AuthorizeFailure) => void;
  failure?: (e: AuthorizeFailure) => void;
  /** ms, default 5000. */
  timeout?: number;
}

/** Payload of `sidebar-position-changed` (EVT-LIST: capital `WebAppPosition`, sic). */
export interface SidebarPositionChangedEvent {
  WebAppPosition: WebAppPosition;
}
