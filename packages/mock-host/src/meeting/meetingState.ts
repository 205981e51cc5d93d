/**
 * The internal core of the meeting simulator: every piece of mutable state in one record
 * ({@link MeetingState}) and the small reads and writes the other modules share (trace a state
 * change, look up a participant, who is in the session). Not exported from the package.
 *
 * @module
 */
import type { RoleType, WemeetEventMessage, WemeetEventName } from "@yiqi/jsapi";
import { RoleType as Roles } from "@yiqi/jsapi";
import type { Clock } from "./clock.ts";
import type { EmulatorDecisions } from "./decisions.ts";
import { MeetingError } from "./errors.ts";
import type { AppConfig, InstanceScene, MeetingInfoData, OpenScene, Participant } from "./model.ts";
import type { SeededRandom } from "./random.ts";
import type { SpecRef, Trace } from "./trace.ts";

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
  enableCustomerData: true,
  trustedDomains: [],
});

/** The meeting data of a meeting created without any (`meeting.updateMeetingInfo` edits it). */
export const DEFAULT_MEETING_INFO: Readonly<MeetingInfoData> = Object.freeze({
  meetingCode: "123456789",
  meetingSubject: "Yiqi meeting",
  meetingType: 0,
  enableWatermark: false,
  breakoutRoomId: "",
  breakoutRoomName: "",
  isBreakoutRoomStarted: false,
  isInBreakOutRoom: false,
  subMeetingId: "",
} satisfies MeetingInfoData);

/** The client version of a participant added without one. */
export const DEFAULT_CLIENT_VERSION = "3.14.0.400";

/** A participant's state: who they are and what their client shows. */
export interface PState {
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
    avatarUrl?: string;
    phoneNumber: string;
    countryCode: string;
    customerData: string;
    userId: string;
  };
  /** The app panel: its URL, scene, frame key, and the connected instance. */
  slot: { url: string; scene: OpenScene; key: string; instanceId: string | null } | null;
  /** The activeId of an unanswered invitation. */
  invitation: string | null;
  /** The activeId the rejoin bar offers. */
  rejoin: string | null;
  confirmation: {
    kind: "start" | "end";
    message: string;
    resolve: (accept: boolean) => void;
  } | null;
}

/** An app instance's state. */
export interface IState {
  id: string;
  pid: string;
  url: string;
  origin: string | null;
  closed: boolean;
  closeReason: string | null;
  config: { url?: string; visible: boolean };
  authorized: boolean;
  /** The scene it was opened in (`inCollaboration` is computed, never stored). */
  scene: OpenScene;
  shareOpenAppConfig: Record<string, unknown> | null;
  windowShared: boolean;
  position: "popup" | "side_bar" | "major_meeting";
  events: Set<(msg: WemeetEventMessage) => void>;
  closes: Set<(reason: string) => void>;
  /** The client's handling notices (decision 0306): see `notices.ts`. */
  notices: NoticeState;
}

/** What the host knows of an instance's client reports (decision 0306). */
export interface NoticeState {
  /** The client said `hello`: it reports handling for every event delivered to it. */
  reporting: boolean;
  /** Deliveries not reported yet, by event id (the trace seq of the `event` entry), bounded. */
  pending: Map<number, { name: WemeetEventName; spec: SpecRef }>;
  /** Called when `pending` empties (see `AppInstance.reportsSettled`). */
  settled: Set<() => void>;
}

/** The active collaboration session. */
export interface Session {
  activeId: string;
  url: string;
  starterId: string;
  startedAt: number;
  /** Participants who joined (the starter excluded). */
  joined: Set<string>;
}

/** Everything that changes in a meeting, in one record. */
export interface MeetingState {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly trace: Trace;
  readonly meetingId: string;
  app: AppConfig;
  decisions: EmulatorDecisions;
  /** What `meeting.getCurrMeetingInfo()` reports. */
  info: MeetingInfoData;
  readonly people: Map<string, PState>;
  /** Open instances, and closed ones within `maxClosedInstances` (decision 0017). */
  readonly insts: Map<string, IState>;
  /** Closed instances kept, the newest (plus each participant's latest; decision 0017). */
  readonly maxClosedInstances: number;
  session: Session | null;
  /** Counters of the `p<N>`, `i<N>` and `k<N>` ids. */
  counters: { participant: number; instance: number; key: number };
  readonly changeListeners: Set<() => void>;
}

/** What {@link createMeetingState} needs; the caller has applied every default. */
export interface MeetingStateInit {
  clock: Clock;
  random: SeededRandom;
  trace: Trace;
  app: AppConfig;
  decisions: EmulatorDecisions;
  meetingId: string;
  /** Default {@link DEFAULT_MAX_CLOSED_INSTANCES}; at least 0. */
  maxClosedInstances?: number | undefined;
}

/** The closed app instances a meeting keeps by default (decision 0017). */
export const DEFAULT_MAX_CLOSED_INSTANCES = 100;

/** A meeting with no participants, instances or session. */
export function createMeetingState(init: MeetingStateInit): MeetingState {
  return {
    ...init,
    maxClosedInstances: Math.max(
      0,
      Math.floor(init.maxClosedInstances ?? DEFAULT_MAX_CLOSED_INSTANCES),
    ),
    info: { ...DEFAULT_MEETING_INFO },
    people: new Map(),
    insts: new Map(),
    session: null,
    counters: { participant: 0, instance: 0, key: 0 },
    changeListeners: new Set(),
  };
}

/** The roles that may start (and, by decision, end): host and co-host. */
export const HOSTISH: ReadonlySet<number> = new Set<number>([Roles.HOST, Roles.COHOST]);

const ROLE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(Roles).map(([k, v]) => [v, k.toLowerCase()]),
);

/** `host`, `cohost`, ... for messages (the number when unknown). */
export function roleName(role: RoleType): string | number {
  return ROLE_NAMES[role] ?? role;
}

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `v` when it is a plain object, else `{}`. */
export function asRecord(v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : {};
}

/** Tell the UI listeners that something changed; a failing listener is ignored. */
export function changed(st: MeetingState): void {
  for (const l of st.changeListeners) {
    try {
      l();
    } catch {
      // A UI listener's failure must not break the simulator.
    }
  }
}

/** Trace a state change, then tell the listeners. */
export function recordState(
  st: MeetingState,
  name: string,
  data: unknown,
  ids: { participantId?: string; instanceId?: string } = {},
  spec: SpecRef = "A3",
): void {
  st.trace.record({ kind: "state", name, data, spec, ...ids });
  changed(st);
}

/** A participant's state. @throws {MeetingError} `UNKNOWN_PARTICIPANT`. */
export function person(st: MeetingState, id: string): PState {
  const ps = st.people.get(id);
  if (!ps) {
    throw new MeetingError(
      "UNKNOWN_PARTICIPANT",
      `unknown participant "${id}"; known: ${[...st.people.keys()].join(", ") || "none"}`,
    );
  }
  return ps;
}

/** The public form of a participant (`openId` only while authorised). */
export function toParticipant(ps: PState): Participant {
  const { openId, ...rest } = ps.p;
  return ps.p.authorized ? { ...rest, openId } : { ...rest };
}

/** Close `ps`'s confirmation dialog unanswered, if one is open: it counts as canceled. */
export function cancelConfirmation(ps: PState): void {
  const c = ps.confirmation;
  if (!c) return;
  ps.confirmation = null;
  c.resolve(false);
}

/** Whether `pid` is in the session (its starter or a joined participant). */
export function isMember(st: MeetingState, pid: string): boolean {
  const s = st.session;
  return s !== null && (s.starterId === pid || s.joined.has(pid));
}

/** The open instance connected to the participant's app panel, if any. */
export function slotInstance(st: MeetingState, ps: PState): IState | null {
  const id = ps.slot?.instanceId;
  const inst = id ? st.insts.get(id) : undefined;
  return inst && !inst.closed ? inst : null;
}

/** The scene instance `inst` runs in now. */
export function sceneOf(st: MeetingState, inst: IState): InstanceScene {
  return inSession(st, inst) ? "inCollaboration" : inst.scene;
}

/** Whether a scene is in a meeting (`inMeeting`, `inCollaboration`). */
export function inMeetingScene(scene: InstanceScene): boolean {
  return scene === "inMeeting" || scene === "inCollaboration";
}

/** Whether an instance runs in the session: open, its panel's current one, its participant in. */
export function inSession(st: MeetingState, inst: IState): boolean {
  const ps = st.people.get(inst.pid);
  return (
    !inst.closed && ps !== undefined && isMember(st, inst.pid) && ps.slot?.instanceId === inst.id
  );
}

/** Every open instance, in order of opening. */
export function openInstances(st: MeetingState): IState[] {
  return [...st.insts.values()].filter((i) => !i.closed);
}

/** A new app-panel key (a new key = a new frame). */
export function newKey(st: MeetingState): string {
  return `k${++st.counters.key}`;
}

/** The label of the app's entry button. */
export function entryLabel(st: MeetingState): "一起用" | "一起玩" {
  return st.app.game ? "一起玩" : "一起用";
}

/** The ids of an instance, for trace entries. */
export function instanceIds(inst: IState): { participantId: string; instanceId: string } {
  return { participantId: inst.pid, instanceId: inst.id };
}
