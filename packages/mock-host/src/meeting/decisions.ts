import type { HostResult } from "@yiqi/jsapi";

/**
 * How the client answers the confirmation dialog it shows before starting (or ending) a session:
 * `accept` and `cancel` answer at once, `ask` waits for `meeting.ui.answerConfirmation`.
 */
export type ConfirmationPolicy = "accept" | "cancel" | "ask";

/** What an unknown or undocumented call (`ui.setWebModalAction`, ...) is told. */
export type UnknownCallPolicy =
  | "reject"
  | "resolve"
  | ((call: UnknownCall) => HostResult<unknown> | Promise<HostResult<unknown>>);

/** An unknown call as the {@link UnknownCallPolicy} function sees it. */
export interface UnknownCall {
  /** The dotted path the app called, e.g. `ui.setWebModalAction`. */
  path: string;
  args: unknown[];
  participantId: string;
  instanceId: string;
}

/**
 * Every emulator decision of SPEC A3/A4 where Tencent's documents are silent. Each is a choice,
 * not a Tencent fact; the defaults are the ones SPEC states (see docs/decisions/01xx-*.md).
 */
export interface EmulatorDecisions {
  /** Who may end a session: only its starter (default) or any host / co-host. */
  endPermission: "starter" | "hosts";
  /** Confirmation dialog before `start` (default `accept`). */
  confirmStart: ConfirmationPolicy;
  /** Confirmation dialog before `end` (default `accept`). */
  confirmEnd: ConfirmationPolicy;
  /** `getRunningContext().scene` in a meeting: `inMeeting` (default) or legacy `inmeeting`. */
  inMeetingScene: "inMeeting" | "inmeeting";
  /**
   * Which instances get `collaboration-change`: the session's instances (the starter's and the
   * joined ones; default) or every app instance open in the meeting.
   */
  eventAudience: "session" | "all-open";
  /**
   * Whether an instance closed by leave/end still gets the event of that very action before it
   * closes (default true). It never gets events after its close.
   */
  eventBeforeClose: boolean;
  /** What `leave` by the starter does: reject (default; the starter ends instead) or end. */
  starterLeave: "reject" | "end";
  /** How unknown calls are answered (default: reject with `NOT_EMULATED`). */
  unknownCalls: UnknownCallPolicy;
  /** Accept any `agentConfig` / `config` signature (default false: verify SHA-256 + ticket). */
  permissiveAuth: boolean;
  /** Lifetime of a JSAPI ticket in seconds (default 7200). */
  ticketTtlSeconds: number;
  /** Reject calls on platforms the reference does not list (default true; decision 0113). */
  platformGates: boolean;
  /** Reject meeting-only calls outside a meeting scene (default true; decision 0112). */
  sceneGates: boolean;
  /** Reject needs-auth calls before agentConfig / config succeeded (default true; 0114). */
  authGates: boolean;
  /** Send events only to clients whose version / platform has them (default true; 0118). */
  eventGates: boolean;
  /** The user's answer to `app.shareWebAppWindow` / `stopShareWebAppWindow` (default accept). */
  confirmWindowShare: "accept" | "cancel";
  /** The user's answer to `permission.authorize`'s dialog (default accept; 0115). */
  authorizeConsent: "accept" | "reject" | "close";
  /** The user's answer to `data.getPhoneNumber` (default accept; 0116). */
  phoneNumberConsent: "accept" | "cancel";
  /** The user's answer to `ui.openExternalPage` (default accept). */
  confirmExternalPage: "accept" | "cancel";
  /** Members per `meeting.getUserList` page (default 20; 0116). */
  userListPageSize: number;
}

/** The defaults SPEC A3/A4 state. */
export const DEFAULT_DECISIONS: Readonly<EmulatorDecisions> = Object.freeze({
  endPermission: "starter",
  confirmStart: "accept",
  confirmEnd: "accept",
  inMeetingScene: "inMeeting",
  eventAudience: "session",
  eventBeforeClose: true,
  starterLeave: "reject",
  unknownCalls: "reject",
  permissiveAuth: false,
  ticketTtlSeconds: 7200,
  platformGates: true,
  sceneGates: true,
  authGates: true,
  eventGates: true,
  confirmWindowShare: "accept",
  authorizeConsent: "accept",
  phoneNumberConsent: "accept",
  confirmExternalPage: "accept",
  userListPageSize: 20,
} satisfies EmulatorDecisions);
