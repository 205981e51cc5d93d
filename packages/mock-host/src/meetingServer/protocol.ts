/**
 * The meeting server's wire protocol (decision 0031): JSON text frames between one meeting
 * server (the simulator, single source of truth) and its views (pages, processes, workers), each
 * hosting the participants the server assigned to it. Web-standard; shared by server and views.
 *
 * @module
 */
import { HOST_METHODS, type HostEnvironment, type WemeetEventMessage } from "@yiqi/jsapi";

/** The protocol version; a view speaking another one is refused with `PROTOCOL_MISMATCH`. */
export const MEETING_PROTOCOL_VERSION = 1;

/** The path the server serves views at (`ws://host:port/meeting?token=…`). */
export const MEETING_SERVER_PATH = "/meeting";

/** The default port of `yiqi meeting`. */
export const MEETING_SERVER_PORT = 7300;

/** The limits of one server; every one is configurable, each has a coded refusal. */
export interface MeetingServerLimits {
  /** Largest frame accepted, in bytes (default 64 KiB); bigger closes the connection (1009). */
  maxFrameBytes: number;
  /** Participants one view may hold (default 1,000). */
  maxParticipantsPerView: number;
  /** Calls one view may have unanswered at once (default 1,000). */
  maxPendingCalls: number;
  /** Views connected at once (default 64). */
  maxViews: number;
}

/** The default {@link MeetingServerLimits}. */
export const DEFAULT_MEETING_SERVER_LIMITS: Readonly<MeetingServerLimits> = {
  maxFrameBytes: 64 * 1024,
  maxParticipantsPerView: 1000,
  maxPendingCalls: 1000,
  maxViews: 64,
};

/** The coded errors of the protocol; each message says what to do. */
export type MeetingServerErrorCode =
  | "BAD_TOKEN"
  | "BAD_FRAME"
  | "FRAME_TOO_LARGE"
  | "PROTOCOL_MISMATCH"
  | "NOT_READY"
  | "UNKNOWN_PARTICIPANT"
  | "PARTICIPANT_TAKEN"
  | "NOT_YOUR_PARTICIPANT"
  | "NOT_YOUR_INSTANCE"
  | "UNKNOWN_METHOD"
  | "QUOTA_EXCEEDED"
  | "INVALID_ARGUMENT";

/** Frames a view sends. `id` pairs a request with its `ok` / `error` answer. */
export type ViewFrame =
  | { t: "hello"; protocol: number }
  /** Take participants: existing ones by id, or `count` new ones (nicknames optional). */
  | { t: "claim"; id: number; participants: string[] }
  | { t: "claim"; id: number; count: number; nicknames?: string[] }
  /** Open an app instance for one of this view's participants (the client showing the app). */
  | { t: "open"; id: number; participant: string; url?: string }
  /** A `wemeet` host call of one of this view's instances. */
  | { t: "call"; id: number; instance: string; method: string; args: unknown }
  /** The view's frame of that instance went away. */
  | { t: "close"; id: number; instance: string };

/** Frames the server sends. */
export type ServerFrame =
  /** `subject`: the meeting's subject, for a view's title (protocol 1, optional). */
  | {
      t: "welcome";
      protocol: number;
      view: string;
      meetingId: string;
      subject?: string;
      limits: MeetingServerLimits;
    }
  /** `role` is the participant's `RoleType` when claimed (a view shows it; protocol 1, optional). */
  | { t: "claimed"; id: number; participants: { id: string; nickname: string; role?: number }[] }
  | { t: "opened"; id: number; instance: string; url: string; environment: HostEnvironment }
  | { t: "result"; id: number; result: unknown }
  | { t: "event"; instance: string; message: WemeetEventMessage }
  /** `url`: where the participant's client shows the app now, if it still does (protocol 1, optional). */
  | { t: "closed"; instance: string; reason: string; url?: string }
  | { t: "error"; id: number | null; code: MeetingServerErrorCode; message: string };

/** A refusal of one frame; `fatal` ones close the connection (only that one). */
export class MeetingServerError extends Error {
  /** What was refused; the `code` of the `error` frame the view gets. */
  readonly code: MeetingServerErrorCode;
  /** Whether the server closes the connection after answering (`BAD_FRAME`, `FRAME_TOO_LARGE`). */
  readonly fatal: boolean;
  /**
   * A refusal to answer with an `error` frame.
   *
   * @param code The refusal's code.
   * @param message What is wrong and what to do.
   * @param fatal Close the connection after answering (default `false`).
   */
  constructor(code: MeetingServerErrorCode, message: string, fatal = false) {
    super(message);
    this.name = "MeetingServerError";
    this.code = code;
    this.fatal = fatal;
  }
}

const METHODS: ReadonlySet<string> = new Set<string>([...HOST_METHODS, "notify"]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A short printable id (participant and instance ids are short words). */
const isId = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= 64 && /^[\w.:-]+$/.test(v);

const bad = (message: string): MeetingServerError =>
  new MeetingServerError(
    "BAD_FRAME",
    `${message}; see docs/decisions/0031-meeting-server.md`,
    true,
  );

/**
 * Parses and validates one view frame: a JSON object with a known `t` and well-formed fields.
 * Anything else is a `BAD_FRAME` (fatal: the view speaks another language).
 *
 * @throws {MeetingServerError}
 */
export function parseViewFrame(text: string): ViewFrame {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw bad("a frame must be JSON text");
  }
  if (!isRecord(data) || typeof data.t !== "string") throw bad("a frame is an object with t");
  if (data.t === "hello") {
    if (typeof data.protocol !== "number") throw bad("hello needs protocol (a number)");
    return { t: "hello", protocol: data.protocol };
  }
  const id = data.id;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0)
    throw bad(`${data.t} needs id, a whole number >= 0`);
  switch (data.t) {
    case "claim": {
      if (Array.isArray(data.participants)) {
        if (!data.participants.every(isId)) throw bad("claim: participants must be ids");
        return { t: "claim", id, participants: data.participants as string[] };
      }
      const n = data.count;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1)
        throw bad("claim needs participants (ids) or count (a whole number >= 1)");
      const nick = data.nicknames;
      if (
        nick !== undefined &&
        !(Array.isArray(nick) && nick.every((s) => typeof s === "string" && s.length <= 64))
      )
        throw bad("claim: nicknames must be strings of at most 64 characters");
      return { t: "claim", id, count: n, ...(nick ? { nicknames: nick as string[] } : {}) };
    }
    case "open":
      if (!isId(data.participant)) throw bad("open needs participant (an id)");
      if (data.url !== undefined && typeof data.url !== "string")
        throw bad("open: url must be a string");
      return {
        t: "open",
        id,
        participant: data.participant,
        ...(typeof data.url === "string" ? { url: data.url } : {}),
      };
    case "call":
      if (!isId(data.instance)) throw bad("call needs instance (an id)");
      if (typeof data.method !== "string") throw bad("call needs method (a string)");
      return { t: "call", id, instance: data.instance, method: data.method, args: data.args };
    case "close":
      if (!isId(data.instance)) throw bad("close needs instance (an id)");
      return { t: "close", id, instance: data.instance };
    default:
      throw bad(`unknown frame type ${JSON.stringify(String(data.t).slice(0, 32))}`);
  }
}

/** Whether `method` is a host method a view may call (the jsapi table and `notify`). */
export const isHostMethod = (method: string): boolean => METHODS.has(method);

/**
 * Whether `text` is over `limit` UTF-8 bytes (counts without encoding short strings).
 */
export function frameTooLarge(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return new TextEncoder().encode(text).byteLength > limit;
}
