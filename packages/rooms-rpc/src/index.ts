/**
 * `@yiqi/rooms-rpc`: a typed client for the Tencent Meeting Rooms control API (中控 API):
 * JSON-RPC 2.0 over a WebSocket to the device's port 6295, authenticated with the `auth-`
 * subprotocol. Runs in browsers and Deno as is; on Node 20 import from `@yiqi/rooms-rpc/node`
 * (or pass `options.WebSocket`).
 *
 * @example
 * ```ts
 * import { RoomsClient, RoomsError } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * try {
 *   await client.share.startShare({ share_type: 0, fluency_first: true, share_voice: false });
 * } catch (e) {
 *   if (e instanceof RoomsError) console.log(e.code, e.errorCode, e.errorName, e.message);
 * }
 * await client.close();
 * ```
 * @module
 */
export { AUTH_PROTOCOL_PREFIX, authProtocol, passwordFromProtocol } from "./auth.ts";
export {
  type AudioDeviceInfo,
  CameraFrameMode,
  type CameraInfo,
  createDeviceApi,
  DEVICE_ACTIONS,
  type DeviceAction,
  type DeviceActionParams,
  type DeviceApi,
  type DeviceEvent,
  type DeviceEventPayloads,
  type DeviceInfo,
  type DeviceQueryData,
  type PtzAxis,
  type PtzInfo,
} from "./device.ts";
export {
  describeErrorCode,
  type ErrorCodeInfo,
  JsonRpcErrorCodes,
  ROOMS_ERROR_CODES,
  RoomsErrorCodes,
} from "./errorCodes.ts";
export {
  createInviteApi,
  type DialPstnParams,
  type DialUiState,
  INVITE_ACTIONS,
  type InviteAction,
  type InviteApi,
  type InviteEvent,
  type InviteEventPayloads,
  type InviteQueryData,
  type PstnInfo,
  type RoomsInviteInfo,
} from "./invite.ts";
export {
  createMeetingApi,
  type JoinMeetingParams,
  MEETING_ACTIONS,
  type MeetingAction,
  type MeetingApi,
  type MeetingEvent,
  type MeetingEventPayloads,
  type MeetingInfo,
  type MeetingListItem,
  type MeetingQueryData,
  MeetingStatus,
  type MeetingTime,
  RoomsMeetingType,
  type ScreenLayoutInfo,
  type StartMeetingParams,
} from "./meeting.ts";
export {
  type CaptionSetting,
  createMeetingControlApi,
  type ListMemberIdsParams,
  MEETING_CONTROL_ACTIONS,
  type MeetingControlAction,
  type MeetingControlActionParams,
  type MeetingControlApi,
  type MeetingControlEvent,
  type MeetingControlEventPayloads,
  type MeetingControlOptions,
  type MeetingControlQueryData,
} from "./meetingControl.ts";
export {
  type AbilityApi,
  type AbilityQueryData,
  createAbilityApi,
  createMembersApi,
  type MembersApi,
  type MembersEvent,
  type MembersEventPayloads,
  type MembersQueryData,
} from "./members.ts";
export { ROOMS_ACTIONS, ROOMS_QUERY_PATHS } from "./modules.ts";
export {
  actionSince,
  type ConnectionStatus,
  type ReconnectOptions,
  RoomsClient,
  type RoomsClientOptions,
  type RoomsEventFor,
  type RoomsEventListener,
  type RoomsEventMap,
  type WebSocketConstructorLike,
  type WebSocketLike,
} from "./RoomsClient.ts";
export { deviceError, RoomsError, RoomsErrorCode, type RoomsErrorDetails } from "./RoomsError.ts";
export {
  type CallOptions,
  createShareApi,
  type QuickShareParams,
  type RoomsCaller,
  SHARE_ACTIONS,
  SHARE_QUERY,
  type ShareAction,
  type ShareActionParams,
  type ShareApi,
  type ShareEvent,
  type ShareEventPayloads,
  ShareType,
  type StartShareParams,
  type StartWindowShareParams,
} from "./share.ts";
export type {
  CastCodeQueryData,
  RoomsEventMessage,
  RoomsEventParams,
  RoomsId,
  RoomsJsonRpcError,
  RoomsMethod,
  RoomsRequest,
  RoomsResponse,
  RoomsResult,
  RoomsUserInfo,
  ShareInfo,
  ShareQueryData,
  ShareUserInfo,
} from "./types.ts";
export { QuickCastingState, RoleType } from "./types.ts";
export { compareVersions, isVersionAtLeast, isVersionString } from "./version.ts";
