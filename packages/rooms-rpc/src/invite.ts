/**
 * The Invite module (reference §5.4): `Query ["Invite"]` (PSTN dial-out and incoming Rooms
 * invitations, Tencent's shapes) and its actions.
 *
 * The page names what can be done (dial out before or in a meeting, accept an invitation) but
 * not the actions: `DialPstn`, `HangUpPstn`, `AcceptInvite` and `RejectInvite` are emulator
 * decisions, gated at 3.8.10.
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsResult } from "./types.ts";

/** Every `Call/Invite` action (emulator decision) with the version it is gated on. */
export const INVITE_ACTIONS = {
  DialPstn: { since: "3.8.10" },
  HangUpPstn: { since: "3.8.10" },
  AcceptInvite: { since: "3.8.10" },
  RejectInvite: { since: "3.8.10" },
} as const;

/** The name of an Invite action. */
export type InviteAction = keyof typeof INVITE_ACTIONS;

/** `dial_ui_state` (typed string, numeric values): "0" dial, "1" dialling, "2" connected. */
export type DialUiState = "0" | "1" | "2";

/** `pstn` as printed (mixed PascalCase keys, `PtsnInfo` sic). */
export interface PstnInfo {
  IsPstnEnable: boolean;
  PtsnInfo: {
    user_id: string;
    dial_ui_state: DialUiState;
    is_audio_on: boolean;
    volume: number;
    mute: boolean;
  };
}

/** `rooms`: the incoming invitation (`invite_type` 0 when there is none). */
export interface RoomsInviteInfo {
  invite_info: unknown[];
  buttons: { positive: string; negative: string };
  /** 0 unknown / none, 1 the Rooms is invited to join a meeting. */
  invite_type: number;
  meeting_code: string;
  meeting_password: string;
  title: string;
  inviter_nick_name: string;
  meeting_title: string;
}

/** `Query ["Invite"]` data. */
export interface InviteQueryData {
  pstn: PstnInfo;
  rooms: RoomsInviteInfo;
}

/** `DialPstn` parameters (emulator decision). */
export interface DialPstnParams {
  /** Digits, optionally with a leading `+` (country code). */
  phone_number: string;
}

/** `Event/Invite` payloads (emulator decision). */
export interface InviteEventPayloads {
  PstnStateChanged: { pstn: PstnInfo };
  RoomsInviteChanged: { rooms: RoomsInviteInfo };
}

/** One `Event/Invite` params object. */
export type InviteEvent = {
  [K in keyof InviteEventPayloads]: { sub_event: K } & InviteEventPayloads[K];
}[keyof InviteEventPayloads];

/** Typed Invite helpers. */
export interface InviteApi {
  /** `Query ["Invite"]`. */
  query(options?: CallOptions): Promise<InviteQueryData>;
  /** `DialPstn`: 40000 when PSTN is off, 40005 while ringing, 40007 bad number. */
  dialPstn(params: DialPstnParams, options?: CallOptions): Promise<RoomsResult>;
  /** `HangUpPstn`: 40006 when no call. */
  hangUpPstn(options?: CallOptions): Promise<RoomsResult>;
  /** `AcceptInvite`: joins the inviting meeting; 10002 when not invited. */
  acceptInvite(options?: CallOptions): Promise<RoomsResult>;
  /** `RejectInvite`: 10002 when not invited. */
  rejectInvite(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Invite helpers over any caller (`client.invite`).
 *
 * @example
 * ```ts
 * const { rooms } = await createInviteApi(client).query();
 * if (rooms.invite_type === 1) await createInviteApi(client).acceptInvite();
 * ```
 */
export function createInviteApi(caller: RoomsCaller): InviteApi {
  const call = (action: InviteAction, params?: object, options?: CallOptions) =>
    caller.call("Invite", action, params, options);
  return {
    query: (options) => caller.query<InviteQueryData>(["Invite"], options),
    dialPstn: (params, options) => call("DialPstn", params, options),
    hangUpPstn: (options) => call("HangUpPstn", undefined, options),
    acceptInvite: (options) => call("AcceptInvite", undefined, options),
    rejectInvite: (options) => call("RejectInvite", undefined, options),
  };
}
