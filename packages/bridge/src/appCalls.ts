/**
 * The app's call path on one connection: comlink's wire format over the private port, every
 * call with its deadline (one timer per connection) and `AbortSignal`, every failure a coded
 * `BridgeError`.
 *
 * The app side writes comlink's `APPLY` messages itself instead of going through comlink's
 * `wrap` proxy (decision 0015): the host still serves them with comlink behind its guard, so
 * the wire is unchanged, but a call costs one small record in a Map and no proxy, random UUID
 * or closure of its own. Arguments still go through comlink's transfer handlers, so a
 * `comlink.proxy()` argument is sent as comlink would send it (and the host refuses it).
 * With a host that offers it, calls and their answers use the compact wire instead
 * (`compactWire.ts`, decision 0011); a call whose arguments need a transfer handler still goes
 * in comlink's form.
 *
 * @module
 */
import { fromWire, toWire, type WireValue } from "./comlinkValue.ts";
import { compactCall } from "./compactWire.ts";
import type { CallOptions } from "./connect.ts";
import { abortError, BridgeError } from "./errors.ts";
import type { SideTrace } from "./trace.ts";
import { onewayEnvelope, rpcEnvelope } from "./wire.ts";

/** What the call path needs from its connection. */
export interface AppCallsConfig {
  ns: string;
  v: number;
  /** The connection's id, the prefix of its call ids. */
  id: string;
  /** Default call timeout, ms. */
  callTimeout: number;
  trace: SideTrace;
  /** The host takes compact calls (its welcome said so). */
  compact?: boolean;
}

/** The calls of one app connection. */
export interface AppCalls {
  /** Calls `method` on the host. */
  call(method: string, args: readonly unknown[], options?: CallOptions): Promise<unknown>;
  /** Sends a one-way message: nothing pending, no timer, no answer; a no-op once closed. */
  send(method: string, args: readonly unknown[]): void;
  /** Settles the call an inbound `rpc` message (an answer) is for. */
  receive(msg: unknown): void;
  /** Settles the call an inbound compact answer is for. */
  receiveCompact(msg: readonly unknown[]): void;
  /** Stops sending and the deadline timer (the connection is closing). */
  stop(): void;
  /** Rejects every pending call with `error` (after {@link AppCalls.stop}). */
  failAll(error: BridgeError): void;
}

/** A pending call's key: its sequence number when it went compact, else its comlink id. */
type CallKey = string | number;

/** One call in flight: plain data, no closures (the abort listener only when a signal is given). */
interface Pending {
  method: string;
  /** `performance.now()` when sent. */
  started: number;
  /** `performance.now()` after which the call times out. */
  deadline: number;
  /** The timeout, ms, for the error message. */
  ms: number;
  resolve(value: unknown): void;
  reject(error: BridgeError): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** Maps whatever a call failed with to a coded `BridgeError`. */
function toBridgeError(cause: unknown, method: string): BridgeError {
  if (cause instanceof BridgeError) return cause;
  const { code, message } = (cause ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === "string" ? message : String(cause);
  if (BridgeError.isCode(code)) return new BridgeError(code, text, { method });
  return new BridgeError("CALL_FAILED", `${method} failed: ${text}`, { method });
}

/**
 * Call `callId` of `method` as comlink's `wrap` writes it (`APPLY`); ports to transfer are pushed
 * to `transfer`.
 */
function applyMessage(
  callId: string,
  method: string,
  args: readonly unknown[],
  transfer: Transferable[],
): { id: string; type: "APPLY"; path: [string]; argumentList: WireValue[] } {
  const argumentList = new Array<WireValue>(args.length);
  for (let i = 0; i < args.length; i++) argumentList[i] = toWire(args[i], transfer);
  return { id: callId, type: "APPLY", path: [method], argumentList };
}

/** Creates the call path of connection `config.id` over `port`. */
export function createAppCalls(port: MessagePort, config: AppCallsConfig): AppCalls {
  const { ns, v, id, callTimeout, trace } = config;
  const compact = config.compact === true;
  const tracing = trace.enabled;
  // Keyed by the call's sequence number when it went compact, else by its comlink id string.
  const pending = new Map<CallKey, Pending>();
  /** A call's id as the trace shows it (`a1.42` in either form). */
  const traceId = (key: CallKey): string => (typeof key === "number" ? `${id}.${key}` : key);
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
    for (const [callId, p] of pending) {
      if (p.deadline <= t)
        fail(
          callId,
          new BridgeError(
            "CALL_TIMEOUT",
            `${p.method} got no answer within ${p.ms} ms: the host may be busy or stuck; retry, or pass a longer { timeout }`,
            { method: p.method, timeoutMs: p.ms },
          ),
        );
      else if (p.deadline < next) next = p.deadline;
    }
    if (next !== Number.POSITIVE_INFINITY) schedule(next);
  };
  const schedule = (deadline: number): void => {
    if (closed || deadline >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = deadline;
    timer = setTimeout(sweep, Math.max(0, deadline - performance.now()));
  };

  /** Takes call `callId` off the pending list; `undefined` when it already settled. */
  const take = (callId: CallKey): Pending | undefined => {
    const p = pending.get(callId);
    if (p === undefined) return undefined;
    pending.delete(callId);
    if (p.onAbort) p.signal?.removeEventListener("abort", p.onAbort);
    return p;
  };
  const fail = (callId: CallKey, error: BridgeError): void => {
    const p = take(callId);
    if (p === undefined) return;
    if (tracing)
      trace({
        kind: "error",
        connectionId: id,
        callId: traceId(callId),
        method: p.method,
        error: { code: error.code, message: error.message },
        durationMs: performance.now() - p.started,
      });
    p.reject(error);
  };

  const call = (
    method: string,
    args: readonly unknown[],
    options?: CallOptions,
  ): Promise<unknown> => {
    if (closed)
      return Promise.reject(
        new BridgeError(
          "CONNECTION_CLOSED",
          `cannot call ${method}: the connection to the host is closed`,
          { method },
        ),
      );
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(abortError(`the call to ${method}`));
    const ms = options?.timeout ?? callTimeout;
    const seq = ++callSeq;
    const started = performance.now();
    if (tracing) trace({ kind: "call", connectionId: id, callId: `${id}.${seq}`, method, args });
    // Compact when the host takes it and no argument needs a transfer handler.
    let msg: unknown = compact ? compactCall(seq, method, args) : undefined;
    const callId: CallKey = msg === undefined ? `${id}.${seq}` : seq;
    let transfer: Transferable[] | undefined;
    if (msg === undefined) {
      transfer = [];
      msg = rpcEnvelope(ns, v, applyMessage(callId as string, method, args, transfer));
    }
    return new Promise<unknown>((resolve, reject) => {
      const entry: Pending = {
        method,
        started,
        deadline: started + ms,
        ms,
        resolve,
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        entry.onAbort = (): void => fail(callId, abortError(`the call to ${method}`));
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      pending.set(callId, entry);
      schedule(entry.deadline);
      try {
        if (transfer === undefined || transfer.length === 0) port.postMessage(msg);
        else port.postMessage(msg, transfer);
      } catch (cause) {
        // e.g. a DataCloneError: an argument cannot be sent.
        fail(callId, toBridgeError(cause, method));
      }
    });
  };

  const send = (method: string, args: readonly unknown[]): void => {
    if (closed) return;
    const seq = ++callSeq;
    const callId = `${id}.${seq}`;
    if (tracing) trace({ kind: "call", connectionId: id, callId, method, args });
    // Compact one-way messages carry the negated sequence number.
    const short = compact ? compactCall(-seq, method, args) : undefined;
    try {
      if (short !== undefined) port.postMessage(short);
      else {
        const transfer: Transferable[] = [];
        const msg = applyMessage(callId, method, args, transfer);
        port.postMessage(onewayEnvelope(ns, v, msg), transfer);
      }
    } catch (cause) {
      // e.g. a DataCloneError: nobody waits for the message, so the trace is where it shows.
      const error = toBridgeError(cause, method);
      trace({
        kind: "error",
        connectionId: id,
        callId,
        method,
        error: { code: error.code, message: error.message },
      });
    }
  };

  /** Resolves pending call `callId` (`p`) with `value`. */
  const settle = (callId: CallKey, p: Pending, value: unknown): void => {
    take(callId);
    if (tracing)
      trace({
        kind: "result",
        connectionId: id,
        callId: traceId(callId),
        method: p.method,
        value,
        durationMs: performance.now() - p.started,
      });
    p.resolve(value);
  };

  return {
    call,
    send,
    receive(msg: unknown): void {
      // A compact call's answer that needed a transfer handler comes in comlink's form with the
      // call's number as its id.
      const callId = (msg as { id?: unknown } | null)?.id;
      if (typeof callId !== "string" && typeof callId !== "number") return;
      const p = pending.get(callId);
      if (p === undefined) return;
      let value: unknown;
      try {
        value = fromWire(msg as { type?: unknown; name?: unknown; value?: unknown });
      } catch (cause) {
        fail(callId, toBridgeError(cause, p.method));
        return;
      }
      settle(callId, p, value);
    },
    receiveCompact(msg: readonly unknown[]): void {
      const key = msg[0];
      if (typeof key !== "number") return;
      if (key > 0) {
        const p = pending.get(key);
        if (p !== undefined) settle(key, p, msg[1]);
        return;
      }
      // `[-id, code, message]`: refused or failed, coded as comlink's `throw` answer would be.
      const p = pending.get(-key);
      if (p === undefined) return;
      const [, code, message] = msg;
      fail(-key, toBridgeError({ code, message: String(message) }, p.method));
    },
    stop(): void {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
    },
    failAll(error: BridgeError): void {
      for (const callId of [...pending.keys()]) fail(callId, error);
      pending.clear();
    },
  };
}
