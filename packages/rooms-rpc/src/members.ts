/**
 * The Members query (reference §5.5, third-party only) and the Ability query (§5.7, Tencent's):
 * two read-only modules.
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
  user_list_info: RoomsUserInfo[];
  user_count_info: { total_count: number; waiting_room_count: number };
}

/** `Event/Members` payloads (emulator decision). */
export interface MembersEventPayloads {
  MembersChanged: MembersQueryData;
}

/** One `Event/Members` params object. */
export type MembersEvent = { sub_event: "MembersChanged" } & MembersEventPayloads["MembersChanged"];

/** `Query ["Ability"]` data (`cast_ability` and `join_meeting_ability` fields: emulator decision). */
export interface AbilityQueryData {
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

/** Typed Members helpers. */
export interface MembersApi {
  /** `Query ["Members"]`: the visible participants (empty outside a meeting). */
  query(options?: CallOptions): Promise<MembersQueryData>;
}

/** Typed Ability helpers. */
export interface AbilityApi {
  /** `Query ["Ability"]`: what the Rooms account may do before a meeting. */
  query(options?: CallOptions): Promise<AbilityQueryData>;
}

/**
 * Typed Members helpers over any caller (`client.members`).
 *
 * @example
 * ```ts
 * const { user_list_info } = await createMembersApi(client).query();
 * ```
 */
export function createMembersApi(caller: RoomsCaller): MembersApi {
  return { query: (options) => caller.query<MembersQueryData>(["Members"], options) };
}

/**
 * Typed Ability helpers over any caller (`client.ability`).
 *
 * @example
 * ```ts
 * const { pre_meeting_ability } = await createAbilityApi(client).query();
 * ```
 */
export function createAbilityApi(caller: RoomsCaller): AbilityApi {
  return { query: (options) => caller.query<AbilityQueryData>(["Ability"], options) };
}
