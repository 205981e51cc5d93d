/**
 * A headless remote view (decision 0031): brings N headless app instances into a meeting server's
 * meeting. Each is the real `@yiqi/jsapi` client over an in-memory bridge, as `openHeadlessApp`,
 * whose host forwards every call to the server and every server event to the app. Web-standard:
 * pass a `WebSocket` constructor where there is no global one (`@yiqi/mock-host/node` does).
 *
 * @module
 */
import { createHost, createMemoryLink, type HostConnection } from "@yiqi/bridge";
import {
  connectWemeet,
  HOST_METHODS,
  type HostEnvironment,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type Wemeet,
  type WemeetEventMessage,
} from "@yiqi/jsapi";
import type { ServerFrame } from "./protocol.ts";
import {
  openViewSocket,
  type UnpromptedFrame,
  type ViewRequest,
  type WebSocketConstructor,
} from "./viewSocket.ts";

export type { WebSocketConstructor } from "./viewSocket.ts";

/** Options of {@link joinMeetingServer}. */
export interface JoinMeetingServerOptions {
  /** How many new participants to bring (a number), or which existing ones (their ids). */
  participants: number | readonly string[];
  /** Nicknames of new participants, in order. */
  nicknames?: readonly string[];
  /** The page URL the apps report (default: the meeting's app URL). */
  url?: string;
  /** Each request's timeout in ms (default 10,000): nothing hangs. */
  timeoutMs?: number;
  /** Default: `globalThis.WebSocket`. */
  WebSocket?: WebSocketConstructor;
}

/** One participant this view hosts, with its app instance. */
export interface RemoteParticipant {
  /** The simulator's participant id this view holds (e.g. `p2`). */
  readonly participantId: string;
  /** The participant's display name. */
  readonly nickname: string;
  /** The server's id of the app instance. */
  readonly instanceId: string;
  /** The app's `wemeet`, exactly as an app in a frame gets it. */
  readonly wemeet: Wemeet;
  /** Every event delivered to this app, in order. */
  readonly events: readonly WemeetEventMessage[];
  /** Resolves when the client closes the instance (leave, end, replace, view closed). */
  readonly closed: Promise<string>;
}

/** A connected view. */
export interface RemoteView {
  /** The server's id of this view (`v1`, `v2`, …). */
  readonly viewId: string;
  /** The id of the meeting the server runs. */
  readonly meetingId: string;
  /** The participants the server gave this view, each with its headless app. */
  readonly participants: readonly RemoteParticipant[];
  /** Leaves the meeting: the server closes this view's instances and frees its participants. */
  close(): Promise<void>;
}

const METHODS = [...HOST_METHODS, "notify"] as const;

/**
 * Connects to a meeting server's join link and brings participants with headless apps.
 *
 * @throws {MeetingServerError} the server's coded refusal, or `NOT_READY` when it does not
 *   answer in time or closes the connection.
 * @example
 * ```ts
 * const view = await joinMeetingServer(link, { participants: 3, WebSocket });
 * await view.participants[0].wemeet.collaboration.start();
 * await view.close();
 * ```
 */
export async function joinMeetingServer(
  link: string,
  options: JoinMeetingServerOptions,
): Promise<RemoteView> {
  const byInstance = new Map<string, (f: UnpromptedFrame) => void>();
  const closeAll = (reason: string): void => {
    for (const h of [...byInstance.values()]) h({ t: "closed", instance: "", reason });
  };
  const socket = await openViewSocket(link, {
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    onFrame: (f) => {
      if (f.t === "event" || f.t === "closed") byInstance.get(f.instance)?.(f);
    },
    onLost: (e) => closeAll(e.message),
  });
  const { request, welcome: w } = socket;
  const claimFrame =
    typeof options.participants === "number"
      ? {
          t: "claim" as const,
          count: options.participants,
          ...(options.nicknames ? { nicknames: [...options.nicknames] } : {}),
        }
      : { t: "claim" as const, participants: [...options.participants] };
  const claimed = (await request(claimFrame)) as Extract<ServerFrame, { t: "claimed" }>;

  const participants: RemoteParticipant[] = [];
  for (const p of claimed.participants) {
    const opened = (await request({
      t: "open",
      participant: p.id,
      ...(options.url ? { url: options.url } : {}),
    })) as Extract<ServerFrame, { t: "opened" }>;
    participants.push(localApp(p, opened, request, byInstance));
  }
  return {
    viewId: w.view,
    meetingId: w.meetingId,
    participants,
    async close(): Promise<void> {
      await socket.close();
      closeAll("the view left the meeting");
    },
  };
}

/** The local half of one participant: a bridge host forwarding to the server, and the client. */
function localApp(
  p: { id: string; nickname: string },
  opened: Extract<ServerFrame, { t: "opened" }>,
  request: (frame: ViewRequest) => Promise<ServerFrame>,
  byInstance: Map<string, (f: UnpromptedFrame) => void>,
): RemoteParticipant {
  const origin = new URL(opened.url).origin;
  const link = createMemoryLink({ appOrigin: origin, hostOrigin: "https://client.yiqi.invalid" });
  const events: WemeetEventMessage[] = [];
  let connection: HostConnection | null = null;
  const queued: WemeetEventMessage[] = [];
  let resolveClosed: (reason: string) => void = () => {};
  const closed = new Promise<string>((r) => (resolveClosed = r));
  const forward = (method: string) => async (args: unknown) => {
    const r = (await request({ t: "call", instance: opened.instance, method, args })) as Extract<
      ServerFrame,
      { t: "result" }
    >;
    return r.result;
  };
  const api = Object.fromEntries(METHODS.map((m) => [m, forward(m)]));
  api.getEnvironment = () => Promise.resolve(opened.environment as HostEnvironment);
  const host = createHost<Record<string, (a: unknown) => Promise<unknown>>>({
    transport: link.host,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: [...METHODS],
    expose: (c) => {
      connection = c;
      return api;
    },
    info: () => opened.environment,
    onConnection: (c) => {
      for (const m of queued.splice(0)) c.emit(WEMEET_EVENT, m);
    },
  });
  byInstance.set(opened.instance, (f) => {
    if (f.t === "event") {
      events.push(f.message);
      if (connection) connection.emit(WEMEET_EVENT, f.message);
      else queued.push(f.message);
    } else if (f.t === "closed") {
      byInstance.delete(opened.instance);
      resolveClosed(f.reason);
      void (
        connection?.close(`the client closed this app instance: ${f.reason}`) ?? Promise.resolve()
      )
        .then(() => host.close())
        .then(() => link.close());
    }
  });
  const wemeet = connectWemeet({ transport: link.app, pageUrl: () => opened.url, userAgent: "" });
  return {
    participantId: p.id,
    nickname: p.nickname,
    instanceId: opened.instance,
    wemeet,
    events,
    closed,
  };
}
