/**
 * The meeting as protocol 2 carries it (docs/decisions/0032-meeting-server-protocol-2.md): the
 * plain-data {@link MeetingSnapshot} observers get in `state`, and the checked options of
 * `reset`. Web-standard.
 *
 * @module
 */
import type { EmulatorDecisions } from "../meeting/decisions.ts";
import { DEFAULT_DECISIONS } from "../meeting/decisions.ts";
import type { CreateMeetingOptions, Meeting } from "../meeting/meeting.ts";
import { DEFAULT_APP, DEFAULT_MEETING_INFO } from "../meeting/meetingState.ts";
import type {
  AppConfig,
  InstanceSnapshot,
  MeetingInfoData,
  Participant,
  ParticipantInit,
  ParticipantView,
  SessionSnapshot,
} from "../meeting/model.ts";
import { MeetingServerError } from "./protocol.ts";

/** What a snapshot and a drive answer show instead of the app's secret. */
export const REDACTED_SECRET = "<redacted>";

/** The meeting's state as plain data: what a remote replica reads. */
export interface MeetingSnapshot {
  /** The `msMeetingId` (a reset meeting has its own). */
  meetingId: string;
  /** The app configuration; `secret` is {@link REDACTED_SECRET}. */
  app: AppConfig;
  /** The meeting data (`meeting.meetingInfo()`). */
  meetingInfo: MeetingInfoData;
  /** The emulator decisions in force. */
  decisions: EmulatorDecisions;
  /** Every participant, in order of addition. */
  participants: Participant[];
  /** Every participant's client view, in participant order. */
  views: ParticipantView[];
  /** The active 一起用 session, or null. */
  session: SessionSnapshot | null;
  /** The app instances (`meeting.instances()`). */
  instances: InstanceSnapshot[];
  /** Participant id → the id of the view holding it (participants no view holds are absent). */
  holders: Record<string, string>;
}

/** The `reset` options: the part of `CreateMeetingOptions` that is plain data. */
export type ResetOptions = Pick<
  CreateMeetingOptions,
  "seed" | "app" | "decisions" | "participants" | "meetingInfo" | "maxTraceEntries"
>;

/** The state of `meeting` with `holders` (those of participants still in it). */
export function meetingSnapshot(
  meeting: Meeting,
  holders: ReadonlyMap<string, string>,
): MeetingSnapshot {
  const participants = meeting.participants();
  const held: Record<string, string> = {};
  for (const p of participants) {
    const view = holders.get(p.id);
    if (view !== undefined) held[p.id] = view;
  }
  return {
    meetingId: meeting.id,
    app: { ...meeting.app(), secret: REDACTED_SECRET },
    meetingInfo: meeting.meetingInfo(),
    decisions: meeting.decisions(),
    participants,
    views: meeting.views(),
    session: meeting.session(),
    instances: meeting.instances(),
    holders: held,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const invalid = (message: string): MeetingServerError =>
  new MeetingServerError("INVALID_ARGUMENT", `reset: ${message}`);

/** `value` when it is an object whose keys are all in `known`. */
function knownFields(name: string, value: unknown, known: object): Record<string, unknown> {
  if (!isRecord(value)) throw invalid(`${name} must be an object`);
  const unknown = Object.keys(value).filter((k) => !Object.hasOwn(known, k));
  if (unknown.length > 0)
    throw invalid(
      `${name}: unknown fields ${unknown.join(", ")}; known: ${Object.keys(known).join(", ")}`,
    );
  return value;
}

const RESET_FIELDS = [
  "seed",
  "app",
  "decisions",
  "participants",
  "meetingInfo",
  "maxTraceEntries",
] as const;

/** Most trace entries a reset meeting may keep (the server's memory is bounded). */
export const MAX_RESET_TRACE_ENTRIES = 100_000;

/**
 * Checks `reset` options: only {@link ResetOptions} fields, each of its type; `participants`
 * at most `maxParticipants`. The simulator checks the rest (urls, participant fields) when the
 * meeting is created.
 *
 * @throws {MeetingServerError} `INVALID_ARGUMENT` saying which field and what is allowed.
 */
export function checkResetOptions(options: unknown, maxParticipants: number): ResetOptions {
  const o = knownFields("options", options ?? {}, Object.fromEntries(RESET_FIELDS.map((k) => [k])));
  const out: ResetOptions = {};
  if (o.seed !== undefined) {
    if (typeof o.seed !== "string" && typeof o.seed !== "number")
      throw invalid("seed must be a string or a number");
    out.seed = o.seed;
  }
  if (o.app !== undefined) {
    const app = knownFields("app", o.app, DEFAULT_APP) as Partial<AppConfig>;
    // A UI that writes back the snapshot's app must not set the secret to the redaction marker.
    if (app.secret === REDACTED_SECRET) delete app.secret;
    out.app = app;
  }
  if (o.decisions !== undefined)
    out.decisions = knownFields("decisions", o.decisions, DEFAULT_DECISIONS);
  if (o.meetingInfo !== undefined)
    out.meetingInfo = knownFields("meetingInfo", o.meetingInfo, DEFAULT_MEETING_INFO);
  if (o.participants !== undefined) {
    if (!Array.isArray(o.participants) || !o.participants.every(isRecord))
      throw invalid("participants must be an array of objects ({ nickname, role?, … })");
    if (o.participants.length > maxParticipants)
      throw invalid(`at most ${maxParticipants} participants`);
    out.participants = o.participants as unknown as ParticipantInit[];
  }
  if (o.maxTraceEntries !== undefined) {
    const n = o.maxTraceEntries;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1 || n > MAX_RESET_TRACE_ENTRIES)
      throw invalid(`maxTraceEntries must be a whole number from 1 to ${MAX_RESET_TRACE_ENTRIES}`);
    out.maxTraceEntries = n;
  }
  return out;
}
