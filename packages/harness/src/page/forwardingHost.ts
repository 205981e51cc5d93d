/**
 * The bridge host of an app frame whose meeting runs in a meeting server (docs/decisions/0031):
 * the app talks `@yiqi/bridge` to its page exactly as in the client; each handshake is an app
 * instance the server opened for the frame's participant, every call is forwarded to it, its
 * events reach the frame and its close closes the connection. Shared by the view page
 * (`/p/<id>`) and the harness page in remote mode.
 *
 * @module
 */
import {
  type BridgeTraceHook,
  createHost,
  type HostConnection,
  type HostTransport,
} from "@yiqi/bridge";
import {
  HOST_METHODS,
  type HostEnvironment,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetEventMessage,
} from "@yiqi/jsapi";
import { REPORT_GRACE_MS } from "@yiqi/mock-host";

const METHODS = [...HOST_METHODS, "notify"];

/** Whether a `HostResult` as the bridge carries it is a success (`{ ok: true, … }`). */
const isOk = (r: unknown): boolean =>
  typeof r === "object" && r !== null && (r as { ok?: unknown }).ok === true;

/**
 * An app instance the meeting server opened (the shape of mock-host's `RemoteInstance`): its
 * calls answered by the server, its events and its close pushed by it.
 */
export interface ForwardedInstance {
  readonly instance: string;
  /** Where the server's simulator shows the app. */
  readonly url: string;
  readonly environment: HostEnvironment;
  call(method: string, args: unknown): Promise<unknown>;
  onEvent(listener: (message: WemeetEventMessage) => void): unknown;
  /** `url`: where the client shows the participant's app now (the server's app slot). */
  onClose(listener: (reason: string, url?: string) => void): unknown;
  close(): Promise<void>;
}

/** What the page hears of the frame's current instance. */
export interface ForwardingEvents {
  event?(message: WemeetEventMessage): void;
  /** The server closed the current instance (leave, end, replaced). */
  closed?(reason: string, url?: string): void;
  /** A call of the app has settled (`ok`: it resolved to a success). */
  called?(method: string, ok: boolean): void;
}

/** Options of {@link createForwardingHost}. */
export interface ForwardingHostOptions {
  /** Where the frame's handshake arrives (`windowHostTransport(iframe)`). */
  transport: HostTransport;
  /** Opens an instance for the frame at `url` on the server. */
  open(url: string): Promise<ForwardedInstance>;
  /** The frame's URL, for the instance of a handshake nothing was prepared for (a reload). */
  url(): string;
  /**
   * The client the bridge welcome tells the app about (default: that of the instance opened
   * last): needed when the instance opens only at the handshake (nothing prepared).
   */
  environment?: () => HostEnvironment | undefined;
  /** Bridge trace (calls, results, errors, events with timestamps). */
  trace?: BridgeTraceHook;
  /** Refused handshakes (origin, protocol), and instances the server would not open at one. */
  onError?: (error: Error) => void;
  on?: ForwardingEvents;
}

/** A frame served by forwarding. */
export interface ForwardingHost {
  /**
   * Opens the instance the frame's next handshake gets, at `url` (load the frame once it
   * resolves: the server has said where and as whom).
   */
  prepare(url: string): Promise<ForwardedInstance>;
  /**
   * Stops serving the frame: closes the connection (answers on their way arrive first) and the
   * current instance. Remove the iframe when this resolves.
   */
  close(): Promise<void>;
}

interface Slot {
  opened: Promise<ForwardedInstance>;
  connection: HostConnection | null;
  queued: WemeetEventMessage[];
  closed: boolean;
  /** Resolves when the server closed the instance. */
  serverClosed: Promise<void>;
  markClosed: () => void;
}

/**
 * How long {@link ForwardingHost.close} waits for the server to close the instance itself (it
 * does after a leave or an end once the client's last handling reports arrived, at most
 * `REPORT_GRACE_MS`, decision 0306): the server's wait and half a second for the socket.
 */
export const SERVER_CLOSE_GRACE_MS: number = REPORT_GRACE_MS + 500;

/** Serves a frame whose every call is forwarded to its instance on the meeting server. */
export function createForwardingHost(options: ForwardingHostOptions): ForwardingHost {
  const on = options.on ?? {};
  let current: Slot | null = null;
  let next: Slot | null = null;
  let environment: HostEnvironment | undefined;

  const open = (url: string): Slot => {
    let markClosed = (): void => {};
    const serverClosed = new Promise<void>((resolve) => {
      markClosed = resolve;
    });
    const slot: Slot = {
      opened: options.open(url),
      connection: null,
      queued: [],
      closed: false,
      serverClosed,
      markClosed,
    };
    slot.opened.then(
      (inst) => {
        environment = inst.environment;
        inst.onEvent((message) => {
          if (slot === current) on.event?.(message);
          if (slot.connection) slot.connection.emit(WEMEET_EVENT, message);
          else slot.queued.push(message);
        });
        inst.onClose((reason, slotUrl) => {
          slot.closed = true;
          slot.markClosed();
          // Let the call that closed it (leave, end) deliver its answer first.
          setTimeout(
            () => void slot.connection?.close(`the client closed this app instance: ${reason}`),
            0,
          );
          if (slot === current) on.closed?.(reason, slotUrl);
        });
      },
      () => {},
    );
    return slot;
  };

  const forward = (method: string) => async (args: unknown) => {
    const slot = current;
    if (!slot) throw new Error("the app instance is not open");
    const inst = await slot.opened;
    try {
      const result = await inst.call(method, args);
      on.called?.(method, isOk(result));
      return result;
    } catch (e) {
      on.called?.(method, false);
      throw e;
    }
  };
  const api: Record<string, (args: unknown) => Promise<unknown>> = Object.fromEntries(
    METHODS.map((m) => [m, forward(m)]),
  );
  api.getEnvironment = async () => (await (current as Slot).opened).environment;

  /** Closes `slot`'s instance on the server once (unless the server closed it). */
  const closeInstance = (slot: Slot): Promise<void> =>
    slot.opened
      .then((i) => {
        if (slot.closed) return;
        slot.closed = true;
        return i.close();
      })
      .catch(() => {});

  const host = createHost<Record<string, (a: unknown) => Promise<unknown>>>({
    transport: options.transport,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: METHODS,
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    expose: (c) => {
      // The instance opened for this load, else (a reload) a new one at the frame's URL.
      let slot = next;
      if (!slot) {
        slot = open(options.url());
        slot.opened.catch((e: Error) => options.onError?.(e));
      }
      next = null;
      current = slot;
      slot.connection = c;
      c.onClose(() => {
        slot.connection = null;
        void closeInstance(slot);
      });
      return api;
    },
    info: () => options.environment?.() ?? environment,
    onConnection: (c) => {
      if (current?.connection === c)
        for (const m of current.queued.splice(0)) c.emit(WEMEET_EVENT, m);
    },
  });

  return {
    prepare(url) {
      const slot = open(url);
      next = slot;
      slot.opened.catch(() => {
        if (next === slot) next = null;
      });
      return slot.opened;
    },
    async close() {
      // The current instance keeps forwarding (the app's last reports) until the host closes.
      const slots = [current, next].filter((s): s is Slot => s !== null);
      next = null;
      // The page lets go of a frame when the meeting no longer shows its app (leave, end,
      // replaced, reset): the server closes the instance once the app's last handling reports
      // reached it, and those go over this connection. Wait for that close, bounded.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.all(slots.map((s) => (s.closed ? undefined : s.serverClosed))),
        new Promise((resolve) => {
          timer = setTimeout(resolve, SERVER_CLOSE_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
      await new Promise((resolve) => setTimeout(resolve, 0));
      const closed = host.close();
      current = null;
      await Promise.all([closed, ...slots.map(closeInstance)]);
    },
  };
}
