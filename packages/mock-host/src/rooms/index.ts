/**
 * The emulated Meeting Rooms device (SPEC Part B): a deterministic dispatcher for the control API
 * (`Query`, `Call/<Module>` for Meeting, Device, MeetingControl, Invite and Share, `Subscribe`,
 * pushed `Event/<Module>`) over a simulated world (a meeting with members, devices, invitations),
 * printed as the real device prints it, and its msw mount. Real servers: `@yiqi/mock-host/node` and `@yiqi/mock-host/deno`.
 *
 * @example
 * ```ts
 * import { RoomsDevice } from "@yiqi/mock-host";
 *
 * const device = new RoomsDevice({ inMeeting: true });
 * device.handle('{"jsonrpc":"2.0","id":"1","method":"Query","params":{"path":["Share"]}}');
 * ```
 * @module
 */
export {
  constantTimeEqual,
  type RoomsAdmission,
  type RoomsAuth,
} from "./auth.ts";
export { describeValue } from "./describe.ts";
export { deviceModule, TEST_LEVEL } from "./deviceModule.ts";
export { type EnvelopeResult, parseEnvelope, type ValidRequest } from "./envelope.ts";
export { inviteModule } from "./inviteModule.ts";
export {
  AuthLimiter,
  clientKey,
  DEFAULT_ROOMS_MAX_PAYLOAD,
  DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD,
  type RoomsAuthLimitOptions,
} from "./limits.ts";
export { meetingControlModule } from "./meetingControlModule.ts";
export { meetingModule } from "./meetingModule.ts";
export { abilityModule, membersModule } from "./membersModule.ts";
export type {
  ActionDef,
  EventView,
  HandlerInfo,
  ModuleDef,
  Outcome,
  Precondition,
} from "./module.ts";
export { DEFAULT_ROOMS_ALLOWED_ORIGINS, normalizeOrigins, originRefusal } from "./origin.ts";
export { checkParams, type FieldSpec, type ParamSpec } from "./params.ts";
export {
  ROOMS_MODULES,
  type RoomsConnectInfo,
  type RoomsConnection,
  RoomsDevice,
  type RoomsDeviceOptions,
  type RoomsLogEntry,
  type RoomsTransport,
} from "./RoomsDevice.ts";
export { RequestRateLimit, type RoomsRateLimitOptions } from "./rateLimit.ts";
export { DEFAULT_ROOMS_URL, type RoomsLinkOptions, roomsLink } from "./roomsLink.ts";
export { shareModule } from "./shareModule.ts";
export {
  type AbilityState,
  type AudioDevice,
  activeMeeting,
  DEFAULT_MEETING_CODE,
  DEFAULT_ROOMS_PASSWORD,
  DEFAULT_ROOMS_VERSION,
  type DevicesState,
  formatMeetingCode,
  type InviteState,
  initialRoomsState,
  type MeetingPlan,
  type MeetingState,
  type MemberState,
  ROOMS_USER_ID,
  type RoomsDeviceState,
  type RoomsDeviceStateOptions,
  type Sharer,
  type ShareState,
} from "./state.ts";
export {
  meetingInfoOf,
  membersQueryOf,
  roomsUserOf,
  shareInfoOf,
  shareQueryOf,
} from "./views.ts";
export { eventFrame, type RoomsWire, responseFrame, stringifyDevice } from "./wire.ts";
