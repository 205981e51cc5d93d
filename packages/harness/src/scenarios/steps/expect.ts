/**
 * `expect`: bounded, eventually-true assertions on what each participant's client shows
 * (`view`), on their current app instance as the trace records it (`instance`), on the session,
 * and custom ones (`that`). A failure says what was expected and the last thing seen.
 *
 * @module
 */
import type { InstanceSnapshot, MeetingModel, ParticipantView } from "@yiqi/mock-host";
import { DEFAULT_TIMEOUT_MS, type Step, type StepContext } from "../defineScenario.ts";
import type { OpenScene } from "../openScene.ts";
import { type Check, notYet, pass, waitUntil } from "../waitUntil.ts";
import { instanceEntries, latestInstance } from "./latestInstance.ts";

/** A bounded assertion step over the simulator. */
function assertion(
  label: string,
  check: (ctx: StepContext) => Check,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Step {
  return {
    kind: "assert",
    label,
    timeoutMs,
    run: (ctx) => waitUntil(ctx.meeting, () => check(ctx), label, timeoutMs, ctx.signal),
  };
}

type ViewCheck = (v: ParticipantView) => string | true;

function viewAssertion(name: string, what: string, check: ViewCheck, timeoutMs?: number): Step {
  return assertion(
    `${name} ${what}`,
    (ctx) => {
      const r = check(ctx.meeting.view(ctx.pid(name)));
      return r === true ? pass : notYet(r);
    },
    timeoutMs,
  );
}

/** Assertions on what a participant's client shows (see {@link ExpectSteps.view}). */
export interface ViewAssertions {
  /** The main area shows the starter's app as a screen share (from `from`, if given). */
  showsShare(from?: string): Step;
  /** No screen share. */
  showsNoShare(): Step;
  showsInvitation(): Step;
  showsNoInvitation(): Step;
  showsRejoinBar(): Step;
  showsNoBars(): Step;
  showsStatusBar(): Step;
  showsStartButton(label?: "一起用" | "一起玩"): Step;
  hidesStartButton(): Step;
  showsEndButton(): Step;
  /** The main area is the participant's own app (in `scene`, if given). */
  showsOwnApp(scene?: OpenScene | "inCollaboration"): Step;
  showsNoApp(): Step;
  isPresenter(): Step;
  showsConfirmation(kind: "start" | "end"): Step;
}

/** Assertions on a participant's current (most recent) app instance, read from the trace. */
export interface InstanceAssertions {
  /**
   * Received `collaboration-change` with `action` (acted by `by`, if given). Note: a joiner's
   * new instance opens after its own join, so it does not get its own `join`; assert that on
   * the starter's.
   */
  received(action: "start" | "join" | "leave" | "end", by?: string): Step;
  /** Called `app.getRunningContext` and was told `scene`. */
  runsIn(scene: string): Step;
  /** Made `call` (e.g. `collaboration.setCollaborationConfig`). */
  called(call: string): Step;
  /** Is closed by the client. */
  closed(): Step;
  /** Is open. */
  open(): Step;
}

/** Assertions on the collaboration session. */
export interface SessionAssertions {
  /** A session is active (started by `starter`, if given). */
  active(starter?: string): Step;
  /** No session is active. */
  none(): Step;
  /** The session's joiners are exactly `names`. */
  joined(names: string[]): Step;
  /**
   * The session URL is the one `starter`'s instance set with `setCollaborationConfig({ url })`
   * (what joiners open), and that instance was told to show the start button.
   */
  followsConfigOf(starter: string): Step;
}

/** The `expect` step builders. */
export interface ExpectSteps {
  /** What participant `name`'s client shows. */
  view(name: string): ViewAssertions;
  /** Participant `name`'s current (most recent) app instance. */
  instance(name: string): InstanceAssertions;
  session: SessionAssertions;
  /** Every instance that ran in the session (the joiners') is closed. */
  allJoinedInstancesClosed(): Step;
  /** A custom assertion. */
  that(label: string, check: (ctx: StepContext) => Check, timeoutMs?: number): Step;
}

function viewOf(name: string): ViewAssertions {
  const a = (what: string, check: ViewCheck): Step => viewAssertion(name, what, check);
  return {
    /** The main area shows the starter's app as a screen share (from `from`, if given). */
    showsShare: (from?: string): Step =>
      assertion(`${name} sees the screen share${from ? ` of ${from}` : ""}`, (ctx) => {
        const v = ctx.meeting.view(ctx.pid(name));
        if (!v.screenShare) return notYet("no screen share in the view");
        if (v.app) return notYet("the view shows the participant's own app, not the share");
        if (from && v.screenShare.fromParticipantId !== ctx.pid(from)) {
          return notYet(`the share is from ${v.screenShare.fromParticipantId}`);
        }
        return pass;
      }),
    /** No screen share. */
    showsNoShare: (): Step =>
      a("sees no screen share", (v) => v.screenShare === null || "a share is shown"),
    showsInvitation: (): Step =>
      a("sees the invitation", (v) => v.invitation !== null || "no invitation"),
    showsNoInvitation: (): Step =>
      a("sees no invitation", (v) => v.invitation === null || "an invitation is shown"),
    showsRejoinBar: (): Step =>
      a("sees the 重新加入 bar", (v) => v.rejoinBar !== null || "no rejoin bar"),
    showsNoBars: (): Step =>
      a("sees no status, invitation or rejoin bar", (v) =>
        v.statusBar || v.invitation || v.rejoinBar
          ? `shown: ${[v.statusBar && "status bar", v.invitation && "invitation", v.rejoinBar && "rejoin bar"].filter(Boolean).join(", ")}`
          : true,
      ),
    showsStatusBar: (): Step =>
      a("sees the 正在一起使用 status bar", (v) => v.statusBar !== null || "no status bar"),
    showsStartButton: (label?: "一起用" | "一起玩"): Step =>
      a(`sees the ${label ?? "start"} button`, (v) =>
        !v.startButton.visible
          ? "the start button is hidden"
          : label && v.startButton.label !== label
            ? `the label is ${v.startButton.label}`
            : true,
      ),
    hidesStartButton: (): Step =>
      a("sees no start button", (v) => !v.startButton.visible || "the start button is shown"),
    showsEndButton: (): Step => a("sees 结束", (v) => v.endButton || "no end button"),
    /** The main area is the participant's own app (in `scene`, if given). */
    showsOwnApp: (scene?: OpenScene | "inCollaboration"): Step =>
      a(`runs their own app${scene ? ` (${scene})` : ""}`, (v) =>
        !v.app
          ? "no app in the view"
          : scene && v.app.scene !== scene
            ? `scene is ${v.app.scene}`
            : true,
      ),
    showsNoApp: (): Step => a("has no app open", (v) => v.app === null || "an app is open"),
    isPresenter: (): Step => a("presents the app", (v) => v.presenter || "not the presenter"),
    showsConfirmation: (kind: "start" | "end"): Step =>
      a(
        `sees the ${kind} confirmation`,
        (v) => v.confirmation?.kind === kind || `dialog: ${v.confirmation?.kind ?? "none"}`,
      ),
  };
}

function instanceOf(name: string): InstanceAssertions {
  const onInstance = (
    what: string,
    check: (inst: InstanceSnapshot, m: MeetingModel) => Check,
  ): Step =>
    assertion(`${name}'s app ${what}`, (ctx) => {
      const inst = latestInstance(ctx.meeting, ctx.pid(name));
      return inst ? check(inst, ctx.meeting) : notYet(`${name} has no app instance`);
    });
  return {
    /**
     * Received `collaboration-change` with `action` (acted by `by`, if given). Note: a joiner's
     * new instance opens after its own join, so it does not get its own `join`; assert that on
     * the starter's.
     */
    received: (action: "start" | "join" | "leave" | "end", by?: string): Step =>
      assertion(
        `${name}'s app receives collaboration-change ${action}${by ? ` by ${by}` : ""}`,
        (ctx) => {
          const inst = latestInstance(ctx.meeting, ctx.pid(name));
          if (!inst) return notYet(`${name} has no app instance`);
          const msOpenId = by ? ctx.meeting.participant(ctx.pid(by)).msOpenId : undefined;
          const got = instanceEntries(ctx.meeting, inst.id).filter(
            (e) => e.kind === "event" && e.name === "collaboration-change",
          );
          const hit = got.some((e) => {
            const p = e.data as { action?: string; msOpenId?: string };
            return p.action === action && (!msOpenId || p.msOpenId === msOpenId);
          });
          return hit
            ? pass
            : notYet(
                `instance ${inst.id} got [${got.map((e) => (e.data as { action?: string }).action).join(", ")}]`,
              );
        },
      ),
    /** Called `app.getRunningContext` and was told `scene`. */
    runsIn: (scene: string): Step =>
      onInstance(`gets scene ${scene} from getRunningContext`, (inst, m) => {
        if (inst.closed) return notYet(`instance ${inst.id} is closed (${inst.closeReason})`);
        const results = instanceEntries(m, inst.id).filter(
          (e) => e.kind === "result" && e.name === "app.getRunningContext",
        );
        if (results.length === 0)
          return notYet(`instance ${inst.id} has not called getRunningContext`);
        const seen = results.map((e) => (e.data as { scene?: string }).scene);
        return seen.includes(scene)
          ? pass
          : notYet(`instance ${inst.id} got scene ${seen.join(", ")}`);
      }),
    /** Made `call` (e.g. `collaboration.setCollaborationConfig`). */
    called: (call: string): Step =>
      onInstance(`calls ${call}`, (inst, m) =>
        instanceEntries(m, inst.id).some((e) => e.kind === "call" && e.name === call)
          ? pass
          : notYet(`instance ${inst.id} has not called ${call}`),
      ),
    /** Is closed by the client. */
    closed: (): Step =>
      onInstance("is closed", (inst) =>
        inst.closed ? pass : notYet(`instance ${inst.id} is open`),
      ),
    /** Is open. */
    open: (): Step =>
      onInstance("is open", (inst) =>
        inst.closed ? notYet(`instance ${inst.id} closed: ${inst.closeReason}`) : pass,
      ),
  };
}

/**
 * Assertions: each waits (bounded, default 10 s) until it holds.
 *
 * @example
 * ```ts
 * [ui.leave("Alice"), expect.instance("Alice").closed(), expect.view("Alice").showsRejoinBar()]
 * ```
 */
export const expect: ExpectSteps = {
  view: viewOf,
  instance: instanceOf,
  session: {
    active: (starter?: string): Step =>
      assertion(`a session is active${starter ? `, started by ${starter}` : ""}`, (ctx) => {
        const s = ctx.meeting.session();
        if (!s) return notYet("no session");
        return !starter || s.starterId === ctx.pid(starter)
          ? pass
          : notYet(`started by ${s.starterId}`);
      }),
    none: (): Step =>
      assertion("no session is active", (ctx) => {
        const s = ctx.meeting.session();
        return s ? notYet(`session ${s.activeId} is active`) : pass;
      }),
    joined: (names: string[]): Step =>
      assertion(`the session's joiners are [${names.join(", ")}]`, (ctx) => {
        const s = ctx.meeting.session();
        if (!s) return notYet("no session");
        const want = names.map((n) => ctx.pid(n)).sort();
        const got = [...s.joined].sort();
        return JSON.stringify(want) === JSON.stringify(got)
          ? pass
          : notYet(`joined: [${got.join(", ")}]`);
      }),
    /**
     * The session URL is the one `starter`'s instance set with `setCollaborationConfig({ url })`
     * (what joiners open), and that instance was told to show the start button.
     */
    followsConfigOf: (starter: string): Step =>
      assertion(`the session URL follows ${starter}'s setCollaborationConfig`, (ctx) => {
        const s = ctx.meeting.session();
        if (!s) return notYet("no session");
        const configs = ctx.meeting.trace
          .entries()
          .filter(
            (e) =>
              e.kind === "state" &&
              e.name === "instance.collaborationConfig" &&
              e.participantId === ctx.pid(starter),
          );
        const last = configs.at(-1)?.data as { url?: string } | undefined;
        if (!last?.url) return notYet(`${starter}'s app set no collaboration url`);
        return s.url === last.url ? pass : notYet(`session url ${s.url} != configured ${last.url}`);
      }),
  },
  /** Every instance that ran in the session (the joiners') is closed. */
  allJoinedInstancesClosed: (): Step =>
    assertion("every joined app instance is closed", (ctx) => {
      const joined = new Set(
        ctx.meeting.trace
          .entries()
          .filter((e) => e.kind === "state" && e.name === "instance.opened")
          .filter((e) => (e.data as { scene?: string }).scene === "inCollaboration")
          .map((e) => e.instanceId),
      );
      // The starter's app stays open after the session (back in inMeeting): not a joiner's.
      const starters = new Set(
        ctx.meeting.trace
          .entries()
          .filter((e) => e.kind === "state" && e.name === "session.started")
          .map((e) => e.participantId),
      );
      const open = ctx.meeting
        .instances()
        .filter((i) => joined.has(i.id) && !i.closed && !starters.has(i.participantId));
      if (joined.size === 0) return notYet("no instance ever ran in a session");
      return open.length === 0
        ? pass
        : notYet(`still open: ${open.map((i) => `${i.id} (${i.participantId})`).join(", ")}`);
    }),
  /** A custom assertion. */
  that: (label: string, check: (ctx: StepContext) => Check, timeoutMs?: number): Step =>
    assertion(label, check, timeoutMs),
};
