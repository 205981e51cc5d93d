/**
 * `@yiqi/jsapi`: the typed `wemeet` client of the Tencent Meeting in-meeting JSAPI (SPEC Part A),
 * over `@yiqi/bridge`, and a classic-script shim (`@yiqi/jsapi/wemeet-js-sdk.js`) for unmodified
 * apps that load Tencent's SDK script.
 *
 * @example
 * ```ts
 * import { connectWemeet } from "@yiqi/jsapi";
 *
 * const wemeet = connectWemeet(); // inside the Yiqi harness or any Yiqi host
 * wemeet.addEventListener("collaboration-change", ({ action, msOpenId }) => {
 *   console.log(`${msOpenId} did ${action}`);
 * });
 * const { scene } = await wemeet.app.getRunningContext();
 * if (scene === "inMeeting") await wemeet.collaboration.start({ callback: ({ status }) => console.log(status) });
 * ```
 * @module
 */
export {
  checkParams,
  type FieldSpec,
  type FieldType,
  fieldProblem,
  type ParamSpec,
} from "./apiParams.ts";
export {
  apiCodeFor,
  type CallbackNames,
  type DocumentedError,
  HOST_METHODS,
  JSAPI_CLIENT_CALLS,
  JSAPI_EVENTS,
  JSAPI_TABLE,
  type JsapiEntry,
  type JsapiEventEntry,
  REFERENCE_SECTIONS,
  type ReferenceSection,
  RUNNING_CONTEXT_IDS_SINCE,
  type SceneRule,
  WAITING_ROOM_SINCE,
} from "./apiTable.ts";
export {
  AuthorizeBizCode,
  type AuthorizeFailure,
  type AuthorizeOptions,
  type AuthorizeSuccess,
  BackgroundType,
  type GetUserListOptions,
  HeaderMenuItem,
  JsApiConfigData,
  MatterContentType,
  type MeetingCustomerData,
  type MeetingInfo,
  type MeetingOpenUserInfo,
  MeetingType,
  type MeetingUser,
  type MeetingUserList,
  type PhoneNumberResult,
  type ResultCallbacks,
  ShareButton,
  type ShareOpenAppConfig,
  type SidebarPositionChangedEvent,
  type VirtualBackgroundOptions,
  WebAppPosition,
  type WebAppPositionInfoResp,
  type WebAppPositionName,
  WindowShareMode,
} from "./apiTypes.ts";
export { type ConnectWemeetOptions, connectWemeet, detectHostOrigin } from "./connect.ts";
export { WemeetError } from "./errors.ts";
export {
  type HandlerErrorReport,
  handlerErrorReport,
  MAX_NOTICE_BATCH,
  NOTICE_BATCHES_PROTOCOL,
  NOTICE_LIMITS,
  NOTICES_PROTOCOL,
  type WemeetNotice,
  type WemeetNoticeApi,
  type WemeetNoticeBatch,
} from "./notices.ts";
export {
  type AgentConfigOptions,
  type AppHandleResp,
  AppHandleRespType,
  type AppInfo,
  type CollaborationAction,
  type CollaborationChangeEvent,
  type CollaborationConfig,
  type CollaborationContext,
  type ConfigOptions,
  type EndCollaborationOptions,
  type HostEnvironment,
  type HostResult,
  type InMeetingUserInfoEvent,
  type Platform,
  RoleType,
  type RunningContext,
  type RunningScene,
  ScreenShareMode,
  type SpeakingMembersChangedEvent,
  type StartCollaborationOptions,
  type UserAudioStatusEvent,
  type UserJoinEvent,
  VersionCompareType,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  WemeetErrorCode,
  type WemeetErrorCodeName,
  type WemeetErrorData,
  type WemeetEventMap,
  type WemeetEventMessage,
  type WemeetEventName,
  type WemeetHostApi,
} from "./types.ts";
export {
  type AppVersion,
  appVersion,
  compareVersions,
  userAgentIsWemeet,
  versionFromUserAgent,
} from "./version.ts";
export {
  describeVersions,
  firstVersion,
  isVersionSupported,
  type VersionRange,
} from "./versionRanges.ts";
export {
  type CreateWemeetOptions,
  createWemeet,
  type ShareCallbacks,
  type Wemeet,
  type WemeetApp,
  type WemeetCollaboration,
  type WemeetData,
  type WemeetEvents,
  type WemeetListener,
  type WemeetMeeting,
  type WemeetPermission,
  type WemeetUi,
} from "./wemeet.ts";
