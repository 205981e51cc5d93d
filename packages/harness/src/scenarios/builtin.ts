/**
 * The built-in scenarios: the SPEC A3 user flow, one scenario per rule. Each runs against any
 * app that loads the jsapi and calls `app.getRunningContext()` at boot (the demo does, and calls
 * `setCollaborationConfig`, which the config scenario relies on).
 *
 * @module
 */
import { RoleType } from "@yiqi/jsapi";
import { type A3Phase, type A3PhaseName, a3Flow } from "./a3Flow.ts";
import { defineScenario, type Scenario, type Step } from "./defineScenario.ts";
import { app, expect, meeting, ui, wait } from "./steps/index.ts";

const HOST = { nickname: "Host", role: RoleType.HOST };
const ALICE = { nickname: "Alice", role: RoleType.ATTENDEE };
const BOB = { nickname: "Bob", role: RoleType.ATTENDEE };

/** Host opens the app, starts, and the session is on. */
const started = [
  ui.openApp("Host"),
  wait.instance("Host"),
  ui.clickStart("Host"),
  expect.session.active("Host"),
];

/** The host starts, Alice joins, Bob stays on the share, the host ends. */
export const basicFlow: Scenario = defineScenario({
  name: "basic-flow",
  title: "Basic flow: start, join, share, end",
  description: "SPEC A3 1-4, 6: the starter presents, others are invited and see the share.",
  participants: [HOST, ALICE, BOB],
  steps: [
    ui.openApp("Host"),
    wait.instance("Host"),
    expect.view("Host").showsStartButton(),
    expect.view("Alice").hidesStartButton(),
    ui.clickStart("Host"),
    expect.session.active("Host"),
    expect.view("Host").showsStatusBar(),
    expect.view("Host").isPresenter(),
    expect.instance("Host").received("start", "Host"),
    expect.view("Alice").showsInvitation(),
    expect.view("Alice").showsShare("Host"),
    expect.view("Bob").showsShare("Host"),
    ui.join("Alice"),
    expect.view("Alice").showsOwnApp("inCollaboration"),
    expect.instance("Alice").runsIn("inCollaboration"),
    expect.instance("Host").received("join", "Alice"),
    expect.view("Bob").showsShare("Host"),
    expect.view("Bob").showsInvitation(),
    ui.end("Host"),
    expect.session.none(),
    expect.instance("Host").received("end", "Host"),
    expect.allJoinedInstancesClosed(),
    expect.view("Alice").showsNoBars(),
    expect.view("Bob").showsNoShare(),
  ],
});

/** Someone who enters the meeting mid-session is invited and can join. */
export const lateJoiner: Scenario = defineScenario({
  name: "late-joiner",
  title: "Late joiner",
  description: "SPEC A3 3-4: a participant who arrives during a session gets the invitation.",
  participants: [HOST, ALICE],
  steps: [
    ...started,
    ui.join("Alice"),
    expect.instance("Alice").runsIn("inCollaboration"),
    meeting.addParticipant({ nickname: "Carol", role: RoleType.ATTENDEE }),
    expect.view("Carol").showsInvitation(),
    expect.view("Carol").showsShare("Host"),
    ui.join("Carol"),
    expect.instance("Carol").runsIn("inCollaboration"),
    expect.instance("Host").received("join", "Carol"),
    expect.instance("Alice").received("join", "Carol"),
    expect.session.joined(["Alice", "Carol"]),
  ],
});

/** Leaving closes the instance and leaves a 重新加入 bar; joining again opens a new instance. */
export const leaveAndRejoin: Scenario = defineScenario({
  name: "leave-and-rejoin",
  title: "Leave and rejoin",
  description: "SPEC A3 5: leave closes the instance, shows the share and a rejoin bar.",
  participants: [HOST, ALICE],
  steps: [
    ...started,
    ui.join("Alice"),
    expect.instance("Alice").runsIn("inCollaboration"),
    ui.leave("Alice"),
    expect.instance("Alice").closed(),
    expect.instance("Host").received("leave", "Alice"),
    expect.view("Alice").showsRejoinBar(),
    expect.view("Alice").showsShare("Host"),
    ui.join("Alice"),
    expect.instance("Alice").runsIn("inCollaboration"),
    expect.view("Alice").showsStatusBar(),
    expect.instance("Host").received("join", "Alice"),
  ],
});

/** The host ends: every joined instance closes, the bars and the share go. */
export const endByHost: Scenario = defineScenario({
  name: "end-by-host",
  title: "End by host",
  description: "SPEC A3 6 and the end-permission decision (only the starter, by default).",
  participants: [HOST, ALICE, BOB],
  steps: [
    ...started,
    ui.join("Alice"),
    ui.join("Bob"),
    expect.instance("Alice").runsIn("inCollaboration"),
    expect.instance("Bob").runsIn("inCollaboration"),
    ui.end("Bob", { fails: "NOT_PERMITTED" }),
    expect.session.active("Host"),
    ui.end("Host"),
    expect.session.none(),
    expect.allJoinedInstancesClosed(),
    expect.instance("Alice").closed(),
    expect.instance("Bob").closed(),
    expect.view("Alice").showsNoBars(),
    expect.view("Bob").showsNoBars(),
    expect.view("Bob").showsNoShare(),
    expect.view("Host").showsOwnApp("inMeeting"),
  ],
});

/** Only hosts and co-hosts may start. */
export const attendeeStarts: Scenario = defineScenario({
  name: "attendee-tries-to-start",
  title: "Attendee tries to start",
  description: "SPEC A3 2: the button is hidden for attendees and a start is refused.",
  participants: [HOST, ALICE],
  steps: [
    ui.openApp("Alice"),
    wait.instance("Alice"),
    expect.view("Alice").hidesStartButton(),
    ui.clickStart("Alice", { fails: "NOT_PERMITTED" }),
    expect.session.none(),
    expect.view("Host").showsNoInvitation(),
    expect.instance("Alice").runsIn("inMeeting"),
  ],
});

/** A second start while a session is active fails. */
export const startWhileActive: Scenario = defineScenario({
  name: "start-while-active",
  title: "Start while one is active",
  description: "SPEC A3 decisions: start while a session is active fails.",
  participants: [HOST, { nickname: "Carol", role: RoleType.COHOST }, ALICE],
  steps: [
    ui.openApp("Carol"),
    ...started,
    expect.view("Carol").hidesStartButton(),
    ui.clickStart("Carol", { fails: "SESSION_ACTIVE" }),
    expect.session.active("Host"),
  ],
});

/** A client older than 3.12.0 gets no invitation and cannot join. */
export const clientTooOld: Scenario = defineScenario({
  name: "client-too-old",
  title: "Client too old",
  description: "SPEC A3 version gating: collaboration needs client 3.12.0.",
  participants: [
    HOST,
    ALICE,
    { nickname: "Bob", role: RoleType.ATTENDEE, clientVersion: "3.11.0" },
  ],
  steps: [
    ...started,
    expect.view("Alice").showsInvitation(),
    expect.view("Bob").showsNoInvitation(),
    ui.join("Bob", { fails: "UNSUPPORTED_VERSION" }),
    ui.join("Alice"),
    expect.instance("Alice").runsIn("inCollaboration"),
  ],
});

/** The app opens outside the meeting: the waiting room from 3.18, a pre-meeting page. */
export const scenes: Scenario = defineScenario({
  name: "scenes",
  title: "Scenes: waiting room and pre-meeting",
  description:
    "getRunningContext reports the scene the client opened the app in; inWaitingRoom needs client 3.18, and outside the meeting there is no 一起用 button.",
  participants: [{ ...HOST, clientVersion: "3.18.0" }, { ...ALICE, clientVersion: "3.17.0" }, BOB],
  steps: [
    ui.openApp("Host", { scene: "inWaitingRoom" }),
    wait.instance("Host"),
    expect.instance("Host").runsIn("inWaitingRoom"),
    expect.view("Host").hidesStartButton(),
    ui.openApp("Alice", { scene: "inWaitingRoom", fails: "UNSUPPORTED_VERSION" }),
    ui.openApp("Bob", { scene: "preMeetingDetail" }),
    wait.instance("Bob"),
    expect.instance("Bob").runsIn("preMeetingDetail"),
    expect.view("Bob").showsOwnApp("preMeetingDetail"),
  ],
});

/** A reload re-handshakes: a new instance opens, still in the session. */
export const appReloads: Scenario = defineScenario({
  name: "app-reloads",
  title: "App reloads mid-session",
  description: "The bridge re-handshakes after a reload; the new instance runs in the session.",
  participants: [HOST, ALICE],
  steps: [
    ...started,
    ui.join("Alice"),
    expect.instance("Alice").runsIn("inCollaboration"),
    app("Alice").reload(),
    expect.instance("Alice").runsIn("inCollaboration"),
    expect.session.joined(["Alice"]),
    app("Host").reload(),
    expect.instance("Host").runsIn("inCollaboration"),
    expect.session.active("Host"),
    ui.end("Host"),
    expect.allJoinedInstancesClosed(),
  ],
});

/** `setCollaborationConfig` drives the start button and what joiners open. */
export const collaborationConfig: Scenario = defineScenario({
  name: "collaboration-config",
  title: "setCollaborationConfig url and visible",
  description: "SPEC A2: `visible` shows the button, `url` is what joiners open.",
  participants: [HOST, ALICE],
  steps: [
    ui.openApp("Host"),
    wait.call("Host", "collaboration.setCollaborationConfig"),
    expect.that("Host's start button follows the app's visible setting", (ctx) => {
      const pid = ctx.pid("Host");
      const last = ctx.meeting.trace
        .entries()
        .filter((e) => e.name === "instance.collaborationConfig" && e.participantId === pid)
        .at(-1)?.data as { visible?: boolean } | undefined;
      if (!last) return { ok: false, why: "no collaboration config recorded" };
      const shown = ctx.meeting.view(pid).startButton.visible;
      return shown === (last.visible !== false)
        ? { ok: true }
        : { ok: false, why: `config visible=${last.visible}, button shown=${shown}` };
    }),
    ui.clickStart("Host"),
    expect.session.followsConfigOf("Host"),
    ui.join("Alice"),
    expect.that("Alice opens the session URL", (ctx) => {
      const url = ctx.meeting.view(ctx.pid("Alice")).app?.url;
      const want = ctx.meeting.session()?.url;
      return url && url === want
        ? { ok: true }
        : { ok: false, why: `Alice opens ${url}, session url ${want}` };
    }),
    expect.instance("Alice").runsIn("inCollaboration"),
  ],
});

/** With the `ask` policy the start waits for the dialog. */
export const confirmStart: Scenario = defineScenario({
  name: "confirm-start",
  title: "Start and end with confirmation dialogs",
  description: "SPEC A3 decisions: confirmStart / confirmEnd = ask; cancel reports CANCELED.",
  participants: [HOST, ALICE],
  decisions: { confirmStart: "ask", confirmEnd: "ask" },
  steps: [
    ui.openApp("Host"),
    ui.clickStart("Host", { untilDialog: true }),
    expect.view("Host").showsConfirmation("start"),
    ui.confirm("Host", false),
    expect.session.none(),
    ui.clickStart("Host", { untilDialog: true }),
    ui.confirm("Host", true),
    expect.session.active("Host"),
    ui.end("Host", { untilDialog: true }),
    expect.view("Host").showsConfirmation("end"),
    ui.confirm("Host", true),
    expect.session.none(),
  ],
});

/** The steps of each A3 phase, for one of its actors (a nickname). */
const A3_STEPS: Readonly<Record<A3PhaseName, (who: string) => Step[]>> = {
  open: (who) => [ui.openApp(who), wait.instance(who)],
  start: (who) => [ui.clickStart(who), expect.session.active(who)],
  join: (who) => [ui.join(who), expect.instance(who).runsIn("inCollaboration")],
  reload: (who) => [app(who).reload(), expect.instance(who).runsIn("inCollaboration")],
  leave: (who) => [ui.leave(who), expect.instance(who).closed(), expect.view(who).showsRejoinBar()],
  rejoin: (who) => [ui.join(who), expect.instance(who).runsIn("inCollaboration")],
  end: (who) => [ui.end(who), expect.session.none(), expect.allJoinedInstancesClosed()],
};

/** The steps of an A3 flow (of nicknames), phase by phase. */
function a3Steps(flow: readonly A3Phase<string>[]): Step[] {
  return flow.flatMap(({ phase, actors }) => actors.flatMap((who) => A3_STEPS[phase](who)));
}

/** The A3 flow certification runs (`a3Flow`): open, start, join, reload, leave, rejoin, end. */
export const a3FlowScenario: Scenario = defineScenario({
  name: "a3-flow",
  title: "The A3 flow as certification runs it",
  description:
    "SPEC A3 1-6 in certification's order: everyone opens the app, the host starts, the attendees join, the first reloads, the last leaves and rejoins, the host ends.",
  participants: [HOST, ALICE, BOB],
  steps: a3Steps(a3Flow([HOST.nickname, ALICE.nickname, BOB.nickname], { reload: true })),
});

/** Every built-in scenario, by name. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  basicFlow,
  lateJoiner,
  leaveAndRejoin,
  endByHost,
  attendeeStarts,
  startWhileActive,
  clientTooOld,
  scenes,
  appReloads,
  collaborationConfig,
  confirmStart,
  a3FlowScenario,
];

/** The built-in scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name);
}
