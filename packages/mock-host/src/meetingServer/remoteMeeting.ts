/**
 * A remote replica of a meeting server's meeting (protocol 2,
 * docs/decisions/0032-meeting-server-protocol-2.md): a {@link MeetingModel} whose reads answer
 * from the latest `state` the server sent and whose changes are `drive` requests, answered once
 * the replica shows them (the server sends a view its `state` before its answers). By default it
 * takes the state as deltas (decision 0040): each change is applied with structural sharing, so
 * what did not change keeps its object identity. It is also a
 * view: it claims participants and opens their app instances. Web-standard: pass a `WebSocket`
 * constructor where there is no global one (`@yiqi/mock-host/node` does).
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";
import type { MeetingModel } from "../meeting/meetingModel.ts";
import type { Participant, ParticipantView } from "../meeting/model.ts";
import type { TraceEntry } from "../meeting/trace.ts";
import type { MeetingUi } from "../meeting/ui.ts";
import { applyMeetingDelta } from "./applyDelta.ts";
import { DRIVE_ACTIONS } from "./driveTable.ts";
import { MeetingServerError, type ServerFrame } from "./protocol.ts";
import { instanceRoutes, type RemoteInstance, remoteInstance } from "./remoteInstance.ts";
import { createReplicaTrace } from "./replicaTrace.ts";
import type { MeetingSnapshot, ResetOptions } from "./snapshot.ts";
import {
  openViewSocket,
  type UnpromptedFrame,
  type ViewRequest,
  type WebSocketConstructor,
} from "./viewSocket.ts";

/** Options of {@link connectRemoteMeeting}. */
export interface ConnectRemoteMeetingOptions {
  /** Default: `globalThis.WebSocket` (`@yiqi/mock-host/node` passes `ws`'s). */
  WebSocket?: WebSocketConstructor;
  /** Each request's timeout in ms (default 10,000); a late answer rejects with `NOT_READY`. */
  timeoutMs?: number;
  /** Trace entries the replica keeps, the newest (default 10,000). */
  maxTraceEntries?: number;
  /**
   * Take the state as deltas (default `true`, decision 0040); `false`: a whole `state` after
   * every change, as protocol 2 first sent it.
   */
  deltas?: boolean;
}

/** Options of {@link RemoteMeeting.claim}. */
export interface ClaimOptions {
  /** Take participants another view holds; it hears `released` (default `false`). */
  takeover?: boolean;
  /** Nicknames of new participants, in order (when claiming a count). */
  nicknames?: readonly string[];
}

/** A participant the server gave this view. */
export interface ClaimedParticipant {
  /** The participant id (`p2`). */
  id: string;
  /** Its display name. */
  nickname: string;
  /** Its `RoleType`. */
  role?: number;
}

/** `F` answering with a Promise of its answer. */
export type Promised<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Promise<Awaited<R>>
  : never;

/** The client actions of a remote meeting: each a `drive` request, answered later. */
export type RemoteMeetingUi = { [K in keyof MeetingUi]: Promised<MeetingUi[K]> };

/** A meeting server's meeting, as a view of it sees and drives it. */
export interface RemoteMeeting extends MeetingModel {
  /** The client actions, run on the server (`drive`); each answers once the replica shows it. */
  readonly ui: RemoteMeetingUi;
  /** This view's id (`v1`, …): the value of {@link RemoteMeeting.holders} for its participants. */
  readonly viewId: string;
  /** Participant id → the id of the view holding it, from the latest state. */
  holders(): Readonly<Record<string, string>>;
  /**
   * Takes participants for this view: `count` new ones, or existing ones by id
   * (`PARTICIPANT_TAKEN` when another view holds one, unless `takeover`).
   */
  claim(
    participants: number | readonly string[],
    options?: ClaimOptions,
  ): Promise<ClaimedParticipant[]>;
  /** Gives participants back; their instances close. */
  release(participants: readonly string[]): Promise<void>;
  /** Opens an app instance for a participant this view holds (default: where its client shows the app). */
  openInstance(participantId: string, options?: { url?: string }): Promise<RemoteInstance>;
  /** Replaces the server's meeting; resolves once this replica shows the new one. */
  reset(options?: ResetOptions): Promise<void>;
  /** The meeting was replaced (by any view): instances closed, participants released. */
  onReset(listener: (meetingId: string) => void): () => void;
  /** Participants left this view (another view took them over). */
  onReleased(listener: (participants: string[], reason: string) => void): () => void;
  /** The connection was lost (not after `close()`): every instance is closed. */
  onLost(listener: (reason: string) => void): () => void;
  /** Leaves: the server closes this view's instances and frees its participants. */
  close(): Promise<void>;
}

/** Listeners of one kind; a throwing listener does not stop the others. */
function listeners<A extends unknown[]>() {
  const set = new Set<(...args: A) => void>();
  return {
    add(l: (...args: A) => void): () => void {
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    emit(...args: A): void {
      for (const l of [...set])
        try {
          l(...args);
        } catch {
          // A listener's failure is its own.
        }
    },
  };
}

/** A drive refusal as the local simulator would throw it (`MeetingError`), else as coded. */
const asMeetingError = (e: unknown): unknown =>
  e instanceof MeetingServerError &&
  (e.code === "INVALID_ARGUMENT" || e.code === "UNKNOWN_PARTICIPANT")
    ? new MeetingError(e.code, e.message)
    : e;

/**
 * Connects to a meeting server's join link as a protocol-2 view and observes its meeting.
 *
 * @throws {MeetingServerError} `NOT_READY` when the server cannot be reached, refuses the link
 *   or does not answer in time; `INVALID_ARGUMENT` without a WebSocket.
 * @example
 * ```ts
 * const meeting = await connectRemoteMeeting(link);
 * await meeting.claim(["p1"]);
 * await meeting.ui.openApp("p1");
 * meeting.view("p1").app?.url; // read at once from the replica
 * ```
 */
export async function connectRemoteMeeting(
  link: string,
  options: ConnectRemoteMeetingOptions = {},
): Promise<RemoteMeeting> {
  let state: MeetingSnapshot | undefined;
  /** The version `state` is (views that take deltas); -1: unknown. */
  let seq = -1;
  /** A delta did not apply: the replica observes again and ignores deltas until answered. */
  let resyncing = false;
  const deltas = options.deltas !== false;
  const trace = createReplicaTrace(options.maxTraceEntries);
  const routes = instanceRoutes();
  const changed = listeners<[]>();
  const resets = listeners<[string]>();
  const releases = listeners<[string[], string]>();
  const losses = listeners<[string]>();

  const onFrame = (f: UnpromptedFrame): void => {
    if (f.t === "state") {
      state = f.state;
      seq = f.seq ?? -1;
      changed.emit();
    } else if (f.t === "delta") {
      if (resyncing || !state) return;
      try {
        ({ state, seq } = applyMeetingDelta(state, seq, f));
        changed.emit();
      } catch (e) {
        // Refused (malformed, or from a version this replica does not show): the state stays
        // as it was and the replica asks for the whole state again.
        resync(e instanceof Error ? e.message : String(e));
      }
    } else if (f.t === "trace") trace.append(f.entries);
    else if (f.t === "event" || f.t === "closed") routes.deliver(f);
    else if (f.t === "reset") {
      routes.closeAll("the meeting was reset");
      trace.clear();
      resets.emit(f.meetingId);
    } else if (f.t === "released") releases.emit(f.participants, f.reason);
  };
  const socket = await openViewSocket(link, {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    onFrame,
    onLost: (e) => {
      routes.closeAll(e.message);
      losses.emit(e.message);
    },
  });
  /** A request whose answer may wait for a user's confirmation dialog: it waits while one is open. */
  const request = (frame: ViewRequest): Promise<ServerFrame> =>
    socket.request(frame, {
      waitWhile: () => state?.views.some((v) => v.confirmation !== null) ?? false,
    });
  type Observed = { state: MeetingSnapshot; trace: TraceEntry[]; seq?: number };
  const observe = async (): Promise<Observed> => {
    const r = await request({ t: "observe", ...(deltas ? { deltas: true } : {}) });
    return (r as Extract<ServerFrame, { t: "result" }>).result as Observed;
  };
  /** Observes again after a refused delta (the trace it has is kept: `trace` frames go on). */
  function resync(reason: string): void {
    resyncing = true;
    observe().then(
      (again) => {
        resyncing = false;
        state = again.state;
        seq = again.seq ?? -1;
        changed.emit();
      },
      (e: unknown) => {
        const why = `the replica refused a state delta (${reason}) and could not observe again: ${e instanceof Error ? e.message : String(e)}`;
        routes.closeAll(why);
        losses.emit(why);
        socket.close().catch(() => {});
      },
    );
  }
  try {
    const first = await observe();
    state = first.state;
    seq = first.seq ?? -1;
    trace.append(first.trace);
  } catch (e) {
    await socket.close().catch(() => {});
    throw e;
  }
  const now = (): MeetingSnapshot => state as MeetingSnapshot;

  const drive = async (action: string, args: unknown[]): Promise<unknown> => {
    while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
    try {
      const r = await request({ t: "drive", action, args });
      return (r as Extract<ServerFrame, { t: "result" }>).result;
    } catch (e) {
      throw asMeetingError(e);
    }
  };
  const driver =
    (action: string) =>
    (...args: unknown[]): Promise<never> =>
      drive(action, args) as Promise<never>;
  const done =
    (action: string) =>
    async (...args: unknown[]): Promise<void> => {
      await drive(action, args);
    };
  const ui = Object.fromEntries(
    Object.keys(DRIVE_ACTIONS)
      .filter((a) => a.startsWith("ui."))
      .map((a) => [a.slice(3), driver(a)]),
  ) as unknown as RemoteMeetingUi;

  const unknownParticipant = (id: string): MeetingError =>
    new MeetingError(
      "UNKNOWN_PARTICIPANT",
      `unknown participant "${id}"; known: ${
        now()
          .participants.map((p) => p.id)
          .join(", ") || "none"
      }`,
    );
  const find = <T>(list: T[], pick: (t: T) => string, id: string): T => {
    const found = list.find((t) => pick(t) === id);
    if (!found) throw unknownParticipant(id);
    return found;
  };

  const meeting: RemoteMeeting = {
    get id() {
      return now().meetingId;
    },
    viewId: socket.welcome.view,
    trace,
    ui,
    app: () => now().app,
    meetingInfo: () => now().meetingInfo,
    decisions: () => now().decisions,
    participants: () => [...now().participants],
    participant: (id) => find<Participant>(now().participants, (p) => p.id, id),
    session: () => now().session,
    view: (id) => find<ParticipantView>(now().views, (v) => v.participantId, id),
    views: () => [...now().views],
    instances: () => [...now().instances],
    holders: () => now().holders,
    subscribe: (listener) => changed.add(listener),
    updateApp: driver("updateApp"),
    updateMeetingInfo: driver("updateMeetingInfo"),
    setDecisions: driver("setDecisions"),
    addParticipant: driver("addParticipant"),
    updateParticipant: driver("updateParticipant"),
    removeParticipant: done("removeParticipant"),
    setAudio: done("setAudio"),
    setSpeaking: done("setSpeaking"),

    async claim(participants, claimOptions = {}) {
      const frame =
        typeof participants === "number"
          ? {
              t: "claim" as const,
              count: participants,
              ...(claimOptions.nicknames ? { nicknames: [...claimOptions.nicknames] } : {}),
            }
          : {
              t: "claim" as const,
              participants: [...participants],
              ...(claimOptions.takeover ? { takeover: true } : {}),
            };
      const r = (await request(frame)) as Extract<ServerFrame, { t: "claimed" }>;
      return r.participants;
    },
    async release(participants) {
      await request({ t: "release", participants: [...participants] });
    },
    async openInstance(participantId, openOptions = {}) {
      const opened = (await request({
        t: "open",
        participant: participantId,
        ...(openOptions.url !== undefined ? { url: openOptions.url } : {}),
      })) as Extract<ServerFrame, { t: "opened" }>;
      const route = remoteInstance(participantId, opened, request);
      routes.add(route);
      return route.instance;
    },
    async reset(resetOptions = {}) {
      await request({ t: "reset", options: resetOptions });
    },
    onReset: (l) => resets.add(l),
    onReleased: (l) => releases.add(l),
    onLost: (l) => losses.add(l),
    async close() {
      await socket.close();
      routes.closeAll("the view left the meeting");
    },
  };
  return meeting;
}
