/**
 * The public shapes of the meeting server core (decision 0031, protocol 2 in decision 0032):
 * its options, the adapter's sink and session, the handshake refusal and the core itself.
 *
 * @module
 */
import type { Meeting } from "../meeting/meeting.ts";
import type { DEFAULT_MEETING_SERVER_LIMITS, MeetingServerLimits } from "./protocol.ts";
import type { ResetOptions } from "./snapshot.ts";

/** Options of `createMeetingServerCore`. */
export interface MeetingServerCoreOptions {
  /** The simulator (a `reset` replaces it; read the current one from the core). */
  meeting: Meeting;
  /** The per-meeting token (default: 128 random bits). At least 22 characters. */
  token?: string;
  /** Browser origins allowed to connect (default: none; non-browser views send no Origin). */
  allowedOrigins?: readonly string[];
  /** Overrides of {@link DEFAULT_MEETING_SERVER_LIMITS}; each a whole number >= 1. */
  limits?: Partial<MeetingServerLimits>;
}

/** Where a view session writes; the adapter's socket. */
export interface ViewSink {
  /** Writes one text frame (a JSON `ServerFrame`). May throw once the socket is gone. */
  send(text: string): void;
  /**
   * Closes the socket with a WebSocket close `code` (1008 policy violation, 1009 frame too
   * large, 1012 the meeting was reset) and a `reason` of at most 123 bytes (`CODE: message`).
   */
  close(code: number, reason: string): void;
  /**
   * Bytes written but not yet sent (the socket's `bufferedAmount`). Lets the server hold back
   * `state` / `trace` from a view that does not read; without it the view is taken as reading.
   */
  bufferedAmount?(): number;
}

/** How a view is connected. */
export interface ViewConnectOptions {
  /**
   * Pins the view to one participant (a page that stands for one participant, relayed by a
   * harness server): it claims, opens, releases and drives `ui.*` only as this participant and
   * cannot reset the meeting (`NOT_YOUR_PARTICIPANT`). Default: unpinned (the token is the
   * meeting owner's credential).
   */
  participant?: string;
}

/** One connected view, as the adapter drives it. */
export interface ViewSession {
  /** The view's id, `v1`, `v2`, … in connection order (the welcome frame's `view`). */
  readonly id: string;
  /** One text frame from the view. Never throws: refusals are answered or close the view. */
  receive(text: string): void;
  /** The transport closed: the view's instances close as the client's would. */
  closed(): void;
}

/** A refusal before the upgrade. */
export interface MeetingHandshakeRefusal {
  /** HTTP status: 404 wrong path, 403 origin not allowed, 401 bad token, 503 too many views. */
  status: 401 | 403 | 404 | 503;
  /** The plain-text body: what is wrong and what to do (e.g. `BAD_TOKEN: open the join link`). */
  text: string;
}

/** The transport-independent server. */
export interface MeetingServerCore {
  /** The simulator every view acts on now (a `reset` replaces it). */
  readonly meeting: Meeting;
  /** The per-meeting token a view must present as `?token=`. */
  readonly token: string;
  /** The limits in force: the defaults with the options' overrides applied. */
  readonly limits: Readonly<MeetingServerLimits>;
  /** Checks a handshake (path, origin, token, view count); `undefined` admits it. */
  admit(info: {
    url: string;
    origin: string | null | undefined;
  }): MeetingHandshakeRefusal | undefined;
  /** Starts a session for an admitted view. */
  connect(sink: ViewSink, options?: ViewConnectOptions): ViewSession;
  /** Participant id → view id, for the participants views hold now. */
  assignments(): ReadonlyMap<string, string>;
  /**
   * Replaces the meeting with a new one on the same clock, as a view's `reset` does: every
   * instance closes, every participant is released, protocol-2 views get `reset`, protocol-1
   * views are closed (1012), observers get the new state and trace.
   *
   * @throws {MeetingServerError} `INVALID_ARGUMENT` for bad options.
   */
  reset(options?: ResetOptions): Meeting;
  /** Calls `listener` with the new meeting after each reset; returns the unsubscribe function. */
  onReset(listener: (meeting: Meeting) => void): () => void;
}
