/**
 * The app's call path on one connection: comlink over the private port, every call with its
 * deadline (one timer per connection) and `AbortSignal`, every failure a coded `BridgeError`.
 *
 * @module
 */
import { type Remote as ComlinkRemote, wrap } from "comlink";
import type { CallOptions } from "./connect.ts";
import { abortError, BridgeError } from "./errors.ts";
import type { SideTrace } from "./trace.ts";
import { envelope, type RpcEnvelope } from "./wire.ts";

/** What the call path needs from its connection. */
export interface AppCallsConfig {
  ns: string;
  v: number;
  /** The connection's id, the prefix of its call ids. */
  id: string;
  /** Default call timeout, ms. */
  callTimeout: number;
  trace: SideTrace;
}

/** The calls of one app connection. */
export interface AppCalls {
  /** Calls `method` on the host. */
  call(method: string, args: readonly unknown[], options?: CallOptions): Promise<unknown>;
  /** Hands an inbound `rpc` message (an answer) to comlink. */
  receive(msg: unknown): void;
  /** Stops sending and the deadline timer (the connection is closing). */
  stop(): void;
  /** Rejects every pending call with `error` and forgets comlink (after {@link AppCalls.stop}). */
  failAll(error: BridgeError): void;
}

interface Pending {
  /** `performance.now()` after which the call times out. */
  deadline: number;
  fail(error: BridgeError): void;
  expire(): void;
}

/** Maps whatever comlink rejected with to a coded `BridgeError`. */
function toBridgeError(cause: unknown, method: string): BridgeError {
  if (cause instanceof BridgeError) return cause;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(cause);
  if (BridgeError.isCode(code)) return new BridgeError(code, text, { method });
  return new BridgeError("CALL_FAILED", `${method} failed: ${text}`, { method });
}

/** Creates the call path of connection `config.id` over `port`. */
export function createAppCalls(port: MessagePort, config: AppCallsConfig): AppCalls {
  const { ns, v, id, callTimeout, trace } = config;
  const tracing = trace.enabled;
  const comlinkListeners = new Set<(event: { data: unknown }) => void>();
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

  return {
    call,
    receive(msg: unknown): void {
      for (const l of comlinkListeners) l({ data: msg });
    },
    stop(): void {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
    failAll(error: BridgeError): void {
      for (const p of [...pending]) p.fail(error);
      pending.clear();
      comlinkListeners.clear();
    },
  };
}
