/**
 * The meeting server core (decision 0031; protocol 2 in decision 0032): one `Meeting`
 * simulator, the single source of truth, served to views over any text-frame transport. The
 * server admits a view by its token, assigns participants to it, opens their app instances
 * through the simulator's own `openInstance` (the path `attachApp` uses) and routes each
 * instance's calls and events; with protocol 2 a view also observes the meeting, drives it and
 * resets it. A view acts only for the participants it was given: identity comes from the
 * session, never from a frame. Web-standard; the Node and Deno adapters carry the frames.
 *
 * @module
 */

import { MeetingError } from "../meeting/errors.ts";
import { createMeeting, type Meeting } from "../meeting/meeting.ts";
import { normalizeOrigins, type OriginService, originRefusal } from "../rooms/origin.ts";
import type {
  MeetingHandshakeRefusal,
  MeetingServerCore,
  MeetingServerCoreOptions,
  ViewConnectOptions,
  ViewSession,
  ViewSink,
} from "./coreTypes.ts";
import { pinnedFrameRefusal, runDrive } from "./driveTable.ts";
import { createObserverHub } from "./observers.ts";
import { parseViewFrame } from "./parseFrame.ts";
import {
  DEFAULT_MEETING_SERVER_LIMITS,
  frameTooLarge,
  MEETING_PROTOCOL_VERSION,
  MEETING_PROTOCOL_VERSIONS,
  MEETING_SERVER_PATH,
  MeetingServerError,
  type MeetingServerLimits,
  type ServerFrame,
  type ViewFrame,
} from "./protocol.ts";
import { checkResetOptions, type ResetOptions } from "./snapshot.ts";
import { createMeetingToken, MIN_TOKEN_LENGTH, tokensEqual } from "./token.ts";
import { createViewInstances, TAKEN_OVER_REASON, type ViewInstances } from "./viewInstances.ts";

/** What the core keeps of a connected view. */
interface Session {
  protocol: number;
  readonly mine: Set<string>;
  readonly instances: ViewInstances;
  send(frame: ServerFrame): void;
  readonly sink: ViewSink;
}

const refusal = (status: MeetingHandshakeRefusal["status"], text: string) => ({ status, text });

/** How the meeting server's Origin refusal reads (a page may drive the meeting it joins). */
const MEETING_ORIGIN_SERVICE: OriginService = {
  name: "this Yiqi meeting server",
  risk: "since any page could join and drive the meeting",
  howToAllow: (o) =>
    `To allow this page, start the server with \`yiqi meeting --allow-origin ${o}\` or startMeetingServer({ allowedOrigins: ["${o}"] }).`,
};

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
 *   view.receive(JSON.stringify({ t: "hello", protocol: 2 }));
 * }
 * ```
 */
export function createMeetingServerCore(options: MeetingServerCoreOptions): MeetingServerCore {
  let meeting = options.meeting;
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
  const sessions = new Map<string, Session>();
  const resetListeners = new Set<(m: Meeting) => void>();
  const hub = createObserverHub(
    () => meeting,
    () => owner,
    limits,
  );
  let views = 0;

  const admit: MeetingServerCore["admit"] = ({ url, origin }) => {
    const u = new URL(url, "http://meeting.invalid");
    if (u.pathname !== MEETING_SERVER_PATH)
      return refusal(404, `The meeting server serves views at ${MEETING_SERVER_PATH} only.\n`);
    const refused = originRefusal(origin, allowed, MEETING_ORIGIN_SERVICE);
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

  /** Frees `pids` of view `s` (closing its instances of them at once). */
  const releaseFrom = (s: Session, viewId: string, pids: readonly string[], reason: string) => {
    s.instances.closeNow(reason, new Set(pids));
    for (const pid of pids) {
      s.mine.delete(pid);
      if (owner.get(pid) === viewId) owner.delete(pid);
    }
  };

  const reset = (opts: ResetOptions = {}): Meeting => {
    const checked = checkResetOptions(opts, limits.maxParticipantsPerView);
    let next: Meeting;
    try {
      next = createMeeting({ ...checked, clock: meeting.clock });
    } catch (e) {
      throw asServerError(e);
    }
    for (const [viewId, s] of sessions)
      releaseFrom(s, viewId, [...s.mine], "the meeting was reset");
    owner.clear();
    meeting = next;
    for (const s of sessions.values()) {
      if (s.protocol >= 2) s.send({ t: "reset", meetingId: next.id });
      else s.sink.close(1012, "RESET: the meeting server's meeting was replaced; join again");
    }
    hub.reset();
    for (const l of resetListeners) {
      try {
        l(next);
      } catch {
        // A listener's failure is its own.
      }
    }
    return next;
  };

  const connect = (sink: ViewSink, connectOptions: ViewConnectOptions = {}): ViewSession => {
    const viewId = `v${++views}`;
    const pinned = connectOptions.participant;
    let ready = false;
    let gone = false;
    let driving = 0;

    const send = (frame: ServerFrame): void => {
      if (gone) return;
      try {
        sink.send(JSON.stringify(frame));
      } catch {
        // The socket is closing; its close event ends the session.
      }
    };
    let observing = false;
    const answer = (frame: ServerFrame): void => {
      // An observer reads its own change at once: what changed reaches it before the answer.
      // Other views' answers leave the coalescing to the hub's macrotask.
      if (observing) hub.flush();
      send(frame);
    };
    const fail = (id: number | null, e: MeetingServerError): void =>
      answer({ t: "error", id, code: e.code, message: e.message });
    const mine = new Set<string>();
    const instances = createViewInstances({
      meeting: () => meeting,
      limits,
      holds: (pid) => mine.has(pid),
      send,
      answer,
    });
    const session: Session = { protocol: MEETING_PROTOCOL_VERSION, mine, instances, send, sink };
    sessions.set(viewId, session);

    const claim = (f: Extract<ViewFrame, { t: "claim" }>): void => {
      const wanted =
        "participants" in f ? f.participants.filter((p) => !mine.has(p)).length : f.count;
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
          if (holder !== undefined && holder !== viewId && !f.takeover)
            throw new MeetingServerError(
              "PARTICIPANT_TAKEN",
              `participant ${pid} is held by another view (${holder}); claim with takeover to move it here`,
            );
        }
        ids = [...new Set(f.participants)];
        takeOver(ids);
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
      hub.touch();
      const participants = ids.map((pid) => {
        const { nickname, role } = meeting.participant(pid);
        return { id: pid, nickname, role };
      });
      answer({ t: "claimed", id: f.id, participants });
    };

    /** Moves `ids` held by other views to this one; their holders hear `released`. */
    const takeOver = (ids: readonly string[]): void => {
      const byHolder = new Map<string, string[]>();
      for (const pid of ids) {
        const holder = owner.get(pid);
        if (holder !== undefined && holder !== viewId)
          byHolder.set(holder, [...(byHolder.get(holder) ?? []), pid]);
      }
      for (const [holder, pids] of byHolder) {
        const s = sessions.get(holder);
        if (!s) continue;
        releaseFrom(s, holder, pids, TAKEN_OVER_REASON);
        if (s.protocol >= 2)
          s.send({ t: "released", participants: pids, reason: TAKEN_OVER_REASON });
      }
    };

    const release = (f: Extract<ViewFrame, { t: "release" }>): void => {
      const notMine = f.participants.find((p) => !mine.has(p));
      if (notMine !== undefined)
        throw new MeetingServerError(
          "NOT_YOUR_PARTICIPANT",
          `this view does not hold participant ${notMine}; release only participants it claimed`,
        );
      releaseFrom(session, viewId, f.participants, "the view released the participant");
      hub.touch();
      answer({ t: "result", id: f.id, result: null });
    };

    const drive = (f: Extract<ViewFrame, { t: "drive" }>): void => {
      if (driving >= limits.maxPendingCalls)
        throw new MeetingServerError(
          "QUOTA_EXCEEDED",
          `at most ${limits.maxPendingCalls} unanswered drives per view; wait for answers`,
        );
      driving++;
      void runDrive(meeting, f.action, f.args)
        .then(
          (result) => answer({ t: "result", id: f.id, result }),
          (e: unknown) => fail(f.id, asServerError(e)),
        )
        .finally(() => driving--);
    };

    const handle = (f: ViewFrame): void => {
      if (f.t === "hello") {
        if (!MEETING_PROTOCOL_VERSIONS.includes(f.protocol))
          throw new MeetingServerError(
            "PROTOCOL_MISMATCH",
            `this server speaks protocols ${MEETING_PROTOCOL_VERSIONS.join(" and ")}, the view ${f.protocol}; update @yiqi/mock-host`,
            true,
          );
        ready = true;
        session.protocol = f.protocol;
        send({
          t: "welcome",
          protocol: f.protocol,
          view: viewId,
          meetingId: meeting.id,
          subject: meeting.meetingInfo().meetingSubject,
          limits,
        });
        return;
      }
      if (!ready) throw new MeetingServerError("NOT_READY", "send hello first", true);
      const refused = pinned === undefined ? undefined : pinnedFrameRefusal(f, pinned);
      if (refused !== undefined) throw new MeetingServerError("NOT_YOUR_PARTICIPANT", refused);
      if (f.t === "claim") claim(f);
      else if (f.t === "open") instances.open(f);
      else if (f.t === "call") instances.call(f);
      else if (f.t === "close") instances.close(f);
      else if (f.t === "release") release(f);
      else if (f.t === "drive") drive(f);
      else if (f.t === "observe") {
        observing = true;
        answer({ t: "result", id: f.id, result: hub.add(observer, f) });
      } else {
        reset(f.options);
        answer({ t: "result", id: f.id, result: { meetingId: meeting.id } });
      }
    };

    const observer = {
      id: viewId,
      send: (text: string): void => {
        if (gone) return;
        try {
          sink.send(text);
        } catch {
          // The socket is closing; its close event ends the session.
        }
      },
      buffered: (): number => sink.bufferedAmount?.() ?? 0,
      tooSlow: (message: string): void => {
        send({ t: "error", id: null, code: "QUOTA_EXCEEDED", message });
        sink.close(1008, `QUOTA_EXCEEDED: ${message}`.slice(0, 120));
      },
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
          const err = asServerError(e);
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
        hub.remove(viewId);
        instances.drop("the view holding this participant disconnected");
        for (const pid of mine) if (owner.get(pid) === viewId) owner.delete(pid);
        if (mine.size > 0) hub.touch();
      },
    };
  };

  return {
    get meeting() {
      return meeting;
    },
    token,
    limits,
    admit,
    connect,
    assignments: () => new Map(owner),
    reset,
    onReset(listener) {
      resetListeners.add(listener);
      return () => {
        resetListeners.delete(listener);
      };
    },
  };
}

/** Any refusal as a coded {@link MeetingServerError}. */
function asServerError(e: unknown): MeetingServerError {
  if (e instanceof MeetingServerError) return e;
  if (e instanceof MeetingError)
    return new MeetingServerError(
      e.code === "UNKNOWN_PARTICIPANT" ? "UNKNOWN_PARTICIPANT" : "INVALID_ARGUMENT",
      e.message,
    );
  return new MeetingServerError("INVALID_ARGUMENT", e instanceof Error ? e.message : String(e));
}
