/**
 * The Invite module (docs/reference/rooms.md#module-invite): `Query ["Invite"]` (PSTN dial-out and incoming Rooms
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
  /** Phone dial-out is enabled for this Rooms account (`DialPstn` answers 40000 otherwise). */
  IsPstnEnable: boolean;
  /** The dial-out call (sic: `PtsnInfo`, Tencent's spelling). */
  PtsnInfo: {
    /** The id of the called user. */
    user_id: string;
    /** The dial pad's state: "0" dial, "1" dialling, "2" connected. */
    dial_ui_state: DialUiState;
    /** The call's microphone is on. */
    is_audio_on: boolean;
    /** The call's microphone volume. */
    volume: number;
    /** The call is muted. */
    mute: boolean;
  };
}

/** `rooms`: the incoming invitation (`invite_type` 0 when there is none). */
export interface RoomsInviteInfo {
  /** Tencent's invitation details (element shape undocumented). */
  invite_info: unknown[];
  /** The labels of the accept (`positive`) and reject (`negative`) buttons on the Rooms. */
  buttons: { positive: string; negative: string };
  /** 0 unknown / none, 1 the Rooms is invited to join a meeting. */
  invite_type: number;
  /** The code of the meeting the Rooms is invited to. */
  meeting_code: string;
  /** That meeting's password; `""` when none. */
  meeting_password: string;
  /** The invitation's title, as the Rooms shows it. */
  title: string;
  /** The display name of who invited the Rooms. */
  inviter_nick_name: string;
  /** The title of the meeting the Rooms is invited to. */
  meeting_title: string;
}

/** `Query ["Invite"]` data. */
export interface InviteQueryData {
  /** Phone dial-out. */
  pstn: PstnInfo;
  /** The incoming invitation, if any (`invite_type` 0 when none). */
  rooms: RoomsInviteInfo;
}

/** `DialPstn` parameters (emulator decision). */
export interface DialPstnParams {
  /** Digits, optionally with a leading `+` (country code). */
  phone_number: string;
}

/** `Event/Invite` payloads (emulator decision). */
export interface InviteEventPayloads {
  /** The dial-out call changed (dialling, connected, hung up): the new `pstn`. */
  PstnStateChanged: { pstn: PstnInfo };
  /** An invitation arrived or went away (accepted, rejected): the new `rooms`. */
  RoomsInviteChanged: { rooms: RoomsInviteInfo };
}

/** One `Event/Invite` params object. */
export type InviteEvent = {
  [K in keyof InviteEventPayloads]: { sub_event: K } & InviteEventPayloads[K];
}[keyof InviteEventPayloads];

/**
 * Typed Invite helpers (`client.invite`). Each rejects with a {@link RoomsError}: code `DEVICE`
 * when the device answers a non-zero `error_code` (the codes below, named in `errorName`), and
 * `TIMEOUT`, `ABORTED`, `CLOSED` or `CONNECT_FAILED` when the call gets no answer.
 */
export interface InviteApi {
  /** `Query ["Invite"]`. */
  query(options?: CallOptions): Promise<InviteQueryData>;
  /**
   * `DialPstn`: acknowledged at once, the call state follows as `Event/Invite PstnStateChanged`.
   * 40000 when PSTN is off, 40005 while a call rings or is connected, 40007 bad number.
   */
  dialPstn(params: DialPstnParams, options?: CallOptions): Promise<RoomsResult>;
  /** `HangUpPstn`: 40006 when no call. */
  hangUpPstn(options?: CallOptions): Promise<RoomsResult>;
  /**
   * `AcceptInvite`: joins the inviting meeting (`Event/Meeting JoinMeetingCompleted` follows);
   * 10002 when not invited, 10001 when already in a meeting.
   */
  acceptInvite(options?: CallOptions): Promise<RoomsResult>;
  /** `RejectInvite`: 10002 when not invited. */
  rejectInvite(options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Invite helpers over any caller (a `RoomsClient` exposes them as `client.invite`).
 * Rejections: see {@link InviteApi}.
 *
 * @example
 * ```ts
 * import { createInviteApi, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const invite = createInviteApi(client); // the same helpers as client.invite
 * const { pstn, rooms } = await invite.query();
 * if (rooms.invite_type === 1) await invite.acceptInvite();
 * if (pstn.IsPstnEnable) await invite.dialPstn({ phone_number: "+8613800000000" });
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
