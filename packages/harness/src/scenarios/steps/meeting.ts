/**
 * `meeting`: changes an organiser makes to the meeting (participants come and go, roles,
 * client versions, emulator decisions, the app's configuration).
 *
 * @module
 */
import type { RoleType } from "@yiqi/jsapi";
import type { AppConfig, EmulatorDecisions } from "@yiqi/mock-host";
import { DEFAULT_TIMEOUT_MS, type ParticipantSpec, type Step } from "../defineScenario.ts";

/** The `meeting` step builders. */
export interface MeetingSteps {
  /** Someone enters the meeting. */
  addParticipant(spec: ParticipantSpec): Step;
  /** `name` leaves the meeting. */
  removeParticipant(name: string): Step;
  /** `name` gets `role`. */
  setRole(name: string, role: RoleType): Step;
  /** `name`'s client becomes version `clientVersion`. */
  setClientVersion(name: string, clientVersion: string): Step;
  /** Emulator decisions change. */
  setDecisions(patch: Partial<EmulatorDecisions>): Step;
  /** The app's configuration changes (its URL stays). */
  updateApp(patch: Partial<Omit<AppConfig, "url">>): Step;
}

const change = (label: string, run: Step["run"]): Step => ({
  kind: "action",
  label,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  run,
});

/**
 * Changes an organiser makes to the meeting.
 *
 * @example
 * ```ts
 * [meeting.addParticipant({ nickname: "Carol", role: RoleType.ATTENDEE }), expect.view("Carol").showsInvitation()]
 * ```
 */
export const meeting: MeetingSteps = {
  addParticipant: (spec) =>
    change(`${spec.nickname} joins the meeting`, async (ctx) => {
      await ctx.meeting.addParticipant({ ...spec });
    }),
  removeParticipant: (name) =>
    change(`${name} leaves the meeting`, async (ctx) => {
      await ctx.meeting.removeParticipant(ctx.pid(name));
    }),
  setRole: (name, role) =>
    change(`${name} becomes role ${role}`, async (ctx) => {
      await ctx.meeting.updateParticipant(ctx.pid(name), { role });
    }),
  setClientVersion: (name, clientVersion) =>
    change(`${name}'s client becomes ${clientVersion}`, async (ctx) => {
      await ctx.meeting.updateParticipant(ctx.pid(name), { clientVersion });
    }),
  setDecisions: (patch) =>
    change(`decisions: ${JSON.stringify(patch)}`, async (ctx) => {
      await ctx.meeting.setDecisions(patch);
    }),
  updateApp: (patch) =>
    change(`app config: ${JSON.stringify(patch)}`, async (ctx) => {
      await ctx.meeting.updateApp(patch);
    }),
};
