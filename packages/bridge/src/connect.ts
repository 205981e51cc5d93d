/**
 * The app side: finds the host, handshakes, and returns a typed remote over a private port.
 *
 * @module
 */
import { type Remote as ComlinkRemote, wrap } from "comlink";
import { BridgeError } from "./errors.ts";
import {
  DEFAULT_CALL_TIMEOUT,
  DEFAULT_HANDSHAKE_TIMEOUT,
  DEFAULT_NAMESPACE,
  DEFAULT_PROTOCOL,
  mismatchMessage,
} from "./protocol.ts";
import { type BridgeTraceEntry, type BridgeTraceHook, defaultNow, emitTrace } from "./trace.ts";
import type { AppTransport, InboundMessage } from "./transport.ts";
import { windowAppTransport } from "./windowTransport.ts";
import {
  type CloseEnvelope,
  type Envelope,
  envelope,
  type HelloEnvelope,
  isEnvelope,
  type RpcEnvelope,
} from "./wire.ts";

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
  /** Listens to a named event from the host; returns the unsubscribe function. */
  on(event: string, handler: (payload: unknown) => void): () => void;
  /** True once closed. */
  readonly isClosed: boolean;
  /** Called once when the connection closes. */
  onClose(listener: (reason: BridgeError) => void): () => void;
  /** Closes the connection; pending calls reject with `CONNECTION_CLOSED`. */
  close(reason?: string): void;
}

const randomNonce = (): string => {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
};

const abortError = (what: string): BridgeError =>
  new BridgeError("ABORTED", `${what} was aborted by its AbortSignal`);

/** Maps whatever comlink rejected with to a coded `BridgeError`. */
function toBridgeError(cause: unknown, method: string): BridgeError {
  if (cause instanceof BridgeError) return cause;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(cause);
  if (BridgeError.isCode(code)) return new BridgeError(code, text, { method });
  return new BridgeError("CALL_FAILED", `${method} failed: ${text}`, { method });
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
  const tracing = options.trace !== undefined;
  const trace = (entry: Omit<BridgeTraceEntry, "t" | "side">): void => {
    if (tracing) emitTrace(options.trace, { t: now(), side: "app", ...entry });
  };
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

  const { port, info } = await new Promise<{ port: MessagePort; info: unknown }>(
    (resolve, reject) => {
      const nonce = randomNonce();
      const hello = envelope<HelloEnvelope>(ns, v, { kind: "hello", nonce });
      const finish = (): void => {
        stop();
        clearInterval(retry);
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
      };
      const fail = (error: BridgeError): void => {
        finish();
        trace({ kind: "rejected", error: { code: error.code, message: error.message } });
        reject(error);
      };
      const stop = transport.listen((msg: InboundMessage) => {
        if (!msg.fromPeer || msg.origin !== transport.hostOrigin) return;
        const data = msg.data;
        if (
          !isEnvelope(data) ||
          (data.kind !== "welcome" && data.kind !== "reject") ||
          data.nonce !== nonce
        )
          return;
        if (data.kind === "reject") {
          fail(new BridgeError(data.code, data.message, { origin: transport.hostLabel }));
          return;
        }
        if (data.ns !== ns || data.v !== v) {
          const message = mismatchMessage({ ns, v }, { ns: data.ns, v: data.v });
          fail(new BridgeError("PROTOCOL_MISMATCH", message));
          return;
        }
        const p = msg.ports[0];
        if (!p) return;
        finish();
        resolve({ port: p, info: data.info });
      });
      const onAbort = (): void => fail(abortError("the handshake"));
      options.signal?.addEventListener("abort", onAbort, { once: true });
      const send = (): void => {
        try {
          transport.send(hello);
        } catch (cause) {
          fail(
            new BridgeError(
              "NO_HOST",
              `could not reach the host at ${transport.hostLabel}: ${String(cause)}`,
            ),
          );
        }
      };
      const retry = setInterval(send, options.retryInterval ?? 50);
      const timer = setTimeout(
        () =>
          fail(
            new BridgeError(
              "HANDSHAKE_TIMEOUT",
              `no host answered at ${transport.hostLabel} within ${timeout} ms: open the app inside the Yiqi harness (or the page that hosts it) and check that the host origin is exactly that page's origin`,
              { origin: transport.hostLabel, timeoutMs: timeout },
            ),
          ),
        timeout,
      );
      send();
    },
  );

  return openConnection<Api>(port, info, { ns, v, callTimeout, trace, tracing, transport });
}

let appConnectionSeq = 0;

interface Pending {
  /** `performance.now()` after which the call times out. */
  deadline: number;
  fail(error: BridgeError): void;
  expire(): void;
}

function openConnection<Api extends object>(
  port: MessagePort,
  info: unknown,
  config: {
    ns: string;
    v: number;
    callTimeout: number;
    trace: (entry: Omit<BridgeTraceEntry, "t" | "side">) => void;
    tracing: boolean;
    transport: AppTransport;
  },
): Connection<Api> {
  const { ns, v, callTimeout, trace, tracing } = config;
  const id = `a${++appConnectionSeq}`;
  const comlinkListeners = new Set<(event: { data: unknown }) => void>();
  const eventHandlers = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners = new Set<(reason: BridgeError) => void>();
  const pending = new Set<Pending>();
  let closed = false;
  let callSeq = 0;
  // One timer per connection, set for the earliest deadline, instead of a timer per call: a
  // call's cost stays a Map insert and delete. Expired calls are failed by the sweep.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  const sweep = (): void => {
    timer = undefined;
    timerAt = Number.POSITIVE_INFINITY;
    const t = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const p of [...pending]) {
      if (p.deadline <= t) p.expire();
      else next = Math.min(next, p.deadline);
    }
    if (next !== Number.POSITIVE_INFINITY) schedule(next);
  };
  const schedule = (deadline: number): void => {
    if (closed || deadline >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = deadline;
    timer = setTimeout(sweep, Math.max(0, deadline - performance.now()));
  };

  const endpoint = {
    postMessage(message: unknown, transfer: Transferable[] = []): void {
      if (closed) return;
      port.postMessage(envelope<RpcEnvelope>(ns, v, { kind: "rpc", msg: message }), transfer);
    },
    addEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
      comlinkListeners.add(listener);
    },
    removeEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
      comlinkListeners.delete(listener);
    },
    start(): void {},
  };
  const comlinkRemote = wrap<Record<string, (...args: unknown[]) => unknown>>(
    endpoint as unknown as Parameters<typeof wrap>[0],
  ) as unknown as ComlinkRemote<Record<string, (...args: unknown[]) => Promise<unknown>>>;

  let stopUnload: (() => void) | undefined;
  // comlink makes a proxy (and registers it for finalization) on every property access; one
  // per method, made once, keeps that off the per-call path.
  const comlinkMethods = new Map<string, (...a: unknown[]) => Promise<unknown>>();
  const methodProxy = (method: string): ((...a: unknown[]) => Promise<unknown>) => {
    let fn = comlinkMethods.get(method);
    if (!fn) {
      fn = comlinkRemote[method] as (...a: unknown[]) => Promise<unknown>;
      comlinkMethods.set(method, fn);
    }
    return fn;
  };

  const shutdown = (reason: string, notifyHost: boolean): void => {
    if (closed) return;
    if (notifyHost) port.postMessage(envelope<CloseEnvelope>(ns, v, { kind: "close", reason }));
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    stopUnload?.();
    port.onmessage = null;
    port.close();
    const error = new BridgeError(
      "CONNECTION_CLOSED",
      `the connection to the host closed: ${reason}`,
    );
    for (const p of [...pending]) p.fail(error);
    pending.clear();
    comlinkListeners.clear();
    trace({ kind: "close", connectionId: id, error: { code: error.code, message: error.message } });
    for (const l of closeListeners) {
      try {
        l(error);
      } catch {
        // Keep closing.
      }
    }
    closeListeners.clear();
  };

  port.onmessage = (event: MessageEvent): void => {
    const data = event.data as unknown;
    if (!isEnvelope(data) || data.ns !== ns || data.v !== v) return;
    const env = data as Envelope;
    if (env.kind === "rpc") {
      for (const l of comlinkListeners) l({ data: env.msg });
    } else if (env.kind === "event") {
      trace({ kind: "event", connectionId: id, event: env.name, payload: env.payload });
      for (const h of eventHandlers.get(env.name) ?? []) {
        try {
          h(env.payload);
        } catch (cause) {
          // An app handler's error must surface like any uncaught error, without breaking delivery.
          queueMicrotask(() => {
            throw cause;
          });
        }
      }
    } else if (env.kind === "close") {
      // Everything the host sent before the close has been handled: tell it so.
      if (env.ack)
        port.postMessage(envelope<CloseEnvelope>(ns, v, { kind: "close", reason: "ack" }));
      shutdown(`the host closed it (${env.reason.slice(0, 200)})`, false);
    }
  };
  port.start();
  trace({ kind: "handshake", connectionId: id });
  // The page going away (navigation, frame removal) closes the connection so the host knows.
  stopUnload = config.transport.onUnload?.(() => shutdown("the app page was unloaded", true));

  const call = (
    method: string,
    args: readonly unknown[],
    options: CallOptions = {},
  ): Promise<unknown> => {
    if (closed)
      return Promise.reject(
        new BridgeError(
          "CONNECTION_CLOSED",
          `cannot call ${method}: the connection to the host is closed`,
          { method },
        ),
      );
    if (options.signal?.aborted) return Promise.reject(abortError(`the call to ${method}`));
    const ms = options.timeout ?? callTimeout;
    const callId = `${id}.${++callSeq}`;
    const started = performance.now();
    if (tracing) trace({ kind: "call", connectionId: id, callId, method, args });
    return new Promise<unknown>((resolve, reject) => {
      const signal = options.signal;
      const settle = (): void => {
        pending.delete(entry);
        signal?.removeEventListener("abort", onAbort);
      };
      const entry: Pending = {
        deadline: started + ms,
        fail(error: BridgeError): void {
          settle();
          if (tracing)
            trace({
              kind: "error",
              connectionId: id,
              callId,
              method,
              error: { code: error.code, message: error.message },
              durationMs: performance.now() - started,
            });
          reject(error);
        },
        expire(): void {
          entry.fail(
            new BridgeError(
              "CALL_TIMEOUT",
              `${method} got no answer within ${ms} ms: the host may be busy or stuck; retry, or pass a longer { timeout }`,
              { method, timeoutMs: ms },
            ),
          );
        },
      };
      const onAbort = (): void => entry.fail(abortError(`the call to ${method}`));
      signal?.addEventListener("abort", onAbort, { once: true });
      pending.add(entry);
      schedule(entry.deadline);
      methodProxy(method)(...args).then(
        (value) => {
          if (!pending.has(entry)) return;
          settle();
          if (tracing)
            trace({
              kind: "result",
              connectionId: id,
              callId,
              method,
              value,
              durationMs: performance.now() - started,
            });
          resolve(value);
        },
        (cause: unknown) => {
          if (pending.has(entry)) entry.fail(toBridgeError(cause, method));
        },
      );
    });
  };

  const bound = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  const remote = new Proxy(Object.create(null) as Remote<Api>, {
    get(_target, prop): unknown {
      if (typeof prop !== "string" || prop === "then") return undefined;
      let fn = bound.get(prop);
      if (!fn) {
        fn = (...args: unknown[]): Promise<unknown> => call(prop, args);
        bound.set(prop, fn);
      }
      return fn;
    },
  });

  return {
    id,
    info,
    remote,
    call: call as Connection<Api>["call"],
    on(event: string, handler: (payload: unknown) => void): () => void {
      const set = eventHandlers.get(event) ?? new Set<(payload: unknown) => void>();
      eventHandlers.set(event, set);
      set.add(handler);
      return () => set.delete(handler);
    },
    get isClosed(): boolean {
      return closed;
    },
    onClose(listener: (reason: BridgeError) => void): () => void {
      if (closed) {
        queueMicrotask(() =>
          listener(new BridgeError("CONNECTION_CLOSED", "the connection to the host is closed")),
        );
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close(reason = "the app closed the connection"): void {
      shutdown(reason, true);
    },
  };
}
