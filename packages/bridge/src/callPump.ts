/**
 * The host's per-connection call pump: every inbound RPC is size-checked, guarded and counted,
 * then answered directly in comlink's wire format (decision 0018): the method is called as
 * comlink's `expose` would call it, and its value goes back as comlink's `RAW` or transfer-handler
 * answer, so an app using plain comlink `wrap` still works. A compact call (`compactWire.ts`,
 * decision 0011) gets the same checks, in the same order, and a compact answer. Every answer is
 * traced, and a thrown error is scrubbed of host stack traces.
 *
 * @module
 */
import { needsHandler, toWire } from "./comlinkValue.ts";
import { checkCompact } from "./compactWire.ts";
import type { BridgeErrorCode } from "./errors.ts";
import {
  argumentValues,
  checkRequest,
  isClean,
  type MethodTable,
  type RefusedRequest,
} from "./guard.ts";
import { oversizeReason } from "./size.ts";
import type { SideTrace } from "./trace.ts";
import { envelope, type RpcEnvelope, rpcEnvelope } from "./wire.ts";

/** What a pump needs from its host. */
export interface CallPumpConfig {
  ns: string;
  v: number;
  now: () => number;
  /** Inbound RPC messages larger than this are refused. */
  maxBytes: number;
  /** Calls pending at once before `TOO_MANY_CALLS` (one-way calls still running count too). */
  maxPending: number;
  /** One-way messages taken per second; past it they are dropped (and the drop traced). */
  maxOneWayPerSecond: number;
  trace: SideTrace;
}

/** The calls of one host connection. */
export interface CallPump {
  /**
   * Checks one inbound call (an `rpc` envelope's comlink message, or a compact call array) and
   * calls its method, or answers its refusal, in the form the call came in.
   */
  receive(msg: unknown): void;
  /**
   * Checks one inbound one-way message (a `oneway` envelope's comlink message, or a compact
   * array with a negative id) and calls its method; never answers. A refused or dropped message
   * is traced only.
   */
  receiveOneWay(msg: unknown): void;
  /** Serves `table` on this pump. */
  serve(table: MethodTable): void;
  /** Forgets the calls in flight; later answers are dropped (the connection closed). */
  clear(): void;
}

/** A call's key: a comlink message's string id, or a compact call's number. */
type CallKey = string | number;

/** A checked call of either form. */
interface Checked {
  id: CallKey;
  method: string;
  args: unknown[];
}
const accepted = (r: Checked | RefusedRequest): r is Checked => "args" in r;

/** A call's id as the trace shows it. */
const traceId = (key: CallKey | undefined): string | undefined =>
  typeof key === "number" ? String(key) : key;

interface Inflight {
  method: string;
  start: number;
}

/** As comlink's `expose` tells a value to wait for from one to send at once. */
const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  typeof (value as PromiseLike<unknown>).then === "function";

/**
 * Why a host method failed, as comlink's `throw` handler reads it: an Error's message, nothing
 * of anything else (no stack).
 */
const failureMessage = (method: string, cause: unknown): string =>
  `host method "${method}" failed: ${cause instanceof Error ? String(cause.message) : "a non-Error value was thrown"}`;

/**
 * Creates the pump of connection `id`; `post` sends on its port and says whether it could (it
 * cannot once the port is closed, or when a value cannot be cloned).
 */
export function createCallPump(
  config: CallPumpConfig,
  id: string,
  post: (body: unknown, transfer?: Transferable[]) => boolean,
): CallPump {
  const { ns, v, now, maxBytes, maxPending, maxOneWayPerSecond, trace } = config;
  const tracing = trace.enabled;
  const inflight = new Map<CallKey, Inflight>();
  let table: MethodTable = Object.create(null) as MethodTable;
  let served = true;

  /** Traces a refused or dropped message (a refused call is also answered, by its caller). */
  const traceRejected = (
    callId: CallKey | undefined,
    code: BridgeErrorCode,
    message: string,
    method?: string,
  ): void =>
    trace({
      kind: "rejected",
      connectionId: id,
      callId: traceId(callId),
      ...(method === undefined ? {} : { method }),
      error: { code, message },
    });

  /** Answers a refusal or failure: compact `[-id, code, message]`, else comlink's `throw`. */
  const answerError = (callId: CallKey, code: string, message: string): void => {
    if (typeof callId === "number") {
      post([-callId, code, message]);
      return;
    }
    post(
      envelope<RpcEnvelope>(ns, v, {
        kind: "rpc",
        msg: {
          id: callId,
          type: "HANDLER",
          name: "throw",
          value: { isError: true, value: { name: "BridgeError", message, code } },
        },
      }),
    );
  };

  /** Answers a call whose method threw or rejected: coded, with the message only (no stack). */
  const answerThrown = (callId: CallKey, cause: unknown): void => {
    const call = inflight.get(callId);
    inflight.delete(callId);
    const message = failureMessage(call?.method ?? "?", cause);
    if (call && tracing)
      trace({
        kind: "error",
        connectionId: id,
        callId: traceId(callId),
        method: call.method,
        error: { code: "CALL_FAILED", message },
        durationMs: now() - call.start,
      });
    answerError(callId, "CALL_FAILED", message);
  };

  /**
   * Answers a call with its value: compact `[id, value]` when comlink would send it `RAW`, else
   * serialised as comlink's `expose` would (`toWire`), in an `rpc` envelope.
   */
  const answerValue = (callId: CallKey, value: unknown): void => {
    if (!served) return;
    let sent: boolean;
    let wireValue = value;
    if (typeof callId === "number" && !needsHandler(value)) sent = post([callId, value]);
    else {
      const transfer: Transferable[] = [];
      const out = { id: callId, ...toWire(value, transfer) };
      wireValue = out.value;
      sent = post(rpcEnvelope(ns, v, out), transfer);
    }
    const call = inflight.get(callId);
    if (!sent) {
      // comlink answers a value it cannot send with this error.
      if (served) answerThrown(callId, new TypeError("Unserializable return value"));
      return;
    }
    inflight.delete(callId);
    if (call && tracing)
      trace({
        kind: "result",
        connectionId: id,
        callId: traceId(callId),
        method: call.method,
        value: wireValue,
        durationMs: now() - call.start,
      });
  };

  /**
   * The checked call in `msg` (comlink's `APPLY` or a compact array), or its refusal. Refusals
   * are the same for both forms, and come after the size check, which reads the message first.
   */
  const check = (msg: unknown): Checked | RefusedRequest => {
    if (Array.isArray(msg)) return checkCompact(msg, table);
    const checked = checkRequest(msg, table);
    if (!isClean(checked)) return checked;
    return { id: checked.id, method: checked.path[0], args: argumentValues(checked) };
  };

  const receive = (msg: unknown): void => {
    let sizedId: CallKey | undefined;
    if (Array.isArray(msg)) {
      const msgId: unknown = msg[0];
      if (typeof msgId === "number" && Number.isSafeInteger(msgId) && msgId > 0) sizedId = msgId;
    } else {
      const msgId = (msg as { id?: unknown } | null)?.id;
      if (typeof msgId === "string" && msgId.length <= 128) sizedId = msgId;
    }
    // Measured before anything else reads the message (the guard, the trace, the method); the
    // guard then reads only the fields a call uses and hands the arguments on without a copy.
    const oversize = oversizeReason(msg, maxBytes);
    if (oversize !== undefined) {
      const message = `the message exceeds the host's limit of ${maxBytes} bytes (${oversize}): send less data per call`;
      traceRejected(sizedId, "MESSAGE_TOO_LARGE", message);
      if (sizedId) answerError(sizedId, "MESSAGE_TOO_LARGE", message);
      return;
    }
    const checked = check(msg);
    if (!accepted(checked)) {
      traceRejected(checked.id, checked.code, checked.message, checked.method);
      if (checked.id) answerError(checked.id, checked.code, checked.message);
      return;
    }
    const { id: callId, method, args } = checked;
    if (inflight.has(callId)) {
      answerError(callId, "INVALID_MESSAGE", "a call with this id is already pending");
      return;
    }
    if (inflight.size >= maxPending) {
      const message = `more than ${maxPending} calls are pending on this connection: wait for answers before calling again`;
      traceRejected(callId, "TOO_MANY_CALLS", message);
      answerError(callId, "TOO_MANY_CALLS", message);
      return;
    }
    inflight.set(callId, { method, start: tracing ? now() : 0 });
    if (tracing)
      trace({ kind: "call", connectionId: id, callId: traceId(callId), method, args: [...args] });
    // As comlink's `expose` calls it: `apply` on the table, a throw and a rejection alike
    // answered as thrown, a value answered once it settles.
    let result: unknown;
    try {
      result = (table[method] as MethodTable[string]).apply(table, args);
    } catch (cause) {
      answerThrown(callId, cause);
      return;
    }
    if (isThenable(result))
      Promise.resolve(result).then(
        (value) => answerValue(callId, value),
        (cause) => answerThrown(callId, cause),
      );
    else answerValue(callId, result);
  };

  // One-way messages: a count per one-second window, and the one-way calls still running.
  let windowStart = Number.NEGATIVE_INFINITY;
  let windowCount = 0;
  let dropped = 0;
  let onewayRunning = 0;
  const oneWayDone = (): void => {
    onewayRunning--;
  };

  const receiveOneWay = (msg: unknown): void => {
    // The bound comes first: a dropped message costs a counter, whatever it holds.
    const t = now();
    if (t - windowStart >= 1000) {
      if (dropped > 1)
        traceRejected(
          undefined,
          "TOO_MANY_CALLS",
          `${dropped} one-way messages were dropped in the last second (limit ${maxOneWayPerSecond} per second)`,
        );
      windowStart = t;
      windowCount = 0;
      dropped = 0;
    }
    if (windowCount >= maxOneWayPerSecond || onewayRunning + inflight.size >= maxPending) {
      // The first drop in a window is traced at once, the rest counted and traced as one.
      if (++dropped === 1)
        traceRejected(
          undefined,
          "TOO_MANY_CALLS",
          `a one-way message was dropped: more than ${maxOneWayPerSecond} per second or ${maxPending} calls running on this connection (later drops this second are counted)`,
        );
      return;
    }
    windowCount++;
    const oversize = oversizeReason(msg, maxBytes);
    if (oversize !== undefined) {
      traceRejected(
        undefined,
        "MESSAGE_TOO_LARGE",
        `a one-way message exceeds the host's limit of ${maxBytes} bytes (${oversize}): send less data per message`,
      );
      return;
    }
    const checked = check(msg);
    if (!accepted(checked)) {
      traceRejected(oneWayId(checked.id), checked.code, checked.message, checked.method);
      return;
    }
    const { method, args } = checked;
    const callId = oneWayId(checked.id) as CallKey;
    if (tracing)
      trace({ kind: "call", connectionId: id, callId: traceId(callId), method, args: [...args] });
    let result: unknown;
    try {
      result = (table[method] as MethodTable[string]).apply(table, args);
    } catch (cause) {
      onewayFailed(callId, method, cause);
      return;
    }
    if (isThenable(result)) {
      onewayRunning++;
      Promise.resolve(result).then(oneWayDone, (cause) => {
        oneWayDone();
        onewayFailed(callId, method, cause);
      });
    }
  };
  /** A one-way message's call id: a compact one's is the negated number. */
  const oneWayId = (key: CallKey | undefined): CallKey | undefined =>
    typeof key === "number" ? -key : key;
  /** Nobody waits for a one-way call: its failure is traced, never answered. */
  const onewayFailed = (callId: CallKey, method: string, cause: unknown): void => {
    if (!tracing) return;
    trace({
      kind: "error",
      connectionId: id,
      callId: traceId(callId),
      method,
      error: { code: "CALL_FAILED", message: failureMessage(method, cause) },
    });
  };

  return {
    receive,
    receiveOneWay,
    serve(next: MethodTable): void {
      table = next;
    },
    clear(): void {
      served = false;
      inflight.clear();
    },
  };
}
