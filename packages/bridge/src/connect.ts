/**
 * The app side: finds the host, handshakes, and returns a typed remote over a private port.
 *
 * The handshake is in `appHandshake.ts`; the connection in `appConnection.ts`, its calls
 * (timeouts, aborts) in `appCalls.ts`.
 *
 * @module
 */
import { openConnection } from "./appConnection.ts";
import { handshake } from "./appHandshake.ts";
import { abortError, BridgeError } from "./errors.ts";
import {
  DEFAULT_CALL_TIMEOUT,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_NAMESPACE,
  DEFAULT_PROTOCOL,
} from "./protocol.ts";
import { type BridgeTraceHook, defaultNow, sideTrace } from "./trace.ts";
import type { AppTransport } from "./transport.ts";
import { windowAppTransport } from "./windowTransport.ts";

/** Per-call options. */
export interface CallOptions {
  /** Milliseconds before the call rejects with `CALL_TIMEOUT` (default: the connection's). */
  timeout?: number;
  /** Aborting rejects the call with `ABORTED`. */
  signal?: AbortSignal;
}

/** Options of {@link connectToHost}. */
export interface ConnectOptions {
  /** The handshake transport; or give `hostOrigin` to use the parent window. */
  transport?: AppTransport;
  /** The exact origin of the host page (used when no `transport` is given). Never `'*'`. */
  hostOrigin?: string;
  /** API namespace, e.g. `yiqi.wemeet` (default `yiqi`). */
  namespace?: string;
  /** API protocol version (default 1). */
  protocol?: number;
  /** Handshake timeout, ms (default 5000). */
  timeout?: number;
  /** Default call timeout, ms (default 10000). */
  callTimeout?: number;
  /** How often the hello is repeated until the host answers, ms (default 50). */
  retryInterval?: number;
  /** Aborts the handshake. */
  signal?: AbortSignal;
  /** Receives every handshake, call, result, error, event and close. */
  trace?: BridgeTraceHook;
  /** Clock for trace timestamps (ms since epoch). */
  now?: () => number;
}

/** The methods of `Api`, each returning a Promise. */
export type Remote<Api> = {
  [K in keyof Api]: Api[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

type Method<Api> = {
  [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never;
}[keyof Api] &
  string;

/** A live connection from an app to its host. */
export interface Connection<Api extends object> {
  /** Unique per handshake. */
  readonly id: string;
  /** What the host sent with its welcome. */
  readonly info: unknown;
  /** The host's methods, with the default call timeout. */
  readonly remote: Remote<Api>;
  /** Calls one method with per-call options. */
  call<K extends Method<Api>>(
    method: K,
    args: Api[K] extends (...a: infer A) => unknown ? A : never,
    options?: CallOptions,
  ): Promise<Api[K] extends (...a: never[]) => infer R ? Awaited<R> : never>;
  /**
   * Calls one method without waiting for an answer: a one-way message (no result, no timeout,
   * nothing pending) to a host that takes them, else (an older host) a call whose answer and
   * failure are ignored. For reports the app does not need acknowledged; the host may drop
   * one-way messages past its rate bound.
   */
  notify<K extends Method<Api>>(
    method: K,
    args: Api[K] extends (...a: infer A) => unknown ? A : never,
  ): void;
  /** Listens to a named event from the host; returns the unsubscribe function. */
  on(event: string, handler: (payload: unknown) => void): () => void;
  /** True once closed. */
  readonly isClosed: boolean;
  /** Called once when the connection closes. */
  onClose(listener: (reason: BridgeError) => void): () => void;
  /** Closes the connection; pending calls reject with `CONNECTION_CLOSED`. */
  close(reason?: string): void;
}

/**
 * Connects to the host: sends a hello to exactly the host origin until it answers, then moves
 * all traffic to the transferred port. Rejects with `HANDSHAKE_TIMEOUT` (no host answered),
 * `ORIGIN_REJECTED` (the host refused this app's origin), `PROTOCOL_MISMATCH`, `NO_HOST` (not in a
 * frame), `INVALID_OPTIONS` or `ABORTED`.
 *
 * @example
 * ```ts
 * const conn = await connectToHost<HostApi>({ hostOrigin: "https://harness.example", namespace: "yiqi.wemeet" });
 * const ctx = await conn.remote.collaborationGetContext();
 * conn.on("wemeet-event", (e) => console.log(e));
 * ```
 */
export async function connectToHost<Api extends object>(
  options: ConnectOptions,
): Promise<Connection<Api>> {
  const ns = options.namespace ?? DEFAULT_NAMESPACE;
  const v = options.protocol ?? DEFAULT_PROTOCOL;
  const now = options.now ?? defaultNow;
  const timeout = options.timeout ?? DEFAULT_HANDSHAKE_TIMEOUT;
  const callTimeout = options.callTimeout ?? DEFAULT_CALL_TIMEOUT;
  const trace = sideTrace(options, "app", now);
  let transport: AppTransport;
  if (options.transport) transport = options.transport;
  else if (options.hostOrigin !== undefined)
    transport = windowAppTransport({ hostOrigin: options.hostOrigin });
  else
    throw new BridgeError(
      "INVALID_OPTIONS",
      "connectToHost needs a transport or the exact hostOrigin of the host page",
    );
  if (options.signal?.aborted) throw abortError("the handshake");

  const { port, info, oneway, compact } = await handshake(transport, {
    ns,
    v,
    timeout,
    retryInterval: options.retryInterval ?? 50,
    signal: options.signal,
    trace,
  });

  return openConnection<Api>(port, info, {
    ns,
    v,
    callTimeout,
    trace,
    transport,
    oneway,
    compact,
  });
}
