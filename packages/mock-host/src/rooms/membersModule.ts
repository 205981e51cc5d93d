/**
 * The emulated Members and Ability modules: two queries without actions. Members is known from a
 * public driver only (`Query ["Members"]` → `user_list_info`); Ability is Tencent's (§5.7).
 *
 * @module
 */
import { type ModuleDef, ok } from "./module.ts";
import { abilityQueryOf, membersQueryOf } from "./views.ts";

/** The emulated Members module (decision `docs/decisions/0211-rooms-members-invite-ability.md`). */
export const membersModule: ModuleDef = {
  name: "Members",
  querySince: "3.8.10",
  query: (subPath, { state }) => (subPath.length === 0 ? ok(membersQueryOf(state)) : undefined),
  actions: {},
  subEvents: ["MembersChanged"],
  views: { MembersChanged: { payload: (s) => ({ ...membersQueryOf(s) }) } },
};

/** The emulated Ability module: what the Rooms account may do before a meeting. */
export const abilityModule: ModuleDef = {
  name: "Ability",
  querySince: "3.8.10",
  query: (subPath, { state }) => (subPath.length === 0 ? ok(abilityQueryOf(state)) : undefined),
  actions: {},
  subEvents: [],
};
