/**
 * The meeting simulator's facade: {@link createMeeting} wires the internal core (the state
 * record, the session state machine, the per-instance host API, views, participants and UI
 * actions; docs/decisions/0110-meeting-core.md) into one {@link Meeting}.
 *
 * @module
 */

import type { Clock } from "./clock.ts";
import { createManualClock } from "./clock.ts";
import { DEFAULT_DECISIONS, type EmulatorDecisions } from "./decisions.ts";
import { MeetingError } from "./errors.ts";
import { createHostApi } from "./hostApi.ts";
import { addInstance, closeInstance } from "./instances.ts";
import { createMeetingAuth, type MeetingAuth } from "./meetingAuth.ts";
import {
  createMeetingState,
  DEFAULT_APP,
  instanceIds,
  isRecord,
  person,
  recordState,
  toParticipant,
} from "./meetingState.ts";
import type {
  AppConfig,
  AppInstance,
  InstanceSnapshot,
  MeetingInfoData,
  OpenInstanceOptions,
  Participant,
  ParticipantInit,
  ParticipantPatch,
  ParticipantView,
  SessionSnapshot,
} from "./model.ts";
import { reportsSettled } from "./notices.ts";
import {
  addParticipant,
  removeParticipant,
  setAudio,
  setSpeaking,
  updateParticipant,
} from "./participants.ts";
import { createRandom } from "./random.ts";
import { openSceneProblem } from "./scenes.ts";
import { checkAppUrl } from "./sessionUrl.ts";
import { createTrace, type Trace } from "./trace.ts";
import { createMeetingUi, type MeetingUi } from "./ui.ts";
import { instanceSnapshot, sessionSnapshot, viewOf } from "./views.ts";

/** Options of {@link createMeeting}; everything has a default. */
export interface CreateMeetingOptions {
  /** Seed of the id generator (default `"yiqi"`). Same seed + same actions = same ids and trace. */
  seed?: number | string;
  /** Default: a manual clock starting at a fixed instant (see `createManualClock`). */
  clock?: Clock;
  /** The app's console configuration; unset fields take {@link DEFAULT_APP}. */
  app?: Partial<AppConfig>;
  /** The meeting data; unset fields take `DEFAULT_MEETING_INFO`. */
  meetingInfo?: Partial<MeetingInfoData>;
  /** Emulator decisions; unset fields take {@link DEFAULT_DECISIONS}. */
  decisions?: Partial<EmulatorDecisions>;
  /** Participants to add at once, in order (`p1`, `p2`, ... unless they carry ids). */
  participants?: ParticipantInit[];
  /** The `msMeetingId` (default: seeded). */
  meetingId?: string;
  /** Trace entries kept, newest last (default 10,000; see `createTrace`). */
  maxTraceEntries?: number;
  /**
   * Closed app instances `instances()` keeps (default 100, decision 0017): beyond it the oldest
   * closed ones are forgotten, except each participant's latest instance. Open instances and the
   * trace are never affected.
   */
  maxClosedInstances?: number;
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
  /** What `meeting.getCurrMeetingInfo()` reports (besides the caller's role and scene). */
  meetingInfo(): Readonly<MeetingInfoData>;
  /** Edit the meeting data (subject, code, type, watermark, breakout rooms, sub-meeting id). */
  updateMeetingInfo(patch: Partial<MeetingInfoData>): Readonly<MeetingInfoData>;
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
  /**
   * The app instances, in order of opening: every open one, each participant's latest, and the
   * newest `maxClosedInstances` closed ones (decision 0017; the trace keeps the full history).
   */
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
  const random = createRandom(options.seed ?? "yiqi");
  const trace = createTrace(clock, { maxEntries: options.maxTraceEntries });
  const app: AppConfig = { ...DEFAULT_APP, ...options.app };
  checkAppUrl(app.url, "app.url");
  const decisions: EmulatorDecisions = { ...DEFAULT_DECISIONS, ...options.decisions };
  const meetingId = options.meetingId ?? random.string(19, "0123456789");
  const st = createMeetingState({
    clock,
    random,
    trace,
    app,
    decisions,
    meetingId,
    maxClosedInstances: options.maxClosedInstances,
  });
  st.info = { ...st.info, ...options.meetingInfo };

  const auth = createMeetingAuth({
    clock,
    random,
    trace,
    app: () => st.app,
    decisions: () => st.decisions,
    openIdOf: (pid) => {
      const ps = st.people.get(pid);
      if (!ps) return null;
      return ps.p.authorized ? ps.p.openId : undefined;
    },
  });

  for (const init of options.participants ?? []) addParticipant(st, init);

  const ui = createMeetingUi(st);

  const openInstance = (participantId: string, opts: OpenInstanceOptions): AppInstance => {
    const ps = person(st, participantId);
    if (!isRecord(opts)) throw new MeetingError("INVALID_ARGUMENT", "openInstance needs { url }");
    checkAppUrl(opts.url, "openInstance: url");
    const origin = typeof opts.origin === "string" ? opts.origin : null;
    const scene = opts.scene ?? ps.slot?.scene ?? "inMeeting";
    const badScene = openSceneProblem(scene, ps.p.clientVersion);
    if (badScene && !badScene.ok) throw new MeetingError("INVALID_ARGUMENT", badScene.error.errMsg);
    const inst = addInstance(st, participantId, ps, opts.url, origin, scene);
    const handle: AppInstance = {
      id: inst.id,
      participantId,
      api: createHostApi(st, auth, inst),
      reportsSettled: () => reportsSettled(inst),
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
        closeInstance(st, inst, reason ?? "closed by the host adapter");
      },
      get closed() {
        return inst.closed;
      },
      get closeReason() {
        return inst.closeReason;
      },
    };
    recordState(
      st,
      "instance.opened",
      { url: inst.url, origin: inst.origin, scene: instanceSnapshot(st, inst).scene },
      instanceIds(inst),
      "A1",
    );
    return handle;
  };

  return {
    id: meetingId,
    clock,
    trace,
    ui,
    auth,
    app: () => ({ ...st.app }),
    updateApp(patch) {
      if (patch.url !== undefined) checkAppUrl(patch.url, "app.url");
      st.app = { ...st.app, ...patch };
      recordState(st, "app.updated", { ...st.app, secret: "<redacted>" }, {}, "A3");
      return { ...st.app };
    },
    meetingInfo: () => ({ ...st.info }),
    updateMeetingInfo(patch) {
      if (!isRecord(patch))
        throw new MeetingError("INVALID_ARGUMENT", "updateMeetingInfo needs an object");
      const known = Object.keys(st.info);
      const unknown = Object.keys(patch).filter((k) => !known.includes(k));
      if (unknown.length > 0) {
        throw new MeetingError(
          "INVALID_ARGUMENT",
          `updateMeetingInfo: unknown fields ${unknown.join(", ")}; known: ${known.join(", ")}`,
        );
      }
      st.info = { ...st.info, ...patch };
      recordState(st, "meetingInfo.updated", { ...st.info }, {}, "A4");
      return { ...st.info };
    },
    decisions: () => ({ ...st.decisions }),
    setDecisions(patch) {
      st.decisions = { ...st.decisions, ...patch };
      recordState(st, "decisions.updated", { ...st.decisions }, {}, "A3");
      return { ...st.decisions };
    },
    participants: () => [...st.people.values()].map(toParticipant),
    participant: (id) => toParticipant(person(st, id)),
    addParticipant: (init) => addParticipant(st, init),
    updateParticipant: (id, patch) => updateParticipant(st, id, patch),
    removeParticipant: (id) => removeParticipant(st, id),
    setAudio: (id, isAudioOn) => setAudio(st, id, isAudioOn),
    setSpeaking: (ids) => setSpeaking(st, ids),
    session: () => sessionSnapshot(st),
    view: (id) => viewOf(st, person(st, id)),
    views: () => [...st.people.values()].map((ps) => viewOf(st, ps)),
    instances: () => [...st.insts.values()].map((inst) => instanceSnapshot(st, inst)),
    openInstance,
    subscribe(listener) {
      st.changeListeners.add(listener);
      return () => {
        st.changeListeners.delete(listener);
      };
    },
  };
}
