/**
 * The host's per-connection call pump: every inbound RPC is size-checked, guarded and counted
 * before comlink sees it; every answer comlink sends is traced, scrubbed of host stack traces
 * and wrapped in an envelope.
 *
 * @module
 */
import { expose } from "comlink";
import { argumentValues, checkRequest, isClean, type MethodTable } from "./guard.ts";
import { oversizeReason } from "./size.ts";
import type { SideTrace } from "./trace.ts";
import { type Envelope, envelope, type RpcEnvelope, rpcEnvelope } from "./wire.ts";

/** What a pump needs from its host. */
export interface CallPumpConfig {
  ns: string;
  v: number;
  now: () => number;
  /** Inbound RPC messages larger than this are refused. */
  maxBytes: number;
  /** Calls pending at once before `TOO_MANY_CALLS`. */
  maxPending: number;
  trace: SideTrace;
}

/** The calls of one host connection. */
export interface CallPump {
  /** Checks one inbound `rpc` message and hands it to comlink, or answers its refusal. */
  receive(msg: unknown): void;
  /** Serves `table` with comlink on this pump. */
  serve(table: MethodTable): void;
  /** Forgets comlink and the calls in flight (the connection closed). */
  clear(): void;
}

interface Inflight {
  method: string;
  start: number;
}

type ComlinkMessage = { id: string; type: string; name?: string; value?: unknown };

/**
 * Creates the pump of connection `id`; `post` sends on its port (a no-op once it is closed).
 */
export function createCallPump(
  config: CallPumpConfig,
  id: string,
  post: (body: Envelope, transfer?: Transferable[]) => void,
): CallPump {
  const { ns, v, now, maxBytes, maxPending, trace } = config;
  const tracing = trace.enabled;
  const comlinkListeners = new Set<(event: { data: unknown }) => void>();
  const inflight = new Map<string, Inflight>();
  let table: MethodTable = Object.create(null) as MethodTable;

  const answerError = (callId: string, code: string, message: string): void => {
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

  // The endpoint comlink serves on: requests reach it only after the guard; its answers are
  // traced, scrubbed of host stack traces, and wrapped in envelopes.
  const endpoint = {
    postMessage(message: ComlinkMessage, transfer: Transferable[] = []): void {
      const call = inflight.get(message.id);
      inflight.delete(message.id);
      let out: ComlinkMessage = message;
      if (message.type === "HANDLER" && message.name === "throw") {
        const thrown = message.value as
          | { isError?: boolean; value?: { message?: unknown } }
          | undefined;
        const text = thrown?.isError
          ? String(thrown.value?.message)
          : "a non-Error value was thrown";
        const text2 = `host method "${call?.method ?? "?"}" failed: ${text}`;
        out = {
          id: message.id,
          type: "HANDLER",
          name: "throw",
          value: {
            isError: true,
            value: { name: "BridgeError", message: text2, code: "CALL_FAILED" },
          },
        };
        if (call && tracing)
          trace({
            kind: "error",
            connectionId: id,
            callId: message.id,
            method: call.method,
            error: { code: "CALL_FAILED", message: text2 },
            durationMs: now() - call.start,
          });
      } else if (call && tracing) {
        trace({
          kind: "result",
          connectionId: id,
          callId: message.id,
          method: call.method,
          value: (message as { value?: unknown }).value,
          durationMs: now() - call.start,
        });
      }
      post(rpcEnvelope(ns, v, out), transfer);
    },
    addEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
      comlinkListeners.add(listener);
    },
    removeEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
      comlinkListeners.delete(listener);
    },
    start(): void {},
  };

  const receive = (msg: unknown): void => {
    const msgId = (msg as { id?: unknown } | null)?.id;
    const callId = typeof msgId === "string" && msgId.length <= 128 ? msgId : undefined;
    // Measured before anything else reads the message (comlink, the guard, the trace); the
    // guard then reads only the fields comlink uses and hands the message on without a copy.
    const oversize = oversizeReason(msg, maxBytes);
    if (oversize !== undefined) {
      const message = `the message exceeds the host's limit of ${maxBytes} bytes (${oversize}): send less data per call`;
      trace({
        kind: "rejected",
        connectionId: id,
        callId,
        error: { code: "MESSAGE_TOO_LARGE", message },
      });
      if (callId) answerError(callId, "MESSAGE_TOO_LARGE", message);
      return;
    }
    const checked = checkRequest(msg, table);
    if (!isClean(checked)) {
      trace({
        kind: "rejected",
        connectionId: id,
        callId: checked.id,
        ...(checked.method === undefined ? {} : { method: checked.method }),
        error: { code: checked.code, message: checked.message },
      });
      if (checked.id) answerError(checked.id, checked.code, checked.message);
      return;
    }
    if (inflight.has(checked.id)) {
      answerError(checked.id, "INVALID_MESSAGE", "a call with this id is already pending");
      return;
    }
    if (inflight.size >= maxPending) {
      const message = `more than ${maxPending} calls are pending on this connection: wait for answers before calling again`;
      trace({
        kind: "rejected",
        connectionId: id,
        callId: checked.id,
        error: { code: "TOO_MANY_CALLS", message },
      });
      answerError(checked.id, "TOO_MANY_CALLS", message);
      return;
    }
    const method = checked.path[0];
    inflight.set(checked.id, { method, start: tracing ? now() : 0 });
    if (tracing)
      trace({
        kind: "call",
        connectionId: id,
        callId: checked.id,
        method,
        args: argumentValues(checked),
      });
    for (const l of comlinkListeners) l({ data: checked });
  };

  return {
    receive,
    serve(served: MethodTable): void {
      table = served;
      expose(table, endpoint as unknown as Parameters<typeof expose>[1]);
    },
    clear(): void {
      comlinkListeners.clear();
      inflight.clear();
    },
  };
}
