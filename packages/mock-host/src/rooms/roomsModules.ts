/**
 * `ROOMS_MODULES`: the control API modules the emulated device serves.
 *
 * @module
 */
import { deviceModule } from "./deviceModule.ts";
import { inviteModule } from "./inviteModule.ts";
import { meetingControlModule } from "./meetingControlModule.ts";
import { meetingModule } from "./meetingModule.ts";
import { abilityModule, membersModule } from "./membersModule.ts";
import type { ModuleDef } from "./module.ts";
import { shareModule } from "./shareModule.ts";

/** The modules the device emulates, in the order of the reference. */
export const ROOMS_MODULES: readonly ModuleDef[] = [
  meetingModule,
  deviceModule,
  meetingControlModule,
  inviteModule,
  membersModule,
  shareModule,
  abilityModule,
];
