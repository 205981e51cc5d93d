/**
 * The meeting simulator (SPEC Part A): a deterministic Tencent Meeting client around a
 * third-party 一起用 / 一起玩 app. Participants, the collaboration session state machine with
 * every emulator decision configurable, per-participant client views, app instances for the
 * bridge host, version gating, JSAPI auth (tickets, signatures, OAuth) with msw handlers, and one
 * ordered trace.
 *
 * @example
 * ```ts
 * import { createMeeting } from "@yiqi/mock-host";
 * import { RoleType } from "@yiqi/jsapi";
 *
 * const meeting = createMeeting({
 *   seed: 1,
 *   participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
 * });
 * meeting.ui.openApp("p1");
 * const host = meeting.openInstance("p1", { url: meeting.app().url });
 * await host.api.collaborationStart({ pageUrl: meeting.app().url });
 * meeting.ui.join("p2");
 * const ann = meeting.openInstance("p2", { url: meeting.view("p2").app!.url });
 * (await ann.api.appGetRunningContext()); // { ok: true, value: { scene: "inCollaboration", ... } }
 * ```
 *
 * @module
 */
export * from "../auth/index.ts";
export { type Clock, createManualClock, type ManualClock, systemClock } from "./clock.ts";
export {
  type ConfirmationPolicy,
  DEFAULT_DECISIONS,
  type EmulatorDecisions,
  type UnknownCall,
  type UnknownCallPolicy,
} from "./decisions.ts";
export { fail, MeetingError, type MeetingErrorCode, ok, wemeetError } from "./errors.ts";
export { type CreateMeetingOptions, createMeeting, type Meeting } from "./meeting.ts";
export {
  type AuthFailure,
  type AuthOutcome,
  createMeetingAuth,
  type MeetingAuth,
  type MeetingAuthDeps,
  type OAuthTokenData,
  type SignatureCheck,
  type TicketResponse,
} from "./meetingAuth.ts";
export { DEFAULT_APP, DEFAULT_CLIENT_VERSION } from "./meetingState.ts";
export type {
  AppConfig,
  AppInstance,
  AppSlotView,
  ConfirmationView,
  InstanceScene,
  InstanceSnapshot,
  OpenInstanceOptions,
  Participant,
  ParticipantInit,
  ParticipantPatch,
  ParticipantView,
  SessionSnapshot,
} from "./model.ts";
export { createRandom, type SeededRandom } from "./random.ts";
export { appUrlProblem, checkAppUrl, MAX_APP_URL_LENGTH } from "./sessionUrl.ts";
export {
  computeSignature,
  type SignatureInput,
  signaturePayload,
  stripFragment,
} from "./signature.ts";
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
} from "./trace.ts";
export type { MeetingUi } from "./ui.ts";
export { userAgentFor } from "./userAgent.ts";
export {
  API_GATES,
  type ApiGate,
  COLLABORATION_SINCE,
  compareVersions,
  RUNNING_CONTEXT_IDS_SINCE,
} from "./version.ts";
