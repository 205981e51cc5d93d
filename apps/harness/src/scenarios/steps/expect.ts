/**
 * The step builders of the scenario API: `ui` (what a user clicks in the client), `app` (what
 * happens to an app frame), `meeting` (changes an organiser makes), `wait` and `expect`
 * (bounded, eventually-true assertions on the simulator's views and trace).
 *
 * Apps run cross-origin, so a scenario never evaluates code in an app: it acts through the
 * client UI and reads what the apps did from the trace (their calls, results and events).
 *
 * @module
 */
import { AppHandleRespType, type RoleType, type WemeetErrorCodeName } from "@yiqi/jsapi";
import type {
  AppConfig,
  EmulatorDecisions,
  InstanceSnapshot,
  Meeting,
  ParticipantView,
  TraceEntry,
} from "@yiqi/mock-host";
import type { ParticipantSpec } from "../params.ts";
import type { Step, StepContext } from "./defineScenario.ts";
import { type Check, notYet, pass, waitUntil } from "./waitUntil.ts";

/** Default bound of waits and assertions (app frames load in this time). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** How a UI action is expected to end. */
export interface ActionOptions {
  /** The action must fail with this simulator error code (default: it must succeed). */
  fails?: WemeetErrorCodeName;
  /** For start / end: the callback status expected (default `SUCCESS`). */
  status?: keyof typeof AppHandleRespType;
  /** For start / end with an `ask` policy: finish the step once the dialog shows. */
  untilDialog?: boolean;
  timeoutMs?: number;
}

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; errMsg: string } };

function checkResult(label: string, r: Result, options: ActionOptions): void {
  if (options.fails) {
    if (r.ok) throw new Error(`${label}: expected ${options.fails}, but it succeeded`);
    if (r.error.code !== options.fails) {
      throw new Error(
        `${label}: expected ${options.fails}, got ${r.error.code} (${r.error.errMsg})`,
      );
    }
    return;
  }
  if (!r.ok) throw new Error(`${label} failed: ${r.error.code}: ${r.error.errMsg}`);
  const status = (r.value as { status?: unknown } | null)?.status;
  if (status !== undefined) {
    const want = options.status ?? "SUCCESS";
    const message = (r.value as { message?: string }).message ?? "";
    if (status !== AppHandleRespType[want]) {
      const got = Object.entries(AppHandleRespType).find(([, v]) => v === status)?.[0];
      throw new Error(
        `${label}: expected status ${want}, got ${got ?? String(status)} (${message})`,
      );
    }
  }
}

const latestInstance = (m: Meeting, pid: string): InstanceSnapshot | undefined =>
  m
    .instances()
    .filter((i) => i.participantId === pid)
    .at(-1);

function action(
  label: string,
  options: ActionOptions,
  run: (ctx: StepContext) => Result | Promise<Result>,
): Step {
  return {
    kind: "action",
    label: options.fails ? `${label} (refused: ${options.fails})` : label,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      checkResult(label, await run(ctx), options);
    },
  };
}

/** Waits for participant `name`'s app frame to connect (the client's app has loaded). */
function connected(ctx: StepContext, name: string, timeoutMs: number): Promise<void> {
  const pid = ctx.pid(name);
  return waitUntil(
    ctx.meeting,
    () => {
      const v = ctx.meeting.view(pid);
      if (!v.app) return notYet(`${name} has no app open`);
      return v.app.instanceId ? pass : notYet(`${name}'s app frame has not connected`);
    },
    `${name}'s app connects`,
    timeoutMs,
    ctx.signal,
  );
}

/** Starts or ends; with `untilDialog`, resolves once the confirmation dialog is shown. */
async function confirmable(
  ctx: StepContext,
  pid: string,
  label: string,
  options: ActionOptions,
  call: () => Promise<Result>,
): Promise<Result> {
  const pending = call();
  if (!options.untilDialog) return pending;
  const settled = pending.then((r) => ({ r }));
  await Promise.race([
    settled.then(({ r }) => {
      throw new Error(
        `${label}: expected a confirmation dialog, but it finished: ${JSON.stringify(r)}`,
      );
    }),
    waitUntil(
      ctx.meeting,
      () => (ctx.meeting.view(pid).confirmation ? pass : notYet("no confirmation dialog is shown")),
      `${label} shows a confirmation dialog`,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      ctx.signal,
    ),
  ]);
  return { ok: true, value: null };
}

/** What a user does in their meeting client. */
export const ui = {
  /** `name` opens the app from the client's app panel. */
  openApp: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} opens the app`, options, (ctx) => ctx.meeting.ui.openApp(ctx.pid(name))),
  /**
   * `name` clicks 一起用 / 一起玩 in the app's top bar, after waiting (bounded) for their app to
   * load, as a user would.
   */
  clickStart: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} clicks the start button`, options, async (ctx) => {
      const pid = ctx.pid(name);
      if (ctx.meeting.view(pid).app)
        await connected(ctx, name, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return confirmable(ctx, pid, `${name} starts`, options, () => ctx.meeting.ui.clickStart(pid));
    }),
  /** `name` clicks 加入 on the invitation (or 重新加入 on the rejoin bar). */
  join: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} clicks 加入`, options, (ctx) => ctx.meeting.ui.join(ctx.pid(name))),
  /** `name` clicks 离开. */
  leave: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} clicks 离开`, options, (ctx) => ctx.meeting.ui.leave(ctx.pid(name))),
  /** `name` clicks 结束. */
  end: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} clicks 结束`, options, (ctx) => {
      const pid = ctx.pid(name);
      return confirmable(ctx, pid, `${name} ends`, options, () => ctx.meeting.ui.end(pid));
    }),
  /** `name` dismisses the invitation (a rejoin bar stays). */
  dismissInvitation: (name: string, options: ActionOptions = {}): Step =>
    action(`${name} dismisses the invitation`, options, (ctx) =>
      ctx.meeting.ui.dismissInvitation(ctx.pid(name)),
    ),
  /** `name` answers the confirmation dialog. */
  confirm: (name: string, accept: boolean, options: ActionOptions = {}): Step =>
    action(`${name} answers the dialog: ${accept ? "确定" : "取消"}`, options, (ctx) =>
      ctx.meeting.ui.answerConfirmation(ctx.pid(name), accept),
    ),
};

/** What happens to an app frame. */
export const app = (name: string) => ({
  /**
   * The app page reloads: the frame is re-created, the bridge handshakes again and a new
   * instance opens (waits, bounded, for it).
   */
  reload: (timeoutMs = DEFAULT_TIMEOUT_MS): Step => ({
    kind: "action",
    label: `${name}'s app reloads`,
    timeoutMs,
    async run(ctx) {
      const pid = ctx.pid(name);
      const before = latestInstance(ctx.meeting, pid)?.id;
      if (!before) throw new Error(`${name} has no app instance to reload`);
      ctx.reloadApp(pid);
      await waitUntil(
        ctx.meeting,
        () => {
          const now = latestInstance(ctx.meeting, pid);
          return now && now.id !== before && !now.closed
            ? pass
            : notYet(`still instance ${now?.id ?? "none"}`);
        },
        `${name}'s reloaded app opens a new instance`,
        timeoutMs,
        ctx.signal,
      );
    },
  }),
});

/** Changes an organiser makes to the meeting. */
export const meeting = {
  addParticipant: (spec: ParticipantSpec): Step => ({
    kind: "action",
    label: `${spec.nickname} joins the meeting`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.addParticipant({ ...spec });
    },
  }),
  removeParticipant: (name: string): Step => ({
    kind: "action",
    label: `${name} leaves the meeting`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.removeParticipant(ctx.pid(name));
    },
  }),
  setRole: (name: string, role: RoleType): Step => ({
    kind: "action",
    label: `${name} becomes role ${role}`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.updateParticipant(ctx.pid(name), { role });
    },
  }),
  setClientVersion: (name: string, clientVersion: string): Step => ({
    kind: "action",
    label: `${name}'s client becomes ${clientVersion}`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.updateParticipant(ctx.pid(name), { clientVersion });
    },
  }),
  setDecisions: (patch: Partial<EmulatorDecisions>): Step => ({
    kind: "action",
    label: `decisions: ${JSON.stringify(patch)}`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.setDecisions(patch);
    },
  }),
  updateApp: (patch: Partial<Omit<AppConfig, "url">>): Step => ({
    kind: "action",
    label: `app config: ${JSON.stringify(patch)}`,
    timeoutMs: DEFAULT_TIMEOUT_MS,
    async run(ctx) {
      ctx.meeting.updateApp(patch);
    },
  }),
};

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

/** Trace entries of instance `instanceId`. */
const entriesOf = (m: Meeting, instanceId: string): TraceEntry[] =>
  m.trace.entries().filter((e) => e.instanceId === instanceId);

/** Waits. */
export const wait = {
  /** Until `name`'s app frame has connected. */
  instance: (name: string, timeoutMs = DEFAULT_TIMEOUT_MS): Step => ({
    kind: "wait",
    label: `${name}'s app connects`,
    timeoutMs,
    run: (ctx) => connected(ctx, name, timeoutMs),
  }),
  /** Until `name`'s current instance has got an answer to `call` (e.g. `app.getRunningContext`). */
  call: (name: string, call: string, timeoutMs = DEFAULT_TIMEOUT_MS): Step => ({
    kind: "wait",
    label: `${name}'s app calls ${call}`,
    timeoutMs,
    run: (ctx) =>
      waitUntil(
        ctx.meeting,
        () => {
          const inst = latestInstance(ctx.meeting, ctx.pid(name));
          if (!inst || inst.closed) return notYet(`${name} has no open instance`);
          const answered = entriesOf(ctx.meeting, inst.id).some(
            (e) => (e.kind === "result" || e.kind === "error") && e.name === call,
          );
          return answered ? pass : notYet(`instance ${inst.id} has not called ${call}`);
        },
        `${name}'s app calls ${call}`,
        timeoutMs,
        ctx.signal,
      ),
  }),
};

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

/** Assertions on what a participant's client shows. */
function viewOf(name: string) {
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
    showsOwnApp: (scene?: "inMeeting" | "inCollaboration"): Step =>
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

/** Assertions on a participant's current (most recent) app instance, read from the trace. */
function instanceOf(name: string) {
  const onInstance = (what: string, check: (inst: InstanceSnapshot, m: Meeting) => Check): Step =>
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
          const got = entriesOf(ctx.meeting, inst.id).filter(
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
        const results = entriesOf(m, inst.id).filter(
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
        entriesOf(m, inst.id).some((e) => e.kind === "call" && e.name === call)
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

/** Assertions. */
export const expect = {
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
