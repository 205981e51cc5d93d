/**
 * The bridge host adapter: serves the meeting simulator to one app frame over `@yiqi/bridge`.
 * The participant comes from the attachment (which frame the harness put where), never from
 * anything the app sends.
 *
 * @module
 */
import {
  type BridgeError,
  type BridgeHost,
  type BridgeTraceHook,
  createHost,
  type HostConnection,
  type HostTransport,
} from "@yiqi/bridge";
import {
  HOST_METHODS,
  WEMEET_EVENT,
  WEMEET_NAMESPACE,
  WEMEET_PROTOCOL,
  type WemeetHostApi,
  type WemeetNoticeApi,
} from "@yiqi/jsapi";
import { environmentFor } from "./meeting/environment.ts";
import type { Meeting } from "./meeting/meeting.ts";
import type { AppInstance } from "./meeting/model.ts";

/**
 * How long a closed instance's connection waits for its client's last handling reports (only a
 * client that reports and still owes some: others close at once). The client holds its notices
 * for up to ~100 ms (decision 0019), and on a loaded machine the report then crosses the app's
 * renderer, its page and, for a view of a meeting server, a socket: 3 s leaves room for that.
 */
export const REPORT_GRACE_MS = 3000;

/** `inst`'s client reported every delivered event, or {@link REPORT_GRACE_MS} passed. */
function reportsIn(inst: AppInstance): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<void>((r) => {
    timer = setTimeout(r, REPORT_GRACE_MS);
  });
  return Promise.race([inst.reportsSettled(), grace]).then(() => clearTimeout(timer));
}

/** Options of {@link attachApp}. */
export interface AttachAppOptions {
  /** The simulator. */
  meeting: Meeting;
  /** The participant whose client shows this frame. */
  participantId: string;
  /** Where the frame's handshake arrives: `windowHostTransport(iframe)` in a page. */
  transport: HostTransport;
  /** Exact app origins accepted (default: the transport's, i.e. the iframe URL's origin). */
  allowedOrigins?: readonly string[];
  /** The frame's page URL when it connects (default: the URL the participant's view shows). */
  url?: () => string;
  /** Bridge trace (calls, results, errors, events with timestamps). */
  trace?: BridgeTraceHook;
  /** Each time the frame connects (first load, reload) with its new instance. */
  onInstance?: (instance: AppInstance, connection: HostConnection) => void;
  /** Refused handshakes (origin, protocol). */
  onError?: (error: BridgeError) => void;
}

/** A frame attached to the simulator. */
export interface AttachedApp {
  /** The app instance of the current connection, if the frame has connected. */
  readonly instance: AppInstance | null;
  /** The bridge host (connection, ignored message count). */
  readonly host: BridgeHost;
  /**
   * Stops serving the frame and closes its instance, after letting answers already on their way
   * out reach the app (a `leave()` that closed the frame still resolves in the app). Remove the
   * iframe when this resolves.
   */
  detach(reason?: string): Promise<void>;
}

/**
 * Attaches an app frame to `meeting` as `participantId`. Each handshake opens a new app instance
 * (a reload replaces the old one); the simulator's events reach the frame; when the simulator
 * closes the instance (leave, end) the connection closes after the call that caused it has
 * answered; when the frame goes away, the instance closes.
 *
 * @example
 * ```ts
 * const attached = attachApp({ meeting, participantId: "p2", transport: windowHostTransport(iframe) });
 * ```
 */
export function attachApp(options: AttachAppOptions): AttachedApp {
  const { meeting, participantId } = options;
  let instance: AppInstance | null = null;

  const host = createHost<WemeetHostApi & WemeetNoticeApi>({
    transport: options.transport,
    namespace: WEMEET_NAMESPACE,
    protocol: WEMEET_PROTOCOL,
    methods: [...HOST_METHODS, "notify"],
    ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    expose: (connection) => {
      const url = options.url?.() ?? meeting.view(participantId).app?.url ?? connection.origin;
      const inst = meeting.openInstance(participantId, { url, origin: connection.origin });
      instance = inst;
      const offEvents = inst.onEvent((message) => connection.emit(WEMEET_EVENT, message));
      inst.onClose((reason) => {
        offEvents();
        // Let the call that closed the instance (leave, end) deliver its answer first, and the
        // client report how the app handled the last events (decision 0306), at most
        // REPORT_GRACE_MS.
        setTimeout(() => {
          void reportsIn(inst).then(
            () => void connection.close(`the client closed this app instance: ${reason}`),
          );
        }, 0);
      });
      connection.onClose(() => {
        offEvents();
        if (!inst.closed) inst.close("the app frame disconnected (reload, navigation or removal)");
      });
      return inst.api;
    },
    info: () =>
      instance ? environmentFor(meeting.participant(participantId), instance.id) : undefined,
    onConnection: (connection) => {
      if (instance) options.onInstance?.(instance, connection);
    },
  });

  return {
    get instance(): AppInstance | null {
      return instance;
    },
    host,
    async detach(reason = "detached"): Promise<void> {
      // Let a close the simulator scheduled (leave, end) go first, with its own reason, and the
      // client's last handling reports arrive (decision 0306).
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (instance) await reportsIn(instance);
      const closed = host.close();
      if (instance && !instance.closed) instance.close(reason);
      // Resolves once the app acknowledged the close: every answer before it has arrived.
      await closed;
    },
  };
}
