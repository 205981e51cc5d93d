import type {
  AppHandleResp,
  CollaborationAction,
  HostEnvironment,
  HostResult,
  RunningContext,
  WemeetEventMessage,
  WemeetHostApi,
} from "@yiqi/jsapi";
import { AppHandleRespType, RoleType } from "@yiqi/jsapi";
import { type Clock, createManualClock } from "./clock.ts";
import { type ConfirmationPolicy, DEFAULT_DECISIONS, type EmulatorDecisions } from "./decisions.ts";
import { fail, MeetingError, ok } from "./errors.ts";
import { createMeetingAuth, type MeetingAuth } from "./meetingAuth.ts";
import type {
  AppConfig,
  AppInstance,
  AppSlotView,
  InstanceSnapshot,
  OpenInstanceOptions,
  Participant,
  ParticipantInit,
  ParticipantPatch,
  ParticipantView,
  SessionSnapshot,
} from "./model.ts";
import { createRandom, type SeededRandom } from "./random.ts";
import { appUrlProblem, checkAppUrl, reportedPageUrl } from "./sessionUrl.ts";
import { createTrace, type SpecRef, type Trace } from "./trace.ts";
import { userAgentFor } from "./userAgent.ts";
import {
  API_GATES,
  COLLABORATION_SINCE,
  compareVersions,
  RUNNING_CONTEXT_IDS_SINCE,
} from "./version.ts";

/** Options of {@link createMeeting}; everything has a default. */
export interface CreateMeetingOptions {
  /** Seed of the id generator (default `"yiqi"`). Same seed + same actions = same ids and trace. */
  seed?: number | string;
  /** Default: a manual clock starting at a fixed instant (see `createManualClock`). */
  clock?: Clock;
  /** The app's console configuration; unset fields take {@link DEFAULT_APP}. */
  app?: Partial<AppConfig>;
  /** Emulator decisions; unset fields take {@link DEFAULT_DECISIONS}. */
  decisions?: Partial<EmulatorDecisions>;
  /** Participants to add at once, in order (`p1`, `p2`, ... unless they carry ids). */
  participants?: ParticipantInit[];
  /** The `msMeetingId` (default: seeded). */
  meetingId?: string;
  /** Trace entries kept, newest last (default 10,000; see `createTrace`). */
  maxTraceEntries?: number;
}

/** The app configuration used when `createMeeting` is given none. */
export const DEFAULT_APP: Readonly<AppConfig> = Object.freeze({
  name: "Yiqi Demo",
  appId: "yiqi-demo",
  sdkId: "10000000001",
  corpId: "200000001",
  secret: "yiqi-demo-secret",
  collaboration: true,
  screenShare: true,
  game: false,
  url: "https://app.example.com/",
});

/** The client version of a participant added without one. */
export const DEFAULT_CLIENT_VERSION = "3.14.0.400";

/**
 * What a user does in the emulated client. Each action goes through the same state machine as
 * the app calls, is traced, and answers a `HostResult` (never throws for user-level failures;
 * throws {@link MeetingError} only for an unknown participant id).
 */
export interface MeetingUi {
  /** Open the app for a participant (the client's app panel), at `url` or the app's url. */
  openApp(participantId: string, url?: string): HostResult<AppSlotView>;
  /** Close the participant's app panel (a joined participant leaves; the starter ends). */
  closeApp(participantId: string): HostResult<null>;
  /** Click the 一起用 / 一起玩 button of the app's top bar. */
  clickStart(participantId: string): Promise<HostResult<AppHandleResp>>;
  /** Click Join on the invitation, or 重新加入 on the rejoin bar: opens a NEW instance. */
  join(participantId: string): HostResult<null>;
  /** Leave the session from the client (the participant's instance closes). */
  leave(participantId: string): HostResult<null>;
  /** End the session from the client. */
  end(participantId: string): Promise<HostResult<AppHandleResp>>;
  /** Dismiss the invitation (a rejoin bar stays, so the participant can join later). */
  dismissInvitation(participantId: string): HostResult<null>;
  /** Answer a pending confirmation dialog (`ask` policy): accept, or cancel (CANCELED). */
  answerConfirmation(participantId: string, accept: boolean): HostResult<null>;
}

/**
 * The deterministic Tencent Meeting simulator (SPEC Part A): participants, the 一起用 session
 * state machine, per-participant client views, app instances for the bridge, auth and a trace.
 */
export interface Meeting {
  /** The `msMeetingId`. */
  readonly id: string;
  readonly clock: Clock;
  readonly trace: Trace;
  readonly ui: MeetingUi;
  /** The simulated auth server (tickets, OAuth) the msw handlers share. */
  readonly auth: MeetingAuth;
  /** The current app configuration. */
  app(): Readonly<AppConfig>;
  /** Change the app configuration at runtime. */
  updateApp(patch: Partial<AppConfig>): Readonly<AppConfig>;
  /** The current decisions. */
  decisions(): Readonly<EmulatorDecisions>;
  /** Change decisions at runtime (e.g. switch the confirmation policy mid-test). */
  setDecisions(patch: Partial<EmulatorDecisions>): Readonly<EmulatorDecisions>;
  /** Every participant, in order of addition. */
  participants(): Participant[];
  /** One participant. @throws {MeetingError} `UNKNOWN_PARTICIPANT`. */
  participant(id: string): Participant;
  /**
   * Add a participant. @throws {MeetingError} `DUPLICATE_PARTICIPANT` / `INVALID_ARGUMENT`.
   * Open instances get `user-join`; with a session active, the newcomer gets an invitation.
   */
  addParticipant(init: ParticipantInit): Participant;
  /** Change a participant (role, version, authorisation, ...). */
  updateParticipant(id: string, patch: ParticipantPatch): Participant;
  /** Remove a participant: a joined one leaves, the starter's removal ends the session. */
  removeParticipant(id: string): void;
  /** Report a participant's microphone (sends `user-audio-status` to every open instance). */
  setAudio(id: string, isAudioOn: boolean): void;
  /** Report who is speaking (sends `speaking-members-changed` to every open instance). */
  setSpeaking(ids: string[]): void;
  /** The active session, or null. */
  session(): SessionSnapshot | null;
  /** What participant `id`'s client shows. */
  view(id: string): ParticipantView;
  /** Every participant's view, in participant order. */
  views(): ParticipantView[];
  /** Every instance ever opened (closed ones included), in order. */
  instances(): InstanceSnapshot[];
  /**
   * Connect an app frame for a participant (called by the bridge host adapter at handshake).
   * The participant comes only from this call. Any other open instance of the participant is
   * closed ("replaced"); if the view expects a collaboration instance, this one runs in scene
   * `inCollaboration`.
   * @throws {MeetingError} `UNKNOWN_PARTICIPANT` or `INVALID_ARGUMENT` (no http(s) url).
   */
  openInstance(participantId: string, options: OpenInstanceOptions): AppInstance;
  /** Call `listener` after every state change (for UIs); returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

interface PState {
  p: {
    id: string;
    msOpenId: string;
    openId: string;
    nickname: string;
    role: RoleType;
    clientVersion: string;
    platform: Participant["platform"];
    language: string;
    authorized: boolean;
    district: 0 | 1;
    deviceId: string;
  };
  slot: { url: string; key: string; instanceId: string | null } | null;
  invitation: string | null;
  rejoin: string | null;
  confirmation: {
    kind: "start" | "end";
    message: string;
    resolve: (accept: boolean) => void;
  } | null;
}

interface IState {
  id: string;
  pid: string;
  url: string;
  origin: string | null;
  closed: boolean;
  closeReason: string | null;
  config: { url?: string; visible: boolean };
  authorized: boolean;
  events: Set<(msg: WemeetEventMessage) => void>;
  closes: Set<(reason: string) => void>;
}

interface Session {
  activeId: string;
  url: string;
  starterId: string;
  startedAt: number;
  joined: Set<string>;
}

const HOSTISH = new Set<number>([RoleType.HOST, RoleType.COHOST]);
const ROLE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(RoleType).map(([k, v]) => [v, k.toLowerCase()]),
);
const VALID_ROLES = new Set<number>(Object.values(RoleType));

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/**
 * Create a simulated meeting.
 *
 * @param options Seed, clock, app config, decisions and initial participants (all optional).
 * @returns The {@link Meeting}.
 * @throws {MeetingError} when an initial participant is invalid.
 * @example
 * ```ts
 * import { RoleType } from "@yiqi/jsapi";
 * const meeting = createMeeting({
 *   seed: 1,
 *   participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
 * });
 * meeting.ui.openApp("p1");
 * const host = meeting.openInstance("p1", { url: meeting.app().url });
 * await host.api.collaborationStart({ pageUrl: meeting.app().url });
 * meeting.view("p2").invitation; // { activeId, appName, from: "Host" }
 * ```
 */
export function createMeeting(options: CreateMeetingOptions = {}): Meeting {
  const clock = options.clock ?? createManualClock();
  const random: SeededRandom = createRandom(options.seed ?? "yiqi");
  const trace = createTrace(clock, { maxEntries: options.maxTraceEntries });
  let app: AppConfig = { ...DEFAULT_APP, ...options.app };
  checkAppUrl(app.url, "app.url");
  let decisions: EmulatorDecisions = { ...DEFAULT_DECISIONS, ...options.decisions };
  const meetingId = options.meetingId ?? random.string(19, "0123456789");
  const people = new Map<string, PState>();
  const insts = new Map<string, IState>();
  const changeListeners = new Set<() => void>();
  let session: Session | null = null;
  let pCounter = 0;
  let iCounter = 0;
  let kCounter = 0;

  const auth = createMeetingAuth({
    clock,
    random,
    trace,
    app: () => app,
    decisions: () => decisions,
    openIdOf: (pid) => {
      const ps = people.get(pid);
      if (!ps) return null;
      return ps.p.authorized ? ps.p.openId : undefined;
    },
  });

  // ---- helpers -------------------------------------------------------------------------------

  const changed = (): void => {
    for (const l of changeListeners) {
      try {
        l();
      } catch {
        // A UI listener's failure must not break the simulator.
      }
    }
  };

  const state = (
    name: string,
    data: unknown,
    ids: { participantId?: string; instanceId?: string } = {},
    spec: SpecRef = "A3",
  ): void => {
    trace.record({ kind: "state", name, data, spec, ...ids });
    changed();
  };

  const person = (id: string): PState => {
    const ps = people.get(id);
    if (!ps) {
      throw new MeetingError(
        "UNKNOWN_PARTICIPANT",
        `unknown participant "${id}"; known: ${[...people.keys()].join(", ") || "none"}`,
      );
    }
    return ps;
  };

  const toParticipant = (ps: PState): Participant => {
    const { openId, ...rest } = ps.p;
    return ps.p.authorized ? { ...rest, openId } : { ...rest };
  };

  const isMember = (pid: string): boolean =>
    session !== null && (session.starterId === pid || session.joined.has(pid));

  const slotInstance = (ps: PState): IState | null => {
    const id = ps.slot?.instanceId;
    const inst = id ? insts.get(id) : undefined;
    return inst && !inst.closed ? inst : null;
  };

  const inSession = (inst: IState): boolean => {
    const ps = people.get(inst.pid);
    return (
      !inst.closed && ps !== undefined && isMember(inst.pid) && ps.slot?.instanceId === inst.id
    );
  };

  const openInstances = (): IState[] => [...insts.values()].filter((i) => !i.closed);

  const collaborationAudience = (): IState[] =>
    decisions.eventAudience === "all-open"
      ? openInstances()
      : openInstances().filter((i) => inSession(i));

  const deliver = (inst: IState, msg: WemeetEventMessage, spec: SpecRef): void => {
    if (inst.closed) return;
    trace.record({
      kind: "event",
      name: msg.name,
      data: msg.payload,
      spec,
      participantId: inst.pid,
      instanceId: inst.id,
    });
    for (const l of inst.events) {
      try {
        l(msg);
      } catch {
        // The adapter's listener failing is the adapter's problem.
      }
    }
  };

  const emitCollaboration = (
    action: CollaborationAction,
    actor: PState,
    activeId: string,
    audience: IState[],
  ): void => {
    const payload = {
      action,
      activeId,
      msOpenId: actor.p.msOpenId,
      ...(actor.p.authorized ? { openId: actor.p.openId } : {}),
      timestamp: clock.now(),
    };
    for (const inst of audience) {
      deliver(inst, { name: "collaboration-change", payload }, "A3");
    }
  };

  const closeInstance = (inst: IState, reason: string): void => {
    if (inst.closed) return;
    inst.closed = true;
    inst.closeReason = reason;
    const ps = people.get(inst.pid);
    if (ps?.slot?.instanceId === inst.id) ps.slot.instanceId = null;
    state("instance.closed", { reason }, { participantId: inst.pid, instanceId: inst.id });
    const listeners = [...inst.closes];
    inst.closes.clear();
    inst.events.clear();
    for (const l of listeners) {
      try {
        l(reason);
      } catch {
        // Isolated, as every listener.
      }
    }
    if (ps?.confirmation) {
      // A dialog raised from a closed app cannot be answered any more: it counts as canceled.
      const c = ps.confirmation;
      ps.confirmation = null;
      c.resolve(false);
    }
  };

  const newKey = (): string => `k${++kCounter}`;

  const versionError = <T>(ps: PState, name: string, since: string): HostResult<T> | null =>
    compareVersions(ps.p.clientVersion, since) < 0
      ? fail(
          "UNSUPPORTED_VERSION",
          `${name} is unsupported in client ${ps.p.clientVersion} (needs ${since})`,
        )
      : null;

  const confirm = (
    ps: PState,
    kind: "start" | "end",
    policy: ConfirmationPolicy,
  ): Promise<boolean> | boolean => {
    if (policy === "accept" || policy === "cancel") {
      const accepted = policy === "accept";
      state(
        "confirmation.auto",
        { kind, accepted, policy },
        {
          participantId: ps.p.id,
        },
      );
      return accepted;
    }
    const message =
      kind === "start"
        ? `Start ${entryLabel()} "${app.name}" for everyone in the meeting?`
        : `End ${entryLabel()} "${app.name}" for everyone?`;
    return new Promise<boolean>((resolve) => {
      ps.confirmation = { kind, message, resolve };
      state("confirmation.pending", { kind, message }, { participantId: ps.p.id });
    });
  };

  const entryLabel = (): "一起用" | "一起玩" => (app.game ? "一起玩" : "一起用");

  // ---- the state machine (SPEC A3) -----------------------------------------------------------

  const startSession = async (
    ps: PState,
    inst: IState | null,
    urlArg: string | undefined,
  ): Promise<HostResult<AppHandleResp>> => {
    if (!app.collaboration) {
      return fail(
        "NOT_PERMITTED",
        `${entryLabel()} is not enabled for app "${app.name}" (console setting)`,
      );
    }
    if (!HOSTISH.has(ps.p.role)) {
      return fail(
        "NOT_PERMITTED",
        `only the host and co-hosts may start ${entryLabel()}; ${ps.p.nickname} is ${ROLE_NAMES[ps.p.role] ?? ps.p.role}`,
      );
    }
    if (session) {
      return fail(
        "SESSION_ACTIVE",
        `a ${entryLabel()} session is already active (activeId ${session.activeId}); end it first`,
      );
    }
    if ([...people.values()].some((o) => o.confirmation?.kind === "start")) {
      return fail("SESSION_ACTIVE", "another start is waiting for its confirmation dialog");
    }
    if (ps.confirmation) {
      return fail("NOT_PERMITTED", "a confirmation dialog is already open for this participant");
    }
    if (!inst) {
      return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open to start from`);
    }
    const url = urlArg ?? inst.config.url ?? inst.url;
    const badUrl = appUrlProblem(url, "collaboration.start: url");
    if (badUrl) return fail("INVALID_ARGUMENT", badUrl);
    const accepted = await confirm(ps, "start", decisions.confirmStart);
    ps.confirmation = null;
    if (!accepted) {
      changed();
      return ok({ status: AppHandleRespType.CANCELED, message: "the user canceled" });
    }
    // The state may have moved while the dialog was open.
    const meanwhile = session as Session | null;
    if (meanwhile) {
      return fail("SESSION_ACTIVE", `a session started meanwhile (activeId ${meanwhile.activeId})`);
    }
    if (inst.closed || !people.has(ps.p.id)) {
      return ok({ status: AppHandleRespType.CANCELED, message: "the app closed before starting" });
    }
    const s: Session = {
      activeId: random.string(16, "0123456789abcdef"),
      url,
      starterId: ps.p.id,
      startedAt: clock.now(),
      joined: new Set(),
    };
    session = s;
    for (const other of people.values()) {
      other.rejoin = null;
      other.invitation =
        other !== ps && compareVersions(other.p.clientVersion, COLLABORATION_SINCE) >= 0
          ? s.activeId
          : null;
    }
    state(
      "session.started",
      { activeId: s.activeId, url, screenShare: app.screenShare },
      {
        participantId: ps.p.id,
        instanceId: inst.id,
      },
    );
    emitCollaboration("start", ps, s.activeId, collaborationAudience());
    return ok({ status: AppHandleRespType.SUCCESS, message: "ok" });
  };

  const finishSession = (actor: PState): void => {
    const s = session;
    if (!s) return;
    const audience = collaborationAudience();
    const joinedInstances = [...s.joined]
      .map((pid) => people.get(pid))
      .filter((x): x is PState => x !== undefined);
    session = null;
    for (const o of people.values()) {
      o.invitation = null;
      o.rejoin = null;
    }
    state("session.ended", { activeId: s.activeId }, { participantId: actor.p.id });
    if (decisions.eventBeforeClose) emitCollaboration("end", actor, s.activeId, audience);
    for (const o of joinedInstances) {
      const inst = slotInstance(o);
      if (inst) closeInstance(inst, "一起用 ended");
      o.slot = null;
    }
    if (!decisions.eventBeforeClose) {
      emitCollaboration(
        "end",
        actor,
        s.activeId,
        audience.filter((i) => !i.closed),
      );
    }
    changed();
  };

  const endSession = async (ps: PState): Promise<HostResult<AppHandleResp>> => {
    const s = session;
    if (!s) return fail("NO_ACTIVE_SESSION", "there is no active session to end");
    const allowed =
      s.starterId === ps.p.id || (decisions.endPermission === "hosts" && HOSTISH.has(ps.p.role));
    if (!allowed) {
      const who =
        decisions.endPermission === "hosts"
          ? "the starter, the host or a co-host"
          : `the starter (${people.get(s.starterId)?.p.nickname ?? s.starterId})`;
      return fail("NOT_PERMITTED", `only ${who} may end ${entryLabel()}`);
    }
    if (ps.confirmation) {
      return fail("NOT_PERMITTED", "a confirmation dialog is already open for this participant");
    }
    const accepted = await confirm(ps, "end", decisions.confirmEnd);
    ps.confirmation = null;
    if (!accepted) {
      changed();
      return ok({ status: AppHandleRespType.CANCELED, message: "the user canceled" });
    }
    if (session !== s) return fail("NO_ACTIVE_SESSION", "the session ended meanwhile");
    finishSession(ps);
    return ok({ status: AppHandleRespType.SUCCESS, message: "ok" });
  };

  const joinSession = (ps: PState, inst: IState | null): HostResult<null> => {
    const gate = versionError<null>(ps, "collaboration.join", COLLABORATION_SINCE);
    if (gate) return gate;
    const s = session;
    if (!s) return fail("NO_ACTIVE_SESSION", "there is no active session to join");
    if (s.starterId === ps.p.id || s.joined.has(ps.p.id)) {
      return fail("ALREADY_JOINED", `${ps.p.nickname} is already in the session ${s.activeId}`);
    }
    s.joined.add(ps.p.id);
    ps.invitation = null;
    ps.rejoin = null;
    if (!inst) {
      // From the invitation / rejoin bar: the client opens a NEW instance at the session URL.
      const old = slotInstance(ps);
      if (old) closeInstance(old, "replaced by the 一起用 instance");
      ps.slot = { url: s.url, key: newKey(), instanceId: null };
    }
    state(
      "session.joined",
      { activeId: s.activeId, via: inst ? "app" : "client", url: ps.slot?.url ?? s.url },
      { participantId: ps.p.id, ...(inst ? { instanceId: inst.id } : {}) },
    );
    emitCollaboration("join", ps, s.activeId, collaborationAudience());
    return ok(null);
  };

  const leaveSession = (ps: PState): HostResult<null> => {
    const s = session;
    if (!s) return fail("NOT_JOINED", `${ps.p.nickname} is not in a session (none is active)`);
    if (s.starterId === ps.p.id) {
      if (decisions.starterLeave === "end") {
        finishSession(ps);
        return ok(null);
      }
      return fail("NOT_PERMITTED", "the starter cannot leave; end the session instead");
    }
    if (!s.joined.has(ps.p.id)) {
      return fail("NOT_JOINED", `${ps.p.nickname} has not joined the session ${s.activeId}`);
    }
    const audience = collaborationAudience();
    s.joined.delete(ps.p.id);
    ps.rejoin = s.activeId;
    state("session.left", { activeId: s.activeId }, { participantId: ps.p.id });
    if (decisions.eventBeforeClose) emitCollaboration("leave", ps, s.activeId, audience);
    const inst = slotInstance(ps);
    if (inst) closeInstance(inst, "left 一起用");
    ps.slot = null;
    if (!decisions.eventBeforeClose) {
      emitCollaboration(
        "leave",
        ps,
        s.activeId,
        audience.filter((i) => !i.closed),
      );
    }
    changed();
    return ok(null);
  };

  // ---- traced calls --------------------------------------------------------------------------

  const traced = async <T>(
    call: {
      name: string;
      spec: SpecRef;
      participantId: string;
      instanceId?: string;
      args: unknown;
    },
    run: () => HostResult<T> | Promise<HostResult<T>>,
  ): Promise<HostResult<T>> => {
    const ids = {
      participantId: call.participantId,
      ...(call.instanceId ? { instanceId: call.instanceId } : {}),
    };
    const started = clock.now();
    trace.record({
      kind: "call",
      name: call.name,
      data: call.args ?? null,
      spec: call.spec,
      ...ids,
    });
    let result: HostResult<T>;
    try {
      result = await run();
    } catch (e) {
      result = fail(
        "INVALID_ARGUMENT",
        `${call.name} failed inside the simulator: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    trace.record({
      kind: result.ok ? "result" : "error",
      name: call.name,
      data: result.ok ? (result.value ?? null) : result.error,
      spec: call.spec,
      durationMs: clock.now() - started,
      ...ids,
    });
    return result;
  };

  const tracedSync = <T>(
    call: { name: string; participantId: string; args?: unknown },
    run: () => HostResult<T>,
  ): HostResult<T> => {
    const ids = { participantId: call.participantId };
    trace.record({ kind: "call", name: call.name, data: call.args ?? null, spec: "A3", ...ids });
    const result = run();
    trace.record({
      kind: result.ok ? "result" : "error",
      name: call.name,
      data: result.ok ? (result.value ?? null) : result.error,
      spec: "A3",
      durationMs: 0,
      ...ids,
    });
    return result;
  };

  // ---- the host API of one instance ----------------------------------------------------------

  const makeApi = (inst: IState): WemeetHostApi => {
    const gated = <T>(
      method: keyof WemeetHostApi,
      spec: SpecRef,
      args: unknown,
      run: (ps: PState) => HostResult<T> | Promise<HostResult<T>>,
    ): Promise<HostResult<T>> => {
      const gate = API_GATES[method];
      return traced<T>(
        { name: gate.name, spec, participantId: inst.pid, instanceId: inst.id, args },
        () => {
          if (inst.closed) {
            return fail(
              "INSTANCE_CLOSED",
              `app instance ${inst.id} is closed (${inst.closeReason}); the client no longer serves it`,
            );
          }
          const ps = person(inst.pid);
          if (gate.since) {
            const err = versionError<T>(ps, gate.name, gate.since);
            if (err) return err;
          }
          const page = reportedPageUrl(args, inst.origin);
          if (page.problem) return fail("INVALID_ARGUMENT", `${gate.name}: ${page.problem}`);
          if (page.url) inst.url = page.url;
          return run(ps);
        },
      );
    };

    /** `permission.agentConfig` / `permission.config`: verify the signature, then authorise. */
    const authorize = (
      method: "permissionAgentConfig" | "permissionConfig",
      via: "agentConfig" | "config",
      args: unknown,
    ): Promise<HostResult<null>> =>
      gated(method, "A4", args, async () => {
        const a = asRecord(args);
        const r = await auth.verifySignature({
          sdkId: a.sdkId,
          corpId: a.corpId,
          signature: a.signature,
          nonceStr: a.nonceStr,
          timestamp: a.timestamp,
          url: inst.url,
        });
        if (r.ok) {
          inst.authorized = true;
          state("instance.authorized", { via }, ids(inst), "A4");
        }
        return r;
      });

    return {
      getEnvironment(): Promise<HostEnvironment> {
        const ps = people.get(inst.pid);
        const p = ps?.p ?? {
          clientVersion: DEFAULT_CLIENT_VERSION,
          platform: "Mac" as const,
          language: "zh-CN",
          district: 0 as const,
        };
        const env: HostEnvironment = {
          clientVersion: p.clientVersion,
          platform: p.platform,
          language: p.language,
          userAgent: userAgentFor(p),
          instanceId: inst.id,
        };
        trace.record({
          kind: "call",
          name: "environment",
          data: env,
          spec: "A1",
          participantId: inst.pid,
          instanceId: inst.id,
        });
        return Promise.resolve(env);
      },

      collaborationStart(args) {
        return gated("collaborationStart", "A3", args, (ps) => {
          const a = asRecord(args);
          const bad = a.url === undefined ? "" : appUrlProblem(a.url, "collaboration.start: url");
          if (bad) return fail("INVALID_ARGUMENT", bad);
          return startSession(ps, inst, a.url as string | undefined);
        });
      },

      collaborationEnd(args) {
        return gated("collaborationEnd", "A3", args, (ps) => endSession(ps));
      },

      collaborationJoin() {
        return gated("collaborationJoin", "A3", null, (ps) => joinSession(ps, inst));
      },

      collaborationLeave() {
        return gated("collaborationLeave", "A3", null, (ps) => leaveSession(ps));
      },

      collaborationGetContext() {
        return gated("collaborationGetContext", "A2", null, () =>
          session
            ? ok({ activeID: session.activeId, url: session.url })
            : fail("NO_ACTIVE_SESSION", "there is no active 一起用 session"),
        );
      },

      collaborationSetConfig(args) {
        return gated("collaborationSetConfig", "A2", args, (ps) => {
          const a = asRecord(args);
          const bad =
            a.url === undefined ? "" : appUrlProblem(a.url, "setCollaborationConfig: url");
          if (bad) return fail("INVALID_ARGUMENT", bad);
          if (a.visible !== undefined && typeof a.visible !== "boolean") {
            return fail("INVALID_ARGUMENT", "setCollaborationConfig: visible must be a boolean");
          }
          if (typeof a.url === "string") inst.config.url = a.url;
          if (typeof a.visible === "boolean") inst.config.visible = a.visible;
          // Decision: the starter's session instance changing the url changes what later
          // joiners open.
          if (session && session.starterId === ps.p.id && inSession(inst) && a.url) {
            session.url = a.url as string;
          }
          state(
            "instance.collaborationConfig",
            { ...inst.config },
            { participantId: inst.pid, instanceId: inst.id },
            "A2",
          );
          return ok(null);
        });
      },

      appGetRunningContext() {
        return gated("appGetRunningContext", "A2", null, (ps) => {
          const ctx: RunningContext = {
            scene: inSession(inst) ? "inCollaboration" : decisions.inMeetingScene,
          };
          if (compareVersions(ps.p.clientVersion, RUNNING_CONTEXT_IDS_SINCE) >= 0) {
            ctx.msMeetingId = meetingId;
            ctx.msOpenId = ps.p.msOpenId;
            ctx.deviceId = ps.p.deviceId;
          }
          return ok(ctx);
        });
      },

      appGetAppInfo() {
        return gated("appGetAppInfo", "A4", null, (ps) =>
          ok({
            appVersion: ps.p.clientVersion,
            clientLanguage: ps.p.language,
            instanceId: inst.id,
          }),
        );
      },

      permissionAgentConfig: (args) => authorize("permissionAgentConfig", "agentConfig", args),

      permissionConfig: (args) => authorize("permissionConfig", "config", args),

      invokeUnknown(args) {
        const a = asRecord(args);
        const path = typeof a.path === "string" && a.path !== "" ? a.path : "<invalid path>";
        const callArgs = Array.isArray(a.args) ? a.args : [];
        return traced<unknown>(
          {
            name: path,
            spec: "A4",
            participantId: inst.pid,
            instanceId: inst.id,
            args: { unknown: true, args: callArgs },
          },
          async () => {
            if (inst.closed) {
              return fail("INSTANCE_CLOSED", `app instance ${inst.id} is closed`);
            }
            if (path === "<invalid path>") {
              return fail("INVALID_ARGUMENT", "invokeUnknown needs a non-empty string path");
            }
            const policy = decisions.unknownCalls;
            if (policy === "resolve") return ok(undefined);
            if (policy === "reject") {
              return fail("NOT_EMULATED", `${path} is not emulated by Yiqi`);
            }
            const r = await policy({
              path,
              args: callArgs,
              participantId: inst.pid,
              instanceId: inst.id,
            });
            if (!isRecord(r) || typeof r.ok !== "boolean") {
              return fail(
                "NOT_EMULATED",
                `${path}: the custom unknownCalls policy returned no HostResult`,
              );
            }
            return r;
          },
        );
      },
    };
  };

  const ids = (inst: IState): { participantId: string; instanceId: string } => ({
    participantId: inst.pid,
    instanceId: inst.id,
  });

  // ---- views ---------------------------------------------------------------------------------

  const viewOf = (ps: PState): ParticipantView => {
    const s = session;
    const member = isMember(ps.p.id);
    const isStarter = s?.starterId === ps.p.id;
    const inst = slotInstance(ps);
    const starter = s ? people.get(s.starterId) : undefined;
    const startPending = [...people.values()].some((o) => o.confirmation?.kind === "start");
    const supports = compareVersions(ps.p.clientVersion, COLLABORATION_SINCE) >= 0;
    return {
      participantId: ps.p.id,
      nickname: ps.p.nickname,
      role: ps.p.role,
      app: ps.slot
        ? {
            url: ps.slot.url,
            scene: member ? "inCollaboration" : "inMeeting",
            key: ps.slot.key,
            instanceId: inst ? inst.id : null,
          }
        : null,
      startButton: {
        visible:
          app.collaboration &&
          supports &&
          HOSTISH.has(ps.p.role) &&
          ps.slot !== null &&
          (inst ? inst.config.visible : true) &&
          s === null &&
          !startPending,
        label: entryLabel(),
      },
      endButton:
        s !== null &&
        (isStarter || (decisions.endPermission === "hosts" && HOSTISH.has(ps.p.role))),
      statusBar: member ? { text: `正在一起使用 ${app.name}` } : null,
      invitation:
        s && ps.invitation === s.activeId
          ? { activeId: s.activeId, appName: app.name, from: starter?.p.nickname ?? s.starterId }
          : null,
      rejoinBar: s && ps.rejoin === s.activeId ? { text: "重新加入", activeId: s.activeId } : null,
      screenShare:
        s && app.screenShare && !member
          ? { fromParticipantId: s.starterId, appName: app.name }
          : null,
      presenter: isStarter,
      confirmation: ps.confirmation
        ? { kind: ps.confirmation.kind, message: ps.confirmation.message }
        : null,
    };
  };

  // ---- participants --------------------------------------------------------------------------

  const broadcast = (msg: WemeetEventMessage, except?: string): void => {
    for (const inst of openInstances()) {
      if (inst.pid !== except) deliver(inst, msg, "A4");
    }
  };

  const validateRole = (role: unknown): void => {
    if (typeof role !== "number" || !VALID_ROLES.has(role)) {
      throw new MeetingError(
        "INVALID_ARGUMENT",
        `role must be a RoleType value (0-8), got ${role}`,
      );
    }
  };

  const addParticipant = (init: ParticipantInit): Participant => {
    if (!isRecord(init) || typeof init.nickname !== "string" || init.nickname === "") {
      throw new MeetingError("INVALID_ARGUMENT", "a participant needs a non-empty nickname");
    }
    const id = init.id ?? `p${++pCounter}`;
    if (people.has(id)) {
      throw new MeetingError("DUPLICATE_PARTICIPANT", `participant "${id}" already exists`);
    }
    const role = init.role ?? RoleType.ATTENDEE;
    validateRole(role);
    const ps: PState = {
      p: {
        id,
        msOpenId: init.msOpenId ?? random.string(28),
        openId: init.openId ?? random.string(28),
        nickname: init.nickname,
        role,
        clientVersion: init.clientVersion ?? DEFAULT_CLIENT_VERSION,
        platform: init.platform ?? "Mac",
        language: init.language ?? "zh-CN",
        authorized: init.authorized ?? false,
        district: init.district ?? 0,
        deviceId: random.string(32, "0123456789abcdef"),
      },
      slot: null,
      invitation: null,
      rejoin: null,
      confirmation: null,
    };
    if (session && compareVersions(ps.p.clientVersion, COLLABORATION_SINCE) >= 0) {
      ps.invitation = session.activeId;
    }
    people.set(id, ps);
    const participant = toParticipant(ps);
    state("participant.added", participant, { participantId: id }, "A4");
    broadcast(
      {
        name: "user-join",
        payload: {
          msOpenId: ps.p.msOpenId,
          nickname: ps.p.nickname,
          ...(ps.p.authorized ? { openId: ps.p.openId } : {}),
          roleType: ps.p.role,
          openCorpId: app.corpId,
        },
      },
      id,
    );
    return participant;
  };

  for (const init of options.participants ?? []) addParticipant(init);

  const instanceSnapshot = (inst: IState): InstanceSnapshot => ({
    id: inst.id,
    participantId: inst.pid,
    url: inst.url,
    origin: inst.origin,
    scene: inSession(inst) ? "inCollaboration" : "inMeeting",
    closed: inst.closed,
    closeReason: inst.closeReason,
    authorized: inst.authorized,
  });

  // ---- UI ------------------------------------------------------------------------------------

  const ui: MeetingUi = {
    openApp(participantId, url) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.openApp", participantId, args: { url } }, () => {
        if (isMember(participantId)) {
          return fail("NOT_PERMITTED", `${ps.p.nickname} is in 一起用; leave before reopening`);
        }
        const bad = url === undefined ? "" : appUrlProblem(url, "ui.openApp: url");
        if (bad) return fail("INVALID_ARGUMENT", bad);
        const old = slotInstance(ps);
        if (old) closeInstance(old, "replaced: the app was reopened");
        ps.slot = { url: url ?? app.url, key: newKey(), instanceId: null };
        state("slot.opened", { ...ps.slot }, { participantId });
        return ok(viewOf(ps).app as AppSlotView);
      });
    },

    closeApp(participantId) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.closeApp", participantId }, () => {
        if (!ps.slot) return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open`);
        if (session?.starterId === participantId) finishSession(ps);
        else if (session?.joined.has(participantId)) return leaveSession(ps);
        const inst = slotInstance(ps);
        if (inst) closeInstance(inst, "the app was closed in the client");
        ps.slot = null;
        state("slot.closed", null, { participantId });
        return ok(null);
      });
    },

    clickStart(participantId) {
      const ps = person(participantId);
      return traced({ name: "ui.clickStart", spec: "A3", participantId, args: null }, () => {
        if (!ps.slot) return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open`);
        const inst = slotInstance(ps);
        if (inst && !inst.config.visible) {
          return fail(
            "NOT_PERMITTED",
            `the ${entryLabel()} button is hidden (setCollaborationConfig({ visible: false }))`,
          );
        }
        const gate = versionError<AppHandleResp>(ps, "collaboration.start", COLLABORATION_SINCE);
        if (gate) return gate;
        if (!inst) {
          return fail("NOT_PERMITTED", "the app has not connected yet; wait for its instance");
        }
        return startSession(ps, inst, undefined);
      });
    },

    join(participantId) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.join", participantId }, () => joinSession(ps, null));
    },

    leave(participantId) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.leave", participantId }, () => leaveSession(ps));
    },

    end(participantId) {
      const ps = person(participantId);
      return traced({ name: "ui.end", spec: "A3", participantId, args: null }, () =>
        endSession(ps),
      );
    },

    dismissInvitation(participantId) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.dismissInvitation", participantId }, () => {
        if (!session || ps.invitation !== session.activeId) {
          return fail("NO_ACTIVE_SESSION", `${ps.p.nickname} has no pending invitation`);
        }
        ps.invitation = null;
        ps.rejoin = session.activeId;
        state("invitation.dismissed", { activeId: session.activeId }, { participantId });
        return ok(null);
      });
    },

    answerConfirmation(participantId, accept) {
      const ps = person(participantId);
      return tracedSync({ name: "ui.answerConfirmation", participantId, args: { accept } }, () => {
        const c = ps.confirmation;
        if (!c) return fail("NOT_PERMITTED", `${ps.p.nickname} has no confirmation dialog open`);
        ps.confirmation = null;
        state("confirmation.answered", { kind: c.kind, accepted: accept }, { participantId });
        c.resolve(accept);
        return ok(null);
      });
    },
  };

  // ---- the meeting ---------------------------------------------------------------------------

  return {
    id: meetingId,
    clock,
    trace,
    ui,
    auth,
    app: () => ({ ...app }),
    updateApp(patch) {
      if (patch.url !== undefined) checkAppUrl(patch.url, "app.url");
      app = { ...app, ...patch };
      state("app.updated", { ...app, secret: "<redacted>" }, {}, "A3");
      return { ...app };
    },
    decisions: () => ({ ...decisions }),
    setDecisions(patch) {
      decisions = { ...decisions, ...patch };
      state("decisions.updated", { ...decisions }, {}, "A3");
      return { ...decisions };
    },
    participants: () => [...people.values()].map(toParticipant),
    participant: (id) => toParticipant(person(id)),
    addParticipant,
    updateParticipant(id, patch) {
      const ps = person(id);
      if (patch.role !== undefined) validateRole(patch.role);
      const before = { role: ps.p.role, nickname: ps.p.nickname };
      for (const [k, v] of Object.entries(patch)) {
        if (v !== undefined) (ps.p as Record<string, unknown>)[k] = v;
      }
      state("participant.updated", patch, { participantId: id }, "A4");
      if (before.role !== ps.p.role || before.nickname !== ps.p.nickname) {
        const payload = {
          isHost: ps.p.role === RoleType.HOST,
          isCohost: ps.p.role === RoleType.COHOST,
          nickname: ps.p.nickname,
        };
        for (const inst of openInstances()) {
          if (inst.pid === id) deliver(inst, { name: "inmeeting-user-info", payload }, "A4");
        }
      }
      return toParticipant(ps);
    },
    removeParticipant(id) {
      const ps = person(id);
      if (session?.starterId === id) finishSession(ps);
      else if (session?.joined.has(id)) leaveSession(ps);
      for (const inst of openInstances()) {
        if (inst.pid === id) closeInstance(inst, "the participant left the meeting");
      }
      if (ps.confirmation) {
        const c = ps.confirmation;
        ps.confirmation = null;
        c.resolve(false);
      }
      people.delete(id);
      state("participant.removed", null, { participantId: id }, "A4");
    },
    setAudio(id, isAudioOn) {
      const ps = person(id);
      broadcast({ name: "user-audio-status", payload: { msOpenId: ps.p.msOpenId, isAudioOn } });
    },
    setSpeaking(idList) {
      const msOpenIds = idList.map((id) => person(id).p.msOpenId);
      broadcast({ name: "speaking-members-changed", payload: { msOpenIds } });
    },
    session: () =>
      session
        ? {
            activeId: session.activeId,
            url: session.url,
            starterId: session.starterId,
            startedAt: session.startedAt,
            joined: [...session.joined],
          }
        : null,
    view: (id) => viewOf(person(id)),
    views: () => [...people.values()].map(viewOf),
    instances: () => [...insts.values()].map(instanceSnapshot),
    openInstance(participantId, opts) {
      const ps = person(participantId);
      if (!isRecord(opts)) throw new MeetingError("INVALID_ARGUMENT", "openInstance needs { url }");
      checkAppUrl(opts.url, "openInstance: url");
      for (const old of openInstances()) {
        if (old.pid === participantId) closeInstance(old, "replaced by a new instance");
      }
      const inst: IState = {
        id: `i${++iCounter}`,
        pid: participantId,
        url: opts.url,
        origin: typeof opts.origin === "string" ? opts.origin : null,
        closed: false,
        closeReason: null,
        config: { visible: true },
        authorized: false,
        events: new Set(),
        closes: new Set(),
      };
      insts.set(inst.id, inst);
      if (!ps.slot) ps.slot = { url: opts.url, key: newKey(), instanceId: null };
      ps.slot.instanceId = inst.id;
      const handle: AppInstance = {
        id: inst.id,
        participantId,
        api: makeApi(inst),
        onEvent(listener) {
          if (inst.closed) return () => {};
          inst.events.add(listener);
          return () => {
            inst.events.delete(listener);
          };
        },
        onClose(listener) {
          if (inst.closed) return () => {};
          inst.closes.add(listener);
          return () => {
            inst.closes.delete(listener);
          };
        },
        close(reason) {
          closeInstance(inst, reason ?? "closed by the host adapter");
        },
        get closed() {
          return inst.closed;
        },
        get closeReason() {
          return inst.closeReason;
        },
      };
      state(
        "instance.opened",
        { url: inst.url, origin: inst.origin, scene: instanceSnapshot(inst).scene },
        ids(inst),
        "A1",
      );
      return handle;
    },
    subscribe(listener) {
      changeListeners.add(listener);
      return () => {
        changeListeners.delete(listener);
      };
    },
  };
}
