/**
 * The slice of the Meeting module that sets up Share preconditions: join and leave a meeting,
 * query meeting info.
 *
 * Emulator decision (non-authoritative): the seed documents only the Share module, so these
 * action names, parameters and data shapes are Yiqi's; a real device may differ.
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsResult } from "./types.ts";

/** The Meeting actions the emulator implements, with the version it gates them on. */
export const MEETING_ACTIONS = {
  JoinMeeting: { since: "3.8.10" },
  LeaveMeeting: { since: "3.8.10" },
} as const;

/** The name of a Meeting action. */
export type MeetingAction = keyof typeof MEETING_ACTIONS;

/** `JoinMeeting` parameters. */
export interface JoinMeetingParams {
  /** The 9-digit meeting code. */
  meeting_code: string;
  /** The meeting password, when the meeting has one. */
  password?: string;
}

/** Meeting info as the emulator reports it. */
export interface MeetingInfo {
  meeting_code: string;
  meeting_id: string;
  subject: string;
  /** `"normal"` or `"castMeeting"` (a quick cast before a meeting). */
  meeting_type: string;
}

/** `Query ["Meeting"]` data (emulator shape). */
export interface MeetingQueryData {
  meeting: {
    is_in_meeting: boolean;
    meeting_info?: MeetingInfo;
  };
}

/** Payloads of `Event/Meeting` by `sub_event` (emulator decision). */
export interface MeetingEventPayloads {
  MeetingStateChanged: { is_in_meeting: boolean; meeting_info?: MeetingInfo };
}

/** One `Event/Meeting` params object. */
export type MeetingEvent = {
  [K in keyof MeetingEventPayloads]: { sub_event: K } & MeetingEventPayloads[K];
}[keyof MeetingEventPayloads];

/** Typed Meeting helpers. */
export interface MeetingApi {
  /** `Query ["Meeting"]`. */
  query(options?: CallOptions): Promise<MeetingQueryData>;
  /** `JoinMeeting`: fails with 10001 when already in a meeting. */
  join(params: JoinMeetingParams, options?: CallOptions): Promise<RoomsResult>;
  /** `LeaveMeeting`: fails with 10000 when not in a meeting. */
  leave(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Meeting helpers over any caller (a `RoomsClient` exposes them as `client.meeting`).
 *
 * @example
 * ```ts
 * await createMeetingApi(client).join({ meeting_code: "123456789" });
 * ```
 */
export function createMeetingApi(caller: RoomsCaller): MeetingApi {
  return {
    query: (options) => caller.query<MeetingQueryData>(["Meeting"], options),
    join: (params, options) => caller.call("Meeting", "JoinMeeting", params, options),
    leave: (options) => caller.call("Meeting", "LeaveMeeting", undefined, options),
  };
}
