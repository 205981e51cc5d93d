/**
 * The Members query (docs/reference/rooms.md#module-members, third-party only) and the Ability
 * query (#module-ability, Tencent's): two read-only modules.
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsUserInfo } from "./types.ts";

/**
 * `Query ["Members"]` data. `user_list_info` is what a public driver reads; `user_count_info` is
 * an emulator decision that keeps the answer ending in a flat object, as that driver's regular
 * expression (`{.*?}}}}`) requires.
 */
export interface MembersQueryData {
  /** The visible participants, the Rooms included; empty outside a meeting. */
  user_list_info: RoomsUserInfo[];
  /** How many are in the meeting (`total_count`) and in its waiting room. */
  user_count_info: { total_count: number; waiting_room_count: number };
}

/** `Event/Members` payloads (emulator decision). */
export interface MembersEventPayloads {
  /** Someone joined, left or changed (camera, mic, role): the whole new list, as the query. */
  MembersChanged: MembersQueryData;
}

/** One `Event/Members` params object. */
export type MembersEvent = { sub_event: "MembersChanged" } & MembersEventPayloads["MembersChanged"];

/** `Query ["Ability"]` data (`cast_ability` and `join_meeting_ability` fields: emulator decision). */
export interface AbilityQueryData {
  /**
   * What the account may do outside a meeting: start an instant or personal-room (PMI)
   * meeting, whiteboard, cast, join.
   */
  pre_meeting_ability: {
    start_meeting_ability: {
      instant_meeting_ability: { is_default: boolean; instant_meeting_ability_enable: boolean };
      pmi_meeting_ability: {
        is_default: boolean;
        pmi_meeting_ability_enable: boolean;
        /** Only when `pmi_meeting_ability_enable`. */
        pmi_code?: string;
      };
    };
    whiteboard_ability: { whiteboard_ability_enable: boolean };
    cast_ability: { cast_ability_enable: boolean };
    join_meeting_ability: { join_meeting_ability_enable: boolean };
  };
}

/**
 * Typed Members helpers (`client.members`). Rejects with a {@link RoomsError}: `DEVICE` on a
 * non-zero `error_code`, and `TIMEOUT`, `ABORTED`, `CLOSED` or `CONNECT_FAILED` without answer.
 */
export interface MembersApi {
  /** `Query ["Members"]`: the visible participants (empty outside a meeting). */
  query(options?: CallOptions): Promise<MembersQueryData>;
}

/** Typed Ability helpers (`client.ability`). Rejects as {@link MembersApi} does. */
export interface AbilityApi {
  /** `Query ["Ability"]`: what the Rooms account may do before a meeting. */
  query(options?: CallOptions): Promise<AbilityQueryData>;
}

/**
 * Typed Members helpers over any caller (a `RoomsClient` exposes them as `client.members`).
 * Rejections: see {@link MembersApi}.
 *
 * @example
 * ```ts
 * import { createMembersApi, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const { user_list_info, user_count_info } = await createMembersApi(client).query();
 * console.log(user_list_info.map((u) => u.nickname), user_count_info.total_count);
 * ```
 */
export function createMembersApi(caller: RoomsCaller): MembersApi {
  return { query: (options) => caller.query<MembersQueryData>(["Members"], options) };
}

/**
 * Typed Ability helpers over any caller (a `RoomsClient` exposes them as `client.ability`).
 * Rejections: see {@link AbilityApi}.
 *
 * @example
 * ```ts
 * import { createAbilityApi, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const { pre_meeting_ability } = await createAbilityApi(client).query();
 * const { pmi_meeting_ability } = pre_meeting_ability.start_meeting_ability;
 * if (pmi_meeting_ability.pmi_meeting_ability_enable) console.log(pmi_meeting_ability.pmi_code);
 * ```
 */
export function createAbilityApi(caller: RoomsCaller): AbilityApi {
  return { query: (options) => caller.query<AbilityQueryData>(["Ability"], options) };
}
