/**
 * The host side: serves a declared API to one app frame, after checking who is calling.
 *
 * Hellos are screened in `admission.ts`; each connection lives in `hostConnection.ts`, its
 * calls in `callPump.ts`.
 *
 * @module
 */
import { createAdmission } from "./admission.ts";
import type { BridgeError } from "./errors.ts";
import { type HostConfig, type LiveConnection, openHostConnection } from "./hostConnection.ts";
import { DEFAULT_NAMESPACE, DEFAULT_PROTOCOL } from "./protocol.ts";
import { type BridgeTraceHook, defaultNow, sideTrace } from "./trace.ts";
import type { HostTransport } from "./transport.ts";

/** One live connection between the host and one app document. */
export interface HostConnection {
  /** Unique per handshake. */
  readonly id: string;
  /** The app's origin, as the runtime reported it at handshake. */
  readonly origin: string;
  /** True once closed (by either side, or by a re-handshake of the frame). */
  readonly isClosed: boolean;
  /** Sends a named event to the app; a no-op once closed. */
  emit(name: string, payload: unknown): void;
  /**
   * Closes the connection; the app's pending calls reject with `CONNECTION_CLOSED`. Takes effect
   * at once on this side; the promise resolves when the app has received everything sent before
   * the close (it acknowledges), or after `closeGraceMs` if it does not (gone, hung). Remove the
   * frame after it resolves, so a result already on its way (a `leave` that closed the app)
   * still reaches the app. Calling it again returns the same promise.
   */
  close(reason?: string): Promise<void>;
  /** Called once, when the connection closes, with the reason as a `CONNECTION_CLOSED` error. */
  onClose(listener: (reason: BridgeError) => void): () => void;
}

/** Options of {@link createHost}. */
export interface HostOptions<Api extends object> {
  /** Where the app frame's handshake arrives (e.g. `windowHostTransport(iframe)`). */
  transport: HostTransport;
  /** Builds the API served on a new connection; identity comes from the connection, not messages. */
  expose: (connection: HostConnection) => Api;
  /** The method names served (default: the own function-valued keys of `expose`'s result). */
  methods?: readonly (keyof Api & string)[];
  /** Exact origins accepted (default: the transport's, i.e. the iframe URL's origin). */
  allowedOrigins?: readonly string[];
  /** API namespace, e.g. `yiqi.wemeet` (default `yiqi`). */
  namespace?: string;
  /** API protocol version (default 1). */
  protocol?: number;
  /** Data sent to the app in the welcome (structured-cloneable). */
  info?: (connection: HostConnection) => unknown;
  /** Inbound RPC messages larger than this are refused (default 1 MiB). */
  maxMessageBytes?: number;
  /** Calls pending at once per connection before `TOO_MANY_CALLS` (default 256). */
  maxPendingCalls?: number;
  /**
   * Take one-way messages (`Connection.notify`) and announce it in the welcome (default true;
   * `false` behaves as a host from before them: the app sends its notifications as calls).
   */
  oneway?: boolean;
  /**
   * One-way messages taken per connection per second (default 10000); past it they are dropped,
   * and the drop traced. One-way calls whose result is still pending count against
   * `maxPendingCalls` too, so a flood neither grows memory nor holds up calls.
   */
  maxOneWayPerSecond?: number;
  /**
   * Take compact calls and answer them compactly (decision 0011), and announce it in the
   * welcome (default true; `false` behaves as a host from before them: the app sends comlink's
   * messages). Apps that speak comlink's messages are served either way.
   */
  compact?: boolean;
  /** How long a close waits for the app's acknowledgement before giving up (default 1000 ms). */
  closeGraceMs?: number;
  /** Receives every handshake, call, result, error, event and close. */
  trace?: BridgeTraceHook;
  /** Clock for trace timestamps (ms since epoch). */
  now?: () => number;
  /** Called for each new connection (after a frame loads or reloads). */
  onConnection?: (connection: HostConnection) => void;
  /** Called when a handshake is refused (origin, protocol). */
  onError?: (error: BridgeError) => void;
}

/** A running host for one app frame. */
export interface BridgeHost {
  /** The current connection, if the frame has handshaken. */
  readonly connection: HostConnection | null;
  /** Messages ignored because they did not come from the frame (a hostile or unrelated sender). */
  readonly ignoredCount: number;
  /** Stops listening and closes the current connection; resolves as its `close` does. */
  close(): Promise<void>;
}

/**
 * Serves `expose(connection)` to the app frame behind `transport`. Accepts a handshake only
 * from the transport's peer and only from an allowed origin; binds the connection to that peer;
 * re-handshakes (reload, navigation) replace the connection.
 *
 * @example
 * ```ts
 * const host = createHost({
 *   transport: windowHostTransport(iframe),
 *   namespace: "yiqi.wemeet",
 *   expose: (conn) => ({ async hello(name: string) { return `hi ${name} from ${conn.origin}`; } }),
 * });
 * ```
 */
export function createHost<Api extends object>(options: HostOptions<Api>): BridgeHost {
  const now = options.now ?? defaultNow;
  const config: HostConfig<Api> = {
    options,
    ns: options.namespace ?? DEFAULT_NAMESPACE,
    v: options.protocol ?? DEFAULT_PROTOCOL,
    now,
    maxBytes: options.maxMessageBytes ?? 1024 * 1024,
    maxPending: options.maxPendingCalls ?? 256,
    maxOneWayPerSecond: options.maxOneWayPerSecond ?? 10_000,
    closeGraceMs: options.closeGraceMs ?? 1000,
    trace: sideTrace(options, "host", now),
  };
  let current: LiveConnection | null = null;
  const admission = createAdmission(config, (origin, nonce) => {
    if (current && !current.isClosed && current.nonce === nonce) return; // a retried hello
    current?.close("the app frame handshook again (reload or navigation)");
    current = openHostConnection(config, origin, nonce);
  });

  const stop = options.transport.listen(admission.onMessage);
  return {
    get connection(): HostConnection | null {
      return current;
    },
    get ignoredCount(): number {
      return admission.ignoredCount;
    },
    close(): Promise<void> {
      stop();
      return current ? current.close("the host stopped") : Promise.resolve();
    },
  };
}
