/**
 * The meeting server's wire protocol (decision 0031): JSON text frames between one meeting
 * server (the simulator, single source of truth) and its views (pages, processes, workers), each
 * hosting the participants the server assigned to it. Web-standard; shared by server and views.
 *
 * @module
 */
import { HOST_METHODS, type HostEnvironment, type WemeetEventMessage } from "@yiqi/jsapi";
import type { TraceEntry } from "../meeting/trace.ts";
import type { MeetingSnapshot, ResetOptions } from "./snapshot.ts";
import type { MeetingDeltaFrame } from "./snapshotDelta.ts";

/**
 * The newest protocol version (2: observe, drive, reset, release, claim with takeover). A view
 * says its version in `hello`; one the server does not speak is refused with `PROTOCOL_MISMATCH`.
 */
export const MEETING_PROTOCOL_VERSION = 2;

/** Every version the server speaks: protocol-1 views keep working (decision 0031). */
export const MEETING_PROTOCOL_VERSIONS: readonly number[] = [1, 2];

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
  /**
   * Bytes a view may have unread in its socket before the server stops sending it `state` and
   * `trace` (default 4 MiB); it catches up once it reads (protocol 2).
   */
  maxBufferedBytes: number;
  /**
   * Trace entries kept for an observer that is not reading (default 10,000); past it the view is
   * closed (`QUOTA_EXCEEDED`), so a slow view never grows the server's memory (protocol 2).
   */
  maxTraceBacklog: number;
}

/** The default {@link MeetingServerLimits}. */
export const DEFAULT_MEETING_SERVER_LIMITS: Readonly<MeetingServerLimits> = {
  maxFrameBytes: 64 * 1024,
  maxParticipantsPerView: 1000,
  maxPendingCalls: 1000,
  maxViews: 64,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxTraceBacklog: 10_000,
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

/** Frames a view sends. `id` pairs a request with its answer or its `error`. */
export type ViewFrame =
  | { t: "hello"; protocol: number }
  /**
   * Take participants: existing ones by id, or `count` new ones (nicknames optional). With
   * `takeover` (protocol 2) a participant another view holds moves to this one.
   */
  | { t: "claim"; id: number; participants: string[]; takeover?: boolean }
  | { t: "claim"; id: number; count: number; nicknames?: string[] }
  /** Open an app instance for one of this view's participants (the client showing the app). */
  | { t: "open"; id: number; participant: string; url?: string }
  /** A `wemeet` host call of one of this view's instances. */
  | { t: "call"; id: number; instance: string; method: string; args: unknown }
  /** The view's frame of that instance went away. */
  | { t: "close"; id: number; instance: string }
  /**
   * Protocol 2: the current state and trace now, then `state` / `trace` after changes. With
   * `deltas` (decision 0040) the view gets `delta` frames (what changed) instead of `state`.
   */
  | { t: "observe"; id: number; deltas?: boolean }
  /** Protocol 2: one driver action on the server's meeting (see `DRIVE_ACTIONS`). */
  | { t: "drive"; id: number; action: string; args: unknown[] }
  /** Protocol 2: replace the meeting with a new one. */
  | { t: "reset"; id: number; options: ResetOptions }
  /** Protocol 2: give participants back (their instances close). */
  | { t: "release"; id: number; participants: string[] };

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
  | { t: "error"; id: number | null; code: MeetingServerErrorCode; message: string }
  /**
   * Protocol 2, to observers: the meeting's state after changes (the latest; coalesced). `seq`:
   * its version, to views that take deltas only (the `base` of the next `delta`).
   */
  | { t: "state"; state: MeetingSnapshot; seq?: number }
  /** To observers that take deltas (decision 0040): what changed from version `base` to `seq`. */
  | MeetingDeltaFrame
  /** Protocol 2, to observers: new trace entries, in order, each once. */
  | { t: "trace"; entries: TraceEntry[] }
  /** Protocol 2, to every view: the meeting was replaced; instances closed, participants freed. */
  | { t: "reset"; meetingId: string }
  /** Protocol 2: these participants left this view (taken over from another view). */
  | { t: "released"; participants: string[]; reason: string };

/** The client an instance runs in, as `opened` reports it (platform, version, user agent). */
export type InstanceEnvironment = Extract<ServerFrame, { t: "opened" }>["environment"];

/** One `wemeet` event of an instance, as `event` carries it. */
export type InstanceEvent = Extract<ServerFrame, { t: "event" }>["message"];

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
