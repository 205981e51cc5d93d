/**
 * The Yiqi emulator: a deterministic Tencent Meeting simulator (participants, collaboration
 * sessions, the auth server's state), a bridge host adapter that serves it to app frames,
 * headless app instances for tests, and an emulated Meeting Rooms device (the control API
 * dispatcher).
 *
 * This entry never loads msw: the msw handlers (auth endpoints, the device behind msw's
 * WebSocket interception) live under `@yiqi/mock-host/msw`, so a script that imports this entry
 * needs no extra Deno permission and exits when its work is done. Runtime-specific servers live
 * under `@yiqi/mock-host/node` and `@yiqi/mock-host/deno`. Named
 * exports only: the simulator's and the device's building blocks (module tables, envelope and
 * parameter checks, serialisers, random and result helpers) stay internal.
 *
 * @example
 * ```ts
 * import { attachApp, createMeeting } from "@yiqi/mock-host";
 * import { windowHostTransport } from "@yiqi/bridge";
 * import { RoleType } from "@yiqi/jsapi";
 *
 * const meeting = createMeeting({ participants: [{ nickname: "Host", role: RoleType.HOST }] });
 * attachApp({ meeting, participantId: "p1", transport: windowHostTransport(iframe) });
 * ```
 * @module
 */

export {
  type AttachAppOptions,
  type AttachedApp,
  attachApp,
  REPORT_GRACE_MS,
} from "./attachApp.ts";
export { type HeadlessApp, type HeadlessAppOptions, openHeadlessApp } from "./headless.ts";

// The meeting simulator (docs/reference/collaboration.md).
export { type Clock, createManualClock, type ManualClock, systemClock } from "./meeting/clock.ts";
export {
  type ConfirmationPolicy,
  DEFAULT_DECISIONS,
  type EmulatorDecisions,
  type UnknownCall,
  type UnknownCallPolicy,
} from "./meeting/decisions.ts";
export { environmentFor } from "./meeting/environment.ts";
export { MeetingError, type MeetingErrorCode } from "./meeting/errors.ts";
export { type CreateMeetingOptions, createMeeting, type Meeting } from "./meeting/meeting.ts";
export type {
  AuthFailure,
  AuthOutcome,
  MeetingAuth,
  OAuthTokenData,
  SignatureCheck,
  TicketResponse,
} from "./meeting/meetingAuth.ts";
export type {
  Awaitable,
  Loosened,
  MeetingChanges,
  MeetingModel,
  MeetingReads,
  MeetingUiModel,
  TraceView,
} from "./meeting/meetingModel.ts";
export {
  DEFAULT_APP,
  DEFAULT_CLIENT_VERSION,
  DEFAULT_MAX_CLOSED_INSTANCES,
  DEFAULT_MEETING_INFO,
} from "./meeting/meetingState.ts";
export type {
  AppConfig,
  AppInstance,
  AppSlotView,
  ConfirmationView,
  InstanceScene,
  InstanceSnapshot,
  MeetingInfoData,
  OpenAppOptions,
  OpenInstanceOptions,
  OpenScene,
  Participant,
  ParticipantInit,
  ParticipantPatch,
  ParticipantView,
  SessionSnapshot,
} from "./meeting/model.ts";
export { OPEN_SCENES } from "./meeting/scenes.ts";
export { computeSignature, type SignatureInput } from "./meeting/signature.ts";
export {
  createTrace,
  DEFAULT_MAX_TRACE_ENTRIES,
  type SpecRef,
  TRACE_TRUNCATED,
  type Trace,
  type TraceEntry,
  type TraceInput,
  type TraceKind,
  type TraceListener,
  type TraceOptions,
} from "./meeting/trace.ts";
export type { MeetingUi } from "./meeting/ui.ts";
export { userAgentFor } from "./meeting/userAgent.ts";
export { API_GATES, type ApiGate, COLLABORATION_SINCE } from "./meeting/version.ts";
export type {
  MeetingHandshakeRefusal,
  MeetingServerCore,
  MeetingServerCoreOptions,
  ViewConnectOptions,
  ViewSession,
  ViewSink,
} from "./meetingServer/coreTypes.ts";
export {
  DRIVE_ACTIONS,
  type DriveAction,
  type DriveArg,
  driveParticipant,
  pinnedFrameRefusal,
} from "./meetingServer/driveTable.ts";
export { createMeetingServerCore } from "./meetingServer/meetingServer.ts";
export { parseViewFrame } from "./meetingServer/parseFrame.ts";
export {
  DEFAULT_MEETING_SERVER_LIMITS,
  type InstanceEnvironment,
  type InstanceEvent,
  MEETING_PROTOCOL_VERSION,
  MEETING_PROTOCOL_VERSIONS,
  MEETING_SERVER_PATH,
  MEETING_SERVER_PORT,
  MeetingServerError,
  type MeetingServerErrorCode,
  type MeetingServerLimits,
  type ServerFrame,
  type ViewFrame,
} from "./meetingServer/protocol.ts";
export {
  type InstanceRoute,
  type InstanceRoutes,
  instanceRoutes,
  type RemoteInstance,
  remoteInstance,
} from "./meetingServer/remoteInstance.ts";
export {
  type ClaimedParticipant,
  type ClaimOptions,
  type ConnectRemoteMeetingOptions,
  connectRemoteMeeting,
  type Promised,
  type RemoteMeeting,
  type RemoteMeetingUi,
} from "./meetingServer/remoteMeeting.ts";
export {
  type JoinMeetingServerOptions,
  joinMeetingServer,
  type RemoteParticipant,
  type RemoteView,
} from "./meetingServer/remoteView.ts";
export {
  type MeetingSnapshot,
  REDACTED_SECRET,
  type ResetOptions,
} from "./meetingServer/snapshot.ts";
export { createMeetingToken, tokensEqual } from "./meetingServer/token.ts";
export {
  openViewSocket,
  type UnpromptedFrame,
  type ViewRequest,
  type ViewSocket,
  type ViewSocketOptions,
  type WebSocketConstructor,
  type WelcomeFrame,
} from "./meetingServer/viewSocket.ts";

// The emulated Rooms device (docs/reference/rooms.md).
export type { RoomsAuth } from "./rooms/auth.ts";
export {
  DEFAULT_ROOMS_MAX_PAYLOAD,
  DEFAULT_ROOMS_MAX_UNAUTHENTICATED_PAYLOAD,
  type RoomsAuthLimitOptions,
} from "./rooms/limits.ts";
export {
  DEFAULT_ROOMS_ALLOWED_ORIGINS,
  normalizeOrigins,
  type OriginService,
  originRefusal,
  ROOMS_ORIGIN_SERVICE,
} from "./rooms/origin.ts";
export {
  type RoomsConnectInfo,
  type RoomsConnection,
  RoomsDevice,
  type RoomsDeviceOptions,
  type RoomsLogEntry,
  type RoomsTransport,
} from "./rooms/RoomsDevice.ts";
export type { RoomsRateLimitOptions } from "./rooms/rateLimit.ts";
export {
  type AbilityState,
  type AudioDevice,
  DEFAULT_MEETING_CODE,
  DEFAULT_ROOMS_PASSWORD,
  DEFAULT_ROOMS_VERSION,
  type DevicesState,
  type InviteState,
  type MeetingPlan,
  type MeetingState,
  type MemberState,
  ROOMS_USER_ID,
  type RoomsDeviceState,
  type RoomsDeviceStateOptions,
  type Sharer,
  type ShareState,
} from "./rooms/state.ts";
export type { RoomsWire } from "./rooms/wire.ts";
