/**
 * Serves the app frame of the view page over `@yiqi/bridge`, every call forwarded to the meeting
 * server for this page's participant (the app talks to its page exactly as in the harness or
 * the real client). Each handshake is an app instance the server opened for this participant:
 * the first load's and a reopen's are opened before the frame loads, a reload opens a new one.
 * When the simulator replaces the instance (the participant joined 一起用 from the client), the
 * page reopens the app at the URL the server's `closed` frame gives, on the participant's own
 * origin.
 *
 * @module
 */
import { createHost, type HostConnection, windowHostTransport } from "@yiqi/bridge";
import {
  HOST_METHODS,
  type HostEnvironment,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetEventMessage,
} from "@yiqi/jsapi";
import type { OpenedInstance, ViewClient } from "./viewClient.ts";

const METHODS = [...HOST_METHODS, "notify"];

/** The simulator's reason when a join from the client replaces the app (sessionMachine). */
const REPLACED = /replaced by the 一起用 instance/;

/** Whether a `HostResult` as the bridge carries it is a success (`{ ok: true, … }`). */
const isOk = (r: unknown): boolean =>
  typeof r === "object" && r !== null && (r as { ok?: unknown }).ok === true;

/** What the page's chrome hears of the hosted app. */
export interface FrameHostEvents {
  event(message: WemeetEventMessage): void;
  /** The instance closed; `reopening` when the page loads the app again by itself. */
  closed(reason: string, reopening: boolean): void;
  /** A call of the app has settled (`ok`: it resolved). */
  called(method: string, ok: boolean): void;
}

/** Options of {@link hostFrame}. */
export interface HostFrameOptions {
  /** The app's page on this participant's origin, for the first load. */
  appUrl: string;
  /** The frame URL of a URL the server chose (on this participant's origin), or why none. */
  frameUrl(serverUrl: string): { ok: true; url: string } | { ok: false; reason: string };
  on: FrameHostEvents;
}

/** The hosted frame. */
export interface HostedFrame {
  readonly first: OpenedInstance;
  /** Opens a new instance at `slotUrl` (the server's app slot, on this participant's origin). */
  reopen(slotUrl: string): Promise<void>;
}

interface Slot {
  opened: Promise<OpenedInstance>;
  connection: HostConnection | null;
  queued: WemeetEventMessage[];
}

/** Hosts `iframe` (in the document, `src` not yet set) for `client`'s participant. */
export async function hostFrame(
  client: ViewClient,
  iframe: HTMLIFrameElement,
  options: HostFrameOptions,
): Promise<HostedFrame> {
  const { on } = options;
  let current: Slot | null = null;
  let next: Slot | null = null;
  let environment: HostEnvironment;

  const open = (url: string | undefined): Slot => {
    const slot: Slot = { opened: Promise.resolve() as never, connection: null, queued: [] };
    slot.opened = client.open(url, {
      event: (message) => {
        if (slot === current) on.event(message);
        if (slot.connection) slot.connection.emit(WEMEET_EVENT, message);
        else slot.queued.push(message);
      },
      closed: (reason, slotUrl) => {
        void slot.connection?.close(`the client closed this app instance: ${reason}`);
        if (slot !== current) return;
        const reopening = REPLACED.test(reason) && slotUrl !== undefined;
        on.closed(reason, reopening);
        if (reopening) void reopen(slotUrl);
      },
    });
    slot.opened.then(
      (i) => {
        environment = i.environment;
      },
      () => {},
    );
    return slot;
  };

  const reopen = async (slotUrl: string): Promise<void> => {
    // The client loads the slot's URL in this participant's own webview: its origin.
    const target = options.frameUrl(slotUrl);
    if (!target.ok) {
      on.closed(target.reason, false);
      return;
    }
    const slot = open(target.url);
    next = slot;
    try {
      await slot.opened;
      iframe.src = target.url;
    } catch (e) {
      if (next === slot) next = null;
      on.closed(e instanceof Error ? e.message : String(e), false);
    }
  };

  const forward = (method: string) => async (args: unknown) => {
    const slot = current;
    if (!slot) throw new Error("the app instance is not open");
    const inst = await slot.opened;
    try {
      const result = await client.call(inst.instance, method, args);
      on.called(method, isOk(result));
      return result;
    } catch (e) {
      on.called(method, false);
      throw e;
    }
  };
  const api: Record<string, (args: unknown) => Promise<unknown>> = Object.fromEntries(
    METHODS.map((m) => [m, forward(m)]),
  );
  api.getEnvironment = async () => (await (current as Slot).opened).environment;

  next = open(options.appUrl);
  const first = await next.opened;
  createHost<Record<string, (a: unknown) => Promise<unknown>>>({
    transport: windowHostTransport(iframe),
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: METHODS,
    expose: (c) => {
      // The instance opened for this load, else (a reload) a new one at the frame's URL.
      const slot = next ?? open(iframe.src);
      next = null;
      current = slot;
      slot.connection = c;
      c.onClose(() => {
        slot.connection = null;
        void slot.opened.then((i) => client.close(i.instance)).catch(() => {});
      });
      return api;
    },
    info: () => environment,
    onConnection: (c) => {
      if (current?.connection === c)
        for (const m of current.queued.splice(0)) c.emit(WEMEET_EVENT, m);
    },
  });
  iframe.src = first.url;
  return { first, reopen };
}
