/**
 * The types of the `wemeet` object apps use: one interface per namespace, one member per call
 * of `reference/wemeet-jsapi.md` (the API table, `JSAPI_TABLE` and `JSAPI_CLIENT_CALLS`).
 *
 * @module
 */
import type {
  AuthorizeBizCode,
  AuthorizeOptions,
  BackgroundType,
  GetUserListOptions,
  HeaderMenuItem,
  JsApiConfigData,
  MatterContentType,
  MeetingCustomerData,
  MeetingInfo,
  MeetingOpenUserInfo,
  MeetingType,
  MeetingUserList,
  PhoneNumberResult,
  ResultCallbacks,
  ShareButton,
  ShareOpenAppConfig,
  VirtualBackgroundOptions,
  WebAppPosition,
  WebAppPositionInfoResp,
  WebAppPositionName,
  WindowShareMode,
} from "./apiTypes.ts";
import type { WemeetError } from "./errors.ts";
import type {
  AgentConfigOptions,
  AppHandleResp,
  AppHandleRespType,
  AppInfo,
  CollaborationConfig,
  CollaborationContext,
  ConfigOptions,
  EndCollaborationOptions,
  RunningContext,
  ScreenShareMode,
  StartCollaborationOptions,
  VersionCompareType,
  WemeetEventMap,
  WemeetEventName,
} from "./types.ts";
import type { AppVersion } from "./version.ts";

/** A listener of one `wemeet` event. */
export type WemeetListener<K extends WemeetEventName> = (payload: WemeetEventMap[K]) => void;

/** `wemeet.event` and its aliases on `wemeet` (§8). */
export interface WemeetEvents {
  addEventListener<K extends WemeetEventName>(name: K, listener: WemeetListener<K>): void;
  removeEventListener<K extends WemeetEventName>(name: K, listener: WemeetListener<K>): void;
  /** Removes every listener of `name`. */
  removeEventListeners(name: WemeetEventName): void;
  /** Removes every listener of every event (singular, as Tencent documents it). */
  removeAllEventListener(): void;
}

/** `wemeet.collaboration` (§7). */
export interface WemeetCollaboration {
  /** Starts a 一起用 session (host and co-hosts). Reports through `callback` and the Promise. */
  start(options?: StartCollaborationOptions): Promise<AppHandleResp>;
  /** Ends the session. Reports through `callback` and the Promise. */
  end(options?: EndCollaborationOptions): Promise<AppHandleResp>;
  join(): Promise<void>;
  leave(): Promise<void>;
  getContext(): Promise<CollaborationContext>;
  setCollaborationConfig(config: CollaborationConfig): Promise<void>;
}

/** Window-share options with `success` / `fail` callbacks (SHARE). */
export type ShareCallbacks = ResultCallbacks<undefined, WemeetError>;

/** `wemeet.app` (§2, §6). */
export interface WemeetApp {
  getRunningContext(): Promise<RunningContext>;
  getAppInfo(): Promise<AppInfo>;
  /**
   * The client version (from the host, or the UA until the host has answered): call it
   * (`version()`) or use it as a string (`String(version)`, `` `${version}` ``); only `===`
   * with a string literal differs (decision 0119).
   */
  readonly version: AppVersion;
  /** Compares the client version with `version` (CMP: a Promise). */
  compare(version: string | AppVersion): Promise<VersionCompareType>;
  /** The top-bar share button and the share card's content (3.3.0). */
  setShareOpenAppConfig(config: ShareOpenAppConfig): Promise<void>;
  /** Opens the native "share this app" UI (3.3.0). */
  shareOpenApp(): Promise<void>;
  /** Shares the app window (3.10.0, Windows/Mac). */
  shareWebAppWindow(options: { mode: ScreenShareMode } & ShareCallbacks): Promise<void>;
  /** Shows (1) or hides (2) the share entry (3.10.0, Windows/Mac). */
  configShareWebAppWindow(options: { shareButton: ShareButton }): Promise<void>;
  /** Asks the user to stop the window share (3.10.5, Windows/Mac). */
  stopShareWebAppWindow(options?: ShareCallbacks): Promise<void>;
}

/** `wemeet.permission` (§3). */
export interface WemeetPermission {
  agentConfig(options: AgentConfigOptions): Promise<void>;
  config(options: ConfigOptions): Promise<void>;
  /** 1 once this page's agentConfig / config succeeded, else 0. */
  checkJsApiConfig(timeout?: number): Promise<JsApiConfigData>;
  /**
   * The OAuth consent dialog (3.16.0). Resolves `undefined` (§3: `Promise<void>`); the code
   * goes to `success({ authCode })`; `fail` and `failure` both receive the refusal.
   */
  authorize(options?: AuthorizeOptions): Promise<void>;
}

/** `wemeet.meeting` (§4): all need auth except `getCustomerData`. */
export interface WemeetMeeting {
  getCurrMeetingInfo(): Promise<MeetingInfo>;
  getUserInfo(): Promise<MeetingOpenUserInfo>;
  /** Host only; pages start after `index`. */
  getUserList(options?: GetUserListOptions): Promise<MeetingUserList>;
  getCustomerData(): Promise<MeetingCustomerData>;
}

/** `wemeet.data` (§4). */
export interface WemeetData {
  getPhoneNumber(options?: ResultCallbacks<PhoneNumberResult>): Promise<PhoneNumberResult>;
}

/** `wemeet.ui` (§5, §6). */
export interface WemeetUi {
  closeLoading(): Promise<void>;
  exitFullscreen(): Promise<void>;
  /** A position name, or its `WebAppPosition` flag (CHGPOS types it Number). */
  changeWebAppPosition(options: { position: WebAppPositionName | 1 | 2 | 4 }): Promise<void>;
  getWebAppPosition(): Promise<WebAppPositionInfoResp>;
  setWindowShareMode(options: { mode: WindowShareMode }): Promise<void>;
  setMoreMenu(options: { menuList: HeaderMenuItem[] }): Promise<void>;
  openExternalPage(
    options: { url: string } & ResultCallbacks<undefined, WemeetError>,
  ): Promise<void>;
  setVirtualBackground(
    options: VirtualBackgroundOptions,
  ): Promise<{ Code: number; Message: string }>;
  setVirtualBackgroundByType(options: { backgroundType: BackgroundType }): Promise<void>;
  openVirtualBackgroundSetting(): Promise<void>;
  /** Mobile screen share (3.10.0, iOS/Android); parameters are not documented. */
  shareUserScreen(options?: Record<string, unknown>): Promise<void>;
}

/** The `wemeet` object (reference §§2–8). */
export interface Wemeet extends WemeetEvents {
  readonly isInWemeet: boolean;
  readonly AppHandleRespType: typeof AppHandleRespType;
  readonly ScreenShareMode: typeof ScreenShareMode;
  readonly VersionCompareType: typeof VersionCompareType;
  readonly WindowShareMode: typeof WindowShareMode;
  readonly HeaderMenuItem: typeof HeaderMenuItem;
  readonly MatterContentType: typeof MatterContentType;
  readonly enums: {
    readonly BackgroundType: typeof BackgroundType;
    readonly MeetingType: typeof MeetingType;
    readonly WebAppPosition: typeof WebAppPosition;
    readonly AuthorizeBizCode: typeof AuthorizeBizCode;
  };
  readonly collaboration: WemeetCollaboration;
  readonly app: WemeetApp;
  readonly event: WemeetEvents;
  readonly permission: WemeetPermission;
  readonly meeting: WemeetMeeting;
  readonly data: WemeetData;
  readonly ui: WemeetUi;
}

/** Options of `createWemeet`. */
export interface CreateWemeetOptions {
  /** The page URL sent where the client needs it (default `location.href`). */
  pageUrl?: () => string;
  /** The UA to read `isInWemeet` and the fallback version from (default `navigator.userAgent`). */
  userAgent?: string;
  /** Reports errors thrown by app callbacks and listeners (default: `reportError`). */
  reportError?: (error: unknown) => void;
}
