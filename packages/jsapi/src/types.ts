/**
 * The types of the Tencent Meeting in-meeting JSAPI (`wemeet`) as SPEC Part A describes it, and of
 * the host protocol that `@yiqi/jsapi` speaks to an emulated client over `@yiqi/bridge`.
 *
 * Values Tencent does not document (the `AppHandleRespType` numbers, the error shape) are Yiqi
 * emulator decisions; compare them symbolically (`status === wemeet.AppHandleRespType.SUCCESS`).
 *
 * @module
 */
import type {
  AuthorizeSuccess,
  GetUserListOptions,
  JsApiConfigData,
  MeetingCustomerData,
  MeetingInfo,
  MeetingOpenUserInfo,
  MeetingUser,
  MeetingUserList,
  PhoneNumberResult,
  ShareOpenAppConfig,
  SidebarPositionChangedEvent,
  WebAppPositionInfoResp,
  WebAppPositionName,
} from "./apiTypes.ts";

/** Outcome of `collaboration.start` / `collaboration.end` (values are an emulator decision). */
export const AppHandleRespType = { SUCCESS: 0, CANCELED: 1, FAILED: 2 } as const;
/** One of the {@link AppHandleRespType} values. */
export type AppHandleRespType = (typeof AppHandleRespType)[keyof typeof AppHandleRespType];

/** Screen-share modes (spelling `SCREEN_WHIT_AUDIO` is Tencent's). */
export const ScreenShareMode = { SCREEN_ONLY: 1, SCREEN_WHIT_AUDIO: 2 } as const;
/** One of the {@link ScreenShareMode} values. */
export type ScreenShareMode = (typeof ScreenShareMode)[keyof typeof ScreenShareMode];

/** Result of `wemeet.app.compare(version)`: the client version compared with the argument. */
export const VersionCompareType = { LESS: -1, EQUAL: 0, GREATER: 1 } as const;
/** One of the {@link VersionCompareType} values. */
export type VersionCompareType = (typeof VersionCompareType)[keyof typeof VersionCompareType];

/** `roleType` of a meeting member (SPEC A4). */
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
/** One of the {@link RoleType} values. */
export type RoleType = (typeof RoleType)[keyof typeof RoleType];

/** Client platforms of the Tencent Meeting client (the UA's `os_name`). */
export type Platform = "Windows" | "Mac" | "Linux" | "iOS" | "Android";

/** What `start` / `end` report through their callback. */
export interface AppHandleResp {
  status: AppHandleRespType;
  message: string;
}

/** Argument of `wemeet.collaboration.start`. */
export interface StartCollaborationOptions {
  /** What joiners open; defaults to the collaboration config url, then the starter's page URL. */
  url?: string;
  callback?: (resp: AppHandleResp) => void;
}

/** Argument of `wemeet.collaboration.end`. */
export interface EndCollaborationOptions {
  callback?: (resp: AppHandleResp) => void;
}

/** Result of `wemeet.collaboration.getContext()` (note `activeID` with a capital D). */
export interface CollaborationContext {
  activeID: string;
  url: string;
}

/** Argument of `wemeet.collaboration.setCollaborationConfig`. */
export interface CollaborationConfig {
  /** What joiners open (default: the starter's current page URL). */
  url?: string;
  /** Show the 一起用 button in the app's top bar (default true). */
  visible?: boolean;
}

/** The `action` of a `collaboration-change` event. */
export type CollaborationAction = "start" | "join" | "leave" | "end";

/** Payload of the `collaboration-change` event. */
export interface CollaborationChangeEvent {
  action: CollaborationAction;
  activeId: string;
  /** The acting participant. */
  msOpenId: string;
  /** Only for users who authorised the app. */
  openId?: string;
  timestamp: number;
}

/** `scene` of `getRunningContext()`; `inmeeting` is the seed's legacy spelling (an option). */
export type RunningScene =
  | "inMeeting"
  | "inmeeting"
  | "inCollaboration"
  | "preMeetingSchedule"
  | "preMeetingDetail"
  | "inWaitingRoom"
  | "historyMeetingDetail"
  | "profileBusinessCard"
  | "unknown";

/** Result of `wemeet.app.getRunningContext()`; the ids are present from client 3.14 on. */
export interface RunningContext {
  scene: RunningScene;
  msMeetingId?: string;
  msOpenId?: string;
  deviceId?: string;
}

/** Result of `wemeet.app.getAppInfo()` (APPINFO). */
export interface AppInfo {
  appVersion: string;
  clientLanguage: string;
  /** The device-type id (Tencent's REST `instanceid`: 1 PC, 2 Mac, 3 Android, 4 iOS, 10 Linux). */
  instanceId: number;
}

/** Payload of `user-join` (EVT-LIST: `avatar`, where `getUserInfo` has `avatarUrl`). */
export interface UserJoinEvent {
  msOpenId: string;
  nickname: string;
  /** Absent unless the user authorised the app. */
  openId?: string;
  roleType: RoleType;
  /** Omitted in some cases (interview, PSTN). */
  avatar?: string;
  openCorpId: string;
  userId: string;
}

/** Payload of `inmeeting-user-info`. */
export interface InMeetingUserInfoEvent {
  isHost: boolean;
  isCohost: boolean;
  nickname: string;
}

/** Payload of `user-audio-status`. */
export interface UserAudioStatusEvent {
  msOpenId: string;
  isAudioOn: boolean;
}

/**
 * Payload of `speaking-members-changed`: one `MeetingUser` (EVT-LIST names the type in the
 * singular; one event per speaking member, docs/decisions/0118-events.md).
 */
export type SpeakingMembersChangedEvent = MeetingUser;

/** Every documented event and its payload. */
export interface WemeetEventMap {
  "collaboration-change": CollaborationChangeEvent;
  "user-join": UserJoinEvent;
  "inmeeting-user-info": InMeetingUserInfoEvent;
  "user-audio-status": UserAudioStatusEvent;
  "speaking-members-changed": SpeakingMembersChangedEvent;
  "sidebar-position-changed": SidebarPositionChangedEvent;
}

/** A documented event name. */
export type WemeetEventName = keyof WemeetEventMap;

/**
 * Argument of `wemeet.permission.agentConfig` (third-party apps): `AuthConfigParam` (§3
 * AGENT-MD), every value a String but `timeout`.
 */
export interface AgentConfigOptions {
  /** The app id (`sdk_id`). */
  sdkId: string;
  /** The enterprise id (`corp_id`). */
  corpId: string;
  /** Lowercase hex SHA-256 over the signing string, from the app's server. */
  signature: string;
  /** The nonce the signature was computed with. */
  nonceStr: string;
  /** The timestamp the signature was computed with, as a String (e.g. `"1700000000"`). */
  timestamp: string;
  /** ms (AGENT-MD / CONFIG-MD list it; the bridge's call timeout applies either way). */
  timeout?: number;
}

/**
 * Argument of `wemeet.permission.config` (self-built apps): the same fields as
 * `agentConfig`, `corpId` included (§3 CONFIG-MD; docs/decisions/0120-faithful-gates.md).
 */
export interface ConfigOptions {
  /** The app id (`sdk_id`). */
  sdkId: string;
  /** The enterprise id (`corp_id`). */
  corpId: string;
  /** Lowercase hex SHA-256 over the signing string, from the app's server. */
  signature: string;
  /** The nonce the signature was computed with. */
  nonceStr: string;
  /** The timestamp the signature was computed with, as a String (e.g. `"1700000000"`). */
  timestamp: string;
  /** ms (AGENT-MD / CONFIG-MD list it; the bridge's call timeout applies either way). */
  timeout?: number;
}

/**
 * Error codes of every rejection `@yiqi/jsapi` produces. The numbers are an emulator decision
 * (SPEC A3: rejections carry `{ errCode, errMsg }`); `code` is the stable symbolic name.
 */
export const WemeetErrorCode = {
  NOT_IN_WEMEET: 1001,
  UNSUPPORTED_VERSION: 1002,
  NOT_PERMITTED: 1003,
  NO_ACTIVE_SESSION: 1004,
  ALREADY_JOINED: 1005,
  NOT_JOINED: 1006,
  SESSION_ACTIVE: 1007,
  INVALID_ARGUMENT: 1008,
  AUTH_REQUIRED: 1009,
  SIGNATURE_INVALID: 1010,
  TICKET_INVALID: 1011,
  NOT_EMULATED: 1012,
  INSTANCE_CLOSED: 1013,
  CANCELED: 1014,
  BRIDGE_FAILED: 1015,
  TIMEOUT: 1016,
  UNSUPPORTED_PLATFORM: 1017,
  UNSUPPORTED_SCENE: 1018,
} as const;
/** A symbolic error code name. */
export type WemeetErrorCodeName = keyof typeof WemeetErrorCode;

/** The plain-data form of an error, as it crosses the bridge and as apps see it. */
export interface WemeetErrorData {
  errCode: number;
  errMsg: string;
  code: WemeetErrorCodeName;
  /**
   * The API's own documented code, where Tencent lists one for this failure (e.g. 2011 "HTTPS
   * only" of `ui.openExternalPage`, 2 "platform not supported" of the window-share calls).
   */
  apiCode?: number;
}

/** What a host method answers: a value, or a domain error (never thrown across the wire). */
export type HostResult<T> = { ok: true; value: T } | { ok: false; error: WemeetErrorData };

/** What the host tells an app instance about its client at connection time. */
export interface HostEnvironment {
  /** The emulated client version, e.g. `3.12.0.400`. */
  clientVersion: string;
  platform: Platform;
  /** e.g. `zh-CN`. */
  language: string;
  /** The UA the emulated client would send (with `app/tencent_wemeet`). */
  userAgent: string;
  /** The id of this app instance. */
  instanceId: string;
  /**
   * The notice protocol the host takes (`WemeetNoticeApi.notify`, decision 0306): the client
   * then reports its listeners and, per delivered event, whether they ran or threw. Hosts that
   * predate notices leave it out, and the client sends none.
   */
  notices?: number;
  /**
   * The batch form of the notices the host also takes (`NOTICE_BATCHES_PROTOCOL`, decision
   * 0019): the client may send several queued notices as one `{ kind: "batch", notices }`.
   * Hosts that predate it leave it out, and the client sends one notice per message.
   */
  noticeBatches?: number;
}

/**
 * The methods an emulated client serves to one app instance over `@yiqi/bridge`. The host binds
 * the calling participant at handshake; nothing here carries identity.
 */
export interface WemeetHostApi {
  getEnvironment(): Promise<HostEnvironment>;
  collaborationStart(args: { url?: string; pageUrl: string }): Promise<HostResult<AppHandleResp>>;
  collaborationEnd(args: Record<string, never>): Promise<HostResult<AppHandleResp>>;
  collaborationJoin(): Promise<HostResult<null>>;
  collaborationLeave(): Promise<HostResult<null>>;
  collaborationGetContext(): Promise<HostResult<CollaborationContext>>;
  collaborationSetConfig(
    args: CollaborationConfig & { pageUrl: string },
  ): Promise<HostResult<null>>;
  appGetRunningContext(): Promise<HostResult<RunningContext>>;
  appGetAppInfo(): Promise<HostResult<AppInfo>>;
  permissionAgentConfig(args: AgentConfigOptions & { pageUrl: string }): Promise<HostResult<null>>;
  permissionConfig(args: ConfigOptions & { pageUrl: string }): Promise<HostResult<null>>;
  appSetShareOpenAppConfig(args: ShareOpenAppConfig): Promise<HostResult<null>>;
  appShareOpenApp(): Promise<HostResult<null>>;
  appShareWebAppWindow(args: { mode: number }): Promise<HostResult<null>>;
  appConfigShareWebAppWindow(args: { shareButton: number }): Promise<HostResult<null>>;
  appStopShareWebAppWindow(args: Record<string, never>): Promise<HostResult<null>>;
  permissionCheckJsApiConfig(args: { timeout?: number }): Promise<HostResult<JsApiConfigData>>;
  permissionAuthorize(args: { timeout?: number }): Promise<HostResult<AuthorizeSuccess>>;
  dataGetPhoneNumber(args: Record<string, never>): Promise<HostResult<PhoneNumberResult>>;
  meetingGetCurrMeetingInfo(): Promise<HostResult<MeetingInfo>>;
  meetingGetUserInfo(): Promise<HostResult<MeetingOpenUserInfo>>;
  meetingGetUserList(args: GetUserListOptions): Promise<HostResult<MeetingUserList>>;
  meetingGetCustomerData(): Promise<HostResult<MeetingCustomerData>>;
  uiCloseLoading(): Promise<HostResult<null>>;
  uiExitFullscreen(): Promise<HostResult<null>>;
  /**
   * `ui.changeWebAppPosition`: moves the app to `position`, by name or by its
   * `WebAppPosition` flag (1 popup, 2 side bar, 4 main meeting view).
   */
  uiChangeWebAppPosition(args: {
    position: WebAppPositionName | 1 | 2 | 4;
  }): Promise<HostResult<null>>;
  uiGetWebAppPosition(): Promise<HostResult<WebAppPositionInfoResp>>;
  uiSetWindowShareMode(args: { mode: number }): Promise<HostResult<null>>;
  uiSetMoreMenu(args: { menuList: number[] }): Promise<HostResult<null>>;
  uiOpenExternalPage(args: { url: string }): Promise<HostResult<null>>;
  uiSetVirtualBackground(args: {
    contentType: string;
    url: string;
    md5?: string;
  }): Promise<HostResult<{ Code: number; Message: string }>>;
  uiSetVirtualBackgroundByType(args: { backgroundType: number }): Promise<HostResult<null>>;
  uiOpenVirtualBackgroundSetting(): Promise<HostResult<null>>;
  uiShareUserScreen(args: Record<string, unknown>): Promise<HostResult<null>>;
  /** Any call outside the emulated surface (e.g. `ui.setWebModalAction`), recorded by the host. */
  invokeUnknown(args: { path: string; args: unknown[] }): Promise<HostResult<unknown>>;
}

/** The bridge event name that carries a `wemeet` event from host to app. */
export const WEMEET_EVENT = "wemeet-event";

/**
 * Payload of a {@link WEMEET_EVENT} bridge event. `id` (optional) names this delivery to this
 * instance; the client's `handled` notice quotes it.
 */
export type WemeetEventMessage = {
  [K in WemeetEventName]: { name: K; payload: WemeetEventMap[K]; id?: number };
}[WemeetEventName];

/** The bridge namespace of the wemeet host protocol. */
export const WEMEET_NAMESPACE = "yiqi.wemeet";

/** The version of the wemeet host protocol (bump on incompatible changes to {@link WemeetHostApi}). */
export const WEMEET_PROTOCOL = 1;
