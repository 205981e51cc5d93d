/**
 * The view page's side of the meeting server protocol (docs/decisions/0031): one WebSocket to the
 * harness server's `/__yiqi/meeting` (which relays to the meeting server), `hello`, `claim` of
 * this page's one participant, then `open` / `call` / `close` of its app instances. Every request
 * has a timeout; a refusal keeps its code.
 *
 * @module
 */
import type { HostEnvironment, WemeetEventMessage } from "@yiqi/jsapi";
import { MEETING_PROTOCOL_VERSION } from "@yiqi/mock-host";
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

/** Unprompted frames of one instance. */
interface InstanceListener {
  event(message: WemeetEventMessage): void;
  closed(reason: string, url?: string): void;
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

type Frame = { t: string; id?: number | null; [k: string]: unknown };

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
  const ws = new WebSocket(socketUrl);
  const waiting = new Map<number, { resolve: (f: Frame) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, InstanceListener>();
  let lostHandler: (why: string) => void = () => {};
  let lost: ViewRefusal | null = null;
  let nextId = 1;
  let welcome: (f: Frame) => void = () => {};
  const welcomed = new Promise<Frame>((r) => (welcome = r));
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () =>
      reject(new ViewRefusal("NOT_READY", "cannot reach the meeting (wrong or expired link?)")),
    );
  });
  ws.addEventListener("close", (e) => {
    lost = new ViewRefusal(e.reason.split(":")[0] || "NOT_READY", e.reason || `closed (${e.code})`);
    for (const w of waiting.values()) w.reject(lost);
    waiting.clear();
    for (const l of listeners.values()) l.closed(lost.message);
    listeners.clear();
    lostHandler(lost.message);
  });
  ws.addEventListener("message", (e) => {
    let f: Frame;
    try {
      f = JSON.parse(String(e.data)) as Frame;
    } catch {
      return;
    }
    if (f.t === "welcome") welcome(f);
    else if (f.t === "event")
      listeners.get(String(f.instance))?.event(f.message as WemeetEventMessage);
    else if (f.t === "closed") {
      const l = listeners.get(String(f.instance));
      listeners.delete(String(f.instance));
      l?.closed(String(f.reason), typeof f.url === "string" ? f.url : undefined);
    } else if (typeof f.id === "number") {
      const w = waiting.get(f.id);
      waiting.delete(f.id);
      if (f.t === "error") w?.reject(new ViewRefusal(String(f.code), String(f.message)));
      else w?.resolve(f);
    }
  });
  const bounded = <T>(p: Promise<T>, what: string): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ViewRefusal("NOT_READY", `no ${what} in ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  };
  const request = (frame: Frame): Promise<Frame> => {
    if (lost) return Promise.reject(lost);
    const id = nextId++;
    const answer = new Promise<Frame>((resolve, reject) => waiting.set(id, { resolve, reject }));
    ws.send(JSON.stringify({ ...frame, id }));
    return bounded(answer, `answer to ${frame.t}`).finally(() => waiting.delete(id));
  };

  await bounded(opened, "connection");
  ws.send(JSON.stringify({ t: "hello", protocol: MEETING_PROTOCOL_VERSION }));
  const w = await bounded(welcomed, "welcome");
  const claimed = await request({
    t: "claim",
    participants: [participant],
    ...(takeover ? { takeover: true } : {}),
  });
  const me = (claimed.participants as { id: string; nickname: string; role?: number }[])[0];
  if (!me) throw new ViewRefusal("UNKNOWN_PARTICIPANT", `the meeting did not give ${participant}`);
  return {
    meetingId: String(w.meetingId),
    ...(typeof w.subject === "string" ? { subject: w.subject } : {}),
    participant: me,
    async open(url) {
      const f = await request({ t: "open", participant, ...(url ? { url } : {}) });
      const instance = String(f.instance);
      const events = new Set<(message: WemeetEventMessage) => void>();
      const closes = new Set<(reason: string, url?: string) => void>();
      listeners.set(instance, {
        event: (m) => {
          for (const l of events) l(m);
        },
        closed: (reason, slotUrl) => {
          for (const l of closes) l(reason, slotUrl);
        },
      });
      return {
        instance,
        url: String(f.url),
        environment: f.environment as HostEnvironment,
        call: async (method, args) => (await request({ t: "call", instance, method, args })).result,
        onEvent: (l) => events.add(l),
        onClose: (l) => closes.add(l),
        async close() {
          listeners.delete(instance);
          await request({ t: "close", instance });
        },
      };
    },
    onLost(handler) {
      lostHandler = handler;
    },
  };
}
