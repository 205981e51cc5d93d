/**
 * The meeting server core (decision 0031): one `Meeting` simulator, the single source of truth,
 * served to views over any text-frame transport. The server admits a view by its token, assigns
 * participants to it, opens their app instances through the simulator's own `openInstance` (the
 * path `attachApp` uses) and routes each instance's calls and events. A view acts only for the
 * participants it was given: identity comes from the session, never from a frame. Web-standard;
 * the Node and Deno adapters carry the frames.
 *
 * @module
 */

import { environmentFor } from "../meeting/environment.ts";
import { MeetingError } from "../meeting/errors.ts";
import type { Meeting } from "../meeting/meeting.ts";
import type { AppInstance } from "../meeting/model.ts";
import { normalizeOrigins, originRefusal } from "../rooms/origin.ts";
import {
  DEFAULT_MEETING_SERVER_LIMITS,
  frameTooLarge,
  isHostMethod,
  MEETING_PROTOCOL_VERSION,
  MEETING_SERVER_PATH,
  MeetingServerError,
  type MeetingServerLimits,
  parseViewFrame,
  type ServerFrame,
  type ViewFrame,
} from "./protocol.ts";
import { createMeetingToken, MIN_TOKEN_LENGTH, tokensEqual } from "./token.ts";

/** How long a closed instance waits for its client's last handling reports (as `attachApp`). */
const REPORT_GRACE_MS = 1000;

/** The client's handling reports of `inst` settled (decision 0306), where the simulator has them. */
const reportsSettled = (inst: AppInstance): Promise<void> =>
  (inst as unknown as { reportsSettled?: () => Promise<void> }).reportsSettled?.() ??
  Promise.resolve();

/** Options of {@link createMeetingServerCore}. */
export interface MeetingServerCoreOptions {
  /** The simulator (default: a new meeting with one host, `p1`). */
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
   * large) and a `reason` of at most 123 bytes (`CODE: message`).
   */
  close(code: number, reason: string): void;
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
  /** The simulator every view acts on. */
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
  connect(sink: ViewSink): ViewSession;
  /** Participant id → view id, for the participants views hold now. */
  assignments(): ReadonlyMap<string, string>;
}

const refusal = (status: MeetingHandshakeRefusal["status"], text: string) => ({ status, text });

/**
 * Creates the server core. An adapter asks {@link MeetingServerCore.admit} before upgrading a
 * connection and then feeds the socket's frames to the session {@link MeetingServerCore.connect}
 * returns.
 *
 * @throws {MeetingServerError} `INVALID_ARGUMENT` for a token shorter than 22 characters or a
 *   limit that is not a whole number >= 1.
 * @example
 * ```ts
 * import { createMeeting, createMeetingServerCore } from "@yiqi/mock-host";
 *
 * const core = createMeetingServerCore({ meeting: createMeeting() });
 * const refused = core.admit({ url: `/meeting?token=${core.token}`, origin: null });
 * if (refused === undefined) {
 *   const view = core.connect({ send: (text) => console.log(text), close: () => {} });
 *   view.receive(JSON.stringify({ t: "hello", protocol: 1 }));
 * }
 * ```
 */
export function createMeetingServerCore(options: MeetingServerCoreOptions): MeetingServerCore {
  const { meeting } = options;
  const token = options.token ?? createMeetingToken();
  if (typeof token !== "string" || token.length < MIN_TOKEN_LENGTH)
    throw new MeetingServerError(
      "INVALID_ARGUMENT",
      `the meeting token must be at least ${MIN_TOKEN_LENGTH} characters (128 bits); omit it to get a random one`,
    );
  const limits: MeetingServerLimits = { ...DEFAULT_MEETING_SERVER_LIMITS, ...options.limits };
  for (const [k, v] of Object.entries(limits))
    if (!Number.isSafeInteger(v) || v < 1)
      throw new MeetingServerError("INVALID_ARGUMENT", `limits.${k} must be a whole number >= 1`);
  const allowed = normalizeOrigins(options.allowedOrigins ?? []);
  const owner = new Map<string, string>();
  const sessions = new Set<string>();
  let views = 0;

  const admit: MeetingServerCore["admit"] = ({ url, origin }) => {
    const u = new URL(url, "http://meeting.invalid");
    if (u.pathname !== MEETING_SERVER_PATH)
      return refusal(404, `The meeting server serves views at ${MEETING_SERVER_PATH} only.\n`);
    const refused = originRefusal(origin, allowed);
    if (refused !== undefined) return refusal(403, refused);
    if (!tokensEqual(u.searchParams.get("token"), token))
      return refusal(
        401,
        "BAD_TOKEN: open the join link the meeting server printed (it carries ?token=).\n",
      );
    if (sessions.size >= limits.maxViews)
      return refusal(503, `QUOTA_EXCEEDED: at most ${limits.maxViews} views at once.\n`);
    return undefined;
  };

  const connect = (sink: ViewSink): ViewSession => {
    const viewId = `v${++views}`;
    sessions.add(viewId);
    const mine = new Set<string>();
    const instances = new Map<string, AppInstance>();
    let ready = false;
    let gone = false;
    let pending = 0;

    const send = (frame: ServerFrame): void => {
      if (gone) return;
      try {
        sink.send(JSON.stringify(frame));
      } catch {
        // The socket is closing; its close event ends the session.
      }
    };
    const fail = (id: number | null, e: MeetingServerError): void =>
      send({ t: "error", id, code: e.code, message: e.message });

    const claim = (f: Extract<ViewFrame, { t: "claim" }>): void => {
      const wanted = "participants" in f ? f.participants.length : f.count;
      if (mine.size + wanted > limits.maxParticipantsPerView)
        throw new MeetingServerError(
          "QUOTA_EXCEEDED",
          `a view holds at most ${limits.maxParticipantsPerView} participants (has ${mine.size}); connect another view`,
        );
      let ids: string[];
      if ("participants" in f) {
        for (const pid of f.participants) {
          if (!meeting.participants().some((p) => p.id === pid))
            throw new MeetingServerError(
              "UNKNOWN_PARTICIPANT",
              `no participant ${pid} in this meeting`,
            );
          const holder = owner.get(pid);
          if (holder !== undefined && holder !== viewId)
            throw new MeetingServerError(
              "PARTICIPANT_TAKEN",
              `participant ${pid} is held by another view`,
            );
        }
        ids = f.participants;
      } else {
        ids = Array.from({ length: f.count }, (_, k) => {
          const n = meeting.participants().length + 1;
          return meeting.addParticipant({ nickname: f.nicknames?.[k] ?? `Guest ${n}` }).id;
        });
      }
      for (const pid of ids) {
        owner.set(pid, viewId);
        mine.add(pid);
      }
      const participants = ids.map((pid) => {
        const { nickname, role } = meeting.participant(pid);
        return { id: pid, nickname, role };
      });
      send({ t: "claimed", id: f.id, participants });
    };

    const open = (f: Extract<ViewFrame, { t: "open" }>): void => {
      if (!mine.has(f.participant))
        throw new MeetingServerError(
          "NOT_YOUR_PARTICIPANT",
          `this view was not given participant ${f.participant}; claim participants first`,
        );
      const url = f.url ?? meeting.view(f.participant).app?.url ?? meeting.app().url;
      let inst: AppInstance;
      try {
        inst = meeting.openInstance(f.participant, { url, origin: new URL(url).origin });
      } catch (e) {
        throw new MeetingServerError(
          "INVALID_ARGUMENT",
          e instanceof Error ? e.message : String(e),
        );
      }
      instances.set(inst.id, inst);
      const offEvents = inst.onEvent((message) => send({ t: "event", instance: inst.id, message }));
      inst.onClose((reason) => {
        offEvents();
        // As attachApp: the closing call answers first, and the client reports its handling of
        // the last events, at most REPORT_GRACE_MS.
        setTimeout(() => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const grace = new Promise<void>((r) => {
            timer = setTimeout(r, REPORT_GRACE_MS);
          });
          void Promise.race([reportsSettled(inst), grace]).then(() => {
            clearTimeout(timer);
            instances.delete(inst.id);
            send({ t: "closed", instance: inst.id, reason, ...appSlotUrl(f.participant) });
          });
        }, 0);
      });
      const environment = environmentFor(meeting.participant(f.participant), inst.id);
      send({ t: "opened", id: f.id, instance: inst.id, url, environment });
    };

    /** Where the participant's client shows the app now (a join replaced it), if anywhere. */
    const appSlotUrl = (pid: string): { url?: string } => {
      try {
        const url = meeting.view(pid).app?.url;
        return url ? { url } : {};
      } catch {
        return {};
      }
    };

    const ownInstance = (id: string): AppInstance => {
      const inst = instances.get(id);
      if (!inst)
        throw new MeetingServerError(
          "NOT_YOUR_INSTANCE",
          `instance ${id} is not open in this view; open one for a participant you hold`,
        );
      return inst;
    };

    const call = (f: Extract<ViewFrame, { t: "call" }>): void => {
      const inst = ownInstance(f.instance);
      if (!isHostMethod(f.method))
        throw new MeetingServerError(
          "UNKNOWN_METHOD",
          `${f.method.slice(0, 64)} is not a host method`,
        );
      if (pending >= limits.maxPendingCalls)
        throw new MeetingServerError(
          "QUOTA_EXCEEDED",
          `at most ${limits.maxPendingCalls} unanswered calls per view; wait for answers`,
        );
      const method = (inst.api as unknown as Record<string, (a: unknown) => Promise<unknown>>)[
        f.method
      ];
      if (typeof method !== "function")
        throw new MeetingServerError(
          "UNKNOWN_METHOD",
          `${f.method} is not served by this simulator`,
        );
      pending++;
      void Promise.resolve()
        .then(() => method.call(inst.api, f.args))
        .then(
          (result) => send({ t: "result", id: f.id, result }),
          (e: unknown) =>
            fail(
              f.id,
              new MeetingServerError(
                "INVALID_ARGUMENT",
                e instanceof Error ? e.message : String(e),
              ),
            ),
        )
        .finally(() => pending--);
    };

    const handle = (f: ViewFrame): void => {
      if (f.t === "hello") {
        if (f.protocol !== MEETING_PROTOCOL_VERSION)
          throw new MeetingServerError(
            "PROTOCOL_MISMATCH",
            `this server speaks protocol ${MEETING_PROTOCOL_VERSION}, the view ${f.protocol}; update @yiqi/mock-host`,
            true,
          );
        ready = true;
        send({
          t: "welcome",
          protocol: MEETING_PROTOCOL_VERSION,
          view: viewId,
          meetingId: meeting.id,
          subject: meeting.meetingInfo().meetingSubject,
          limits,
        });
        return;
      }
      if (!ready) throw new MeetingServerError("NOT_READY", "send hello first", true);
      if (f.t === "claim") claim(f);
      else if (f.t === "open") open(f);
      else if (f.t === "call") call(f);
      else {
        const inst = ownInstance(f.instance);
        inst.close("the app frame disconnected (reload, navigation or removal)");
        send({ t: "result", id: f.id, result: null });
      }
    };

    return {
      id: viewId,
      receive(text: string): void {
        if (gone) return;
        let frame: ViewFrame | undefined;
        try {
          if (frameTooLarge(text, limits.maxFrameBytes))
            throw new MeetingServerError(
              "FRAME_TOO_LARGE",
              `frame too large: at most ${limits.maxFrameBytes} bytes`,
              true,
            );
          frame = parseViewFrame(text);
          handle(frame);
        } catch (e) {
          const err =
            e instanceof MeetingServerError
              ? e
              : e instanceof MeetingError
                ? new MeetingServerError("INVALID_ARGUMENT", e.message)
                : new MeetingServerError("INVALID_ARGUMENT", String(e));
          const id = frame && "id" in frame ? frame.id : null;
          fail(id, err);
          if (err.fatal) {
            // WebSocket close reasons are at most 123 bytes.
            sink.close(
              err.code === "FRAME_TOO_LARGE" ? 1009 : 1008,
              `${err.code}: ${err.message}`.slice(0, 120),
            );
          }
        }
      },
      closed(): void {
        if (gone) return;
        gone = true;
        sessions.delete(viewId);
        for (const inst of instances.values())
          if (!inst.closed) inst.close("the view holding this participant disconnected");
        instances.clear();
        for (const pid of mine) if (owner.get(pid) === viewId) owner.delete(pid);
      },
    };
  };

  return { meeting, token, limits, admit, connect, assignments: () => new Map(owner) };
}
