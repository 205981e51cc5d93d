/**
 * An app instance a remote view opened on the meeting server (protocol 2,
 * docs/decisions/0032-meeting-server-protocol-2.md): what a page's bridge host forwards its
 * frame's calls to, and where the frame's events and close come from. Web-standard.
 *
 * @module
 */
import type { InstanceEnvironment, InstanceEvent, ServerFrame } from "./protocol.ts";
import type { UnpromptedFrame, ViewRequest } from "./viewSocket.ts";

/** Events kept for an instance nobody listens to yet (the oldest are dropped past it). */
const MAX_QUEUED_EVENTS = 1000;

/** One app instance on the server, opened by this view for a participant it holds. */
export interface RemoteInstance {
  /** The server's instance id. */
  readonly instance: string;
  /** The participant it was opened for (one this view holds). */
  readonly participantId: string;
  /** The page URL the instance was opened at. */
  readonly url: string;
  /** The participant's client as the server reports it (platform, version, user agent). */
  readonly environment: InstanceEnvironment;
  /** Whether the server closed it (or the connection was lost). */
  readonly closed: boolean;
  /**
   * One host call (`collaborationStart`, `appGetRunningContext`, …, `notify`): resolves with
   * the `HostResult` as the bridge carries it; rejects with a coded `MeetingServerError`.
   */
  call(method: string, args: unknown): Promise<unknown>;
  /**
   * Receive the instance's `wemeet` events; events that arrived before the first listener (the
   * last 1,000, even when the instance has closed since) are delivered to it at once. Returns
   * the unsubscribe function.
   */
  onEvent(listener: (message: InstanceEvent) => void): () => void;
  /**
   * Called once when the server closes the instance: its reason and, when the client still shows
   * the app, the URL it shows it at now (e.g. the 一起用 URL after a join replaced it). Called at
   * once (next microtask) when it is closed already.
   */
  onClose(listener: (reason: string, url?: string) => void): () => void;
  /** The view's frame went away: the server closes the instance. */
  close(): Promise<void>;
}

/** The replica's side of one instance: the instance and where its unprompted frames go. */
export interface InstanceRoute {
  readonly instance: RemoteInstance;
  /** An `event` or `closed` frame of this instance. */
  deliver(frame: UnpromptedFrame): void;
}

/** The open instances of one view: where their `event` and `closed` frames go. */
export interface InstanceRoutes {
  /** Routes the frames of `route`'s instance to it. */
  add(route: InstanceRoute): void;
  /** Stops routing to `instance` (its frame went away: its `closed` is no news). */
  forget(instance: string): void;
  /** An `event` reaches its instance; a `closed` one too, and ends its route; others are not its. */
  deliver(frame: UnpromptedFrame): void;
  /** Closes every routed instance with `reason` (the connection was lost, the meeting reset). */
  closeAll(reason: string): void;
}

/** An empty {@link InstanceRoutes}. */
export function instanceRoutes(): InstanceRoutes {
  const routes = new Map<string, InstanceRoute>();
  return {
    add: (route) => {
      routes.set(route.instance.instance, route);
    },
    forget: (instance) => {
      routes.delete(instance);
    },
    deliver(frame) {
      if (frame.t === "event") routes.get(frame.instance)?.deliver(frame);
      else if (frame.t === "closed") {
        routes.get(frame.instance)?.deliver(frame);
        routes.delete(frame.instance);
      }
    },
    closeAll(reason) {
      for (const [instance, route] of [...routes]) {
        routes.delete(instance);
        route.deliver({ t: "closed", instance, reason });
      }
    },
  };
}

/** The {@link RemoteInstance} of an `opened` answer. */
export function remoteInstance(
  participantId: string,
  opened: Extract<ServerFrame, { t: "opened" }>,
  request: (frame: ViewRequest) => Promise<ServerFrame>,
): InstanceRoute {
  const queued: InstanceEvent[] = [];
  const eventListeners = new Set<(m: InstanceEvent) => void>();
  const closeListeners = new Set<(reason: string, url?: string) => void>();
  let closedWith: { reason: string; url?: string } | null = null;
  const safely = (f: () => void): void => {
    try {
      f();
    } catch {
      // A listener's failure is its own.
    }
  };
  const instance: RemoteInstance = {
    instance: opened.instance,
    participantId,
    url: opened.url,
    environment: opened.environment,
    get closed() {
      return closedWith !== null;
    },
    async call(method, args) {
      const r = await request({ t: "call", instance: opened.instance, method, args });
      return (r as Extract<ServerFrame, { t: "result" }>).result;
    },
    onEvent(listener) {
      eventListeners.add(listener);
      for (const m of queued.splice(0)) safely(() => listener(m));
      return () => {
        eventListeners.delete(listener);
      };
    },
    onClose(listener) {
      const c = closedWith;
      if (c) queueMicrotask(() => listener(c.reason, c.url));
      else closeListeners.add(listener);
      return () => {
        closeListeners.delete(listener);
      };
    },
    async close() {
      if (closedWith) return;
      await request({ t: "close", instance: opened.instance });
    },
  };
  return {
    instance,
    deliver(f) {
      if (closedWith) return;
      if (f.t === "event") {
        if (eventListeners.size === 0) {
          queued.push(f.message);
          if (queued.length > MAX_QUEUED_EVENTS) queued.shift();
        }
        for (const l of eventListeners) safely(() => l(f.message));
      } else if (f.t === "closed") {
        closedWith = { reason: f.reason, ...(f.url !== undefined ? { url: f.url } : {}) };
        for (const l of [...closeListeners]) safely(() => l(f.reason, f.url));
        closeListeners.clear();
        eventListeners.clear();
      }
    },
  };
}
