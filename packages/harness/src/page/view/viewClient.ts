/**
 * The view page's side of the meeting server protocol (docs/decisions/0031): one WebSocket to the
 * harness server's `/__yiqi/meeting` (which relays to the meeting server), `hello`, `claim` of
 * this page's one participant, then `open` / `call` / `close` of its app instances. A thin
 * adapter over mock-host's `openViewSocket` (requests, timeouts, coded refusals) and
 * `remoteInstance` (an instance's calls, events and close).
 *
 * @module
 */
import {
  instanceRoutes,
  MeetingServerError,
  openViewSocket,
  remoteInstance,
  type ServerFrame,
} from "@yiqi/mock-host";
import type { ForwardedInstance } from "../forwardingHost.ts";

/** A refusal of the meeting server (or of the relay), with its protocol code. */
export class ViewRefusal extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ViewRefusal";
    this.code = code;
  }
}

/** A connected, admitted view holding one participant. */
export interface ViewClient {
  readonly meetingId: string;
  /** The meeting's subject (servers that predate it send none). */
  readonly subject?: string;
  readonly participant: { id: string; nickname: string; role?: number };
  /** Opens an instance for the frame at `url` (default: where the server's simulator says). */
  open(url: string | undefined): Promise<ForwardedInstance>;
  /** Called once when the connection to the meeting is lost. */
  onLost(handler: (why: string) => void): void;
}

/** `e` as the page shows it: a server's refusal keeps its code. */
const refusal = (e: unknown): unknown =>
  e instanceof MeetingServerError ? new ViewRefusal(e.code, e.message) : e;

/**
 * Connects to `socketUrl` and claims `participant`; with `takeover`, also from the view holding
 * it now (the harness page, another device: decision 0038). @throws {ViewRefusal}
 */
export async function connectView(
  socketUrl: string,
  participant: string,
  timeoutMs = 10_000,
  takeover = false,
): Promise<ViewClient> {
  const routes = instanceRoutes();
  let lostHandler: (why: string) => void = () => {};
  const socket = await openViewSocket(socketUrl, {
    timeoutMs,
    onFrame: (f) => routes.deliver(f),
    onLost(e) {
      routes.closeAll(e.message);
      lostHandler(e.message);
    },
  }).catch((e: unknown) => Promise.reject(refusal(e)));
  const request: typeof socket.request = (frame) =>
    socket.request(frame).catch((e: unknown) => Promise.reject(refusal(e)));

  const claimed = (await request({
    t: "claim",
    participants: [participant],
    ...(takeover ? { takeover: true } : {}),
  })) as Extract<ServerFrame, { t: "claimed" }>;
  const me = claimed.participants[0];
  if (!me) throw new ViewRefusal("UNKNOWN_PARTICIPANT", `the meeting did not give ${participant}`);
  const w = socket.welcome;
  return {
    meetingId: w.meetingId,
    ...(typeof w.subject === "string" ? { subject: w.subject } : {}),
    participant: me,
    async open(url) {
      const opened = (await request({
        t: "open",
        participant,
        ...(url ? { url } : {}),
      })) as Extract<ServerFrame, { t: "opened" }>;
      const route = remoteInstance(participant, opened, request);
      routes.add(route);
      const { instance, url: at, environment, call, onEvent, onClose } = route.instance;
      return {
        instance,
        url: at,
        environment,
        call,
        onEvent,
        onClose,
        close() {
          // The frame went away: the instance's own `closed` is not news to the page.
          routes.forget(opened.instance);
          return route.instance.close();
        },
      };
    },
    onLost(handler) {
      lostHandler = handler;
    },
  };
}
