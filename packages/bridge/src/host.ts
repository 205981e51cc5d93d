/**
 * The host side: serves a declared API to one app frame, after checking who is calling.
 *
 * @module
 */
import { expose } from "comlink";
import { BridgeError } from "./errors.ts";
import { checkRequest, isClean, type MethodTable, methodTable } from "./guard.ts";
import { DEFAULT_NAMESPACE, DEFAULT_PROTOCOL, mismatchMessage } from "./protocol.ts";
import { oversizeReason } from "./size.ts";
import { type BridgeTraceEntry, type BridgeTraceHook, defaultNow, emitTrace } from "./trace.ts";
import type { HostTransport, InboundMessage } from "./transport.ts";
import {
  type CloseEnvelope,
  type Envelope,
  type EventEnvelope,
  envelope,
  isEnvelope,
  type RejectEnvelope,
  type RpcEnvelope,
  type WelcomeEnvelope,
} from "./wire.ts";

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

const MAX_REJECT_TRACES = 100;
let connectionSeq = 0;

interface Inflight {
  method: string;
  start: number;
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
  const ns = options.namespace ?? DEFAULT_NAMESPACE;
  const v = options.protocol ?? DEFAULT_PROTOCOL;
  const now = options.now ?? defaultNow;
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;
  const maxPending = options.maxPendingCalls ?? 256;
  const closeGraceMs = options.closeGraceMs ?? 1000;
  const tracing = options.trace !== undefined;
  const trace = (entry: Omit<BridgeTraceEntry, "t" | "side">): void => {
    if (tracing) emitTrace(options.trace, { t: now(), side: "host", ...entry });
  };
  let current: (HostConnection & { nonce: string }) | null = null;
  let ignored = 0;
  let rejectTraces = 0;
  const refusedNonces = new Set<string>();

  const refuse = (
    msg: InboundMessage,
    data: Envelope,
    code: RejectEnvelope["code"],
    message: string,
  ): void => {
    const error = new BridgeError(code, message, { origin: msg.origin });
    if (!refusedNonces.has((data as { nonce: string }).nonce)) {
      refusedNonces.add((data as { nonce: string }).nonce);
      if (refusedNonces.size > 64) refusedNonces.clear();
      options.transport.reply(
        msg.origin,
        envelope<RejectEnvelope>(ns, v, {
          kind: "reject",
          nonce: (data as { nonce: string }).nonce,
          code,
          message,
        }),
      );
      trace({ kind: "rejected", origin: msg.origin, error: { code, message } });
      try {
        options.onError?.(error);
      } catch {
        // A consumer's handler must not break the host.
      }
    }
  };

  const onMessage = (msg: InboundMessage): void => {
    const { data } = msg;
    if (!isEnvelope(data) || data.kind !== "hello") return;
    if (!msg.fromPeer) {
      ignored++;
      if (rejectTraces++ < MAX_REJECT_TRACES)
        trace({
          kind: "rejected",
          origin: msg.origin,
          error: {
            code: "ORIGIN_REJECTED",
            message: "a handshake from a window that is not the app frame was ignored",
          },
        });
      return;
    }
    const allowed = options.allowedOrigins ?? options.transport.defaultOrigins;
    if (!allowed.includes(msg.origin)) {
      refuse(
        msg,
        data,
        "ORIGIN_REJECTED",
        `the host refused the app origin ${msg.origin} (allowed: ${allowed.join(", ") || "none"}): serve the app from an allowed origin or add it to allowedOrigins`,
      );
      return;
    }
    if (data.ns !== ns || data.v !== v) {
      refuse(
        msg,
        data,
        "PROTOCOL_MISMATCH",
        mismatchMessage({ ns: data.ns, v: data.v }, { ns, v }),
      );
      return;
    }
    if (current && !current.isClosed && current.nonce === data.nonce) return; // a retried hello
    current?.close("the app frame handshook again (reload or navigation)");
    current = openConnection(msg.origin, data.nonce);
  };

  const openConnection = (origin: string, nonce: string): HostConnection & { nonce: string } => {
    const channel = new MessageChannel();
    const port = channel.port1;
    const id = `c${++connectionSeq}`;
    const closeListeners = new Set<(reason: BridgeError) => void>();
    const comlinkListeners = new Set<(event: { data: unknown }) => void>();
    const inflight = new Map<string, Inflight>();
    let closed = false;
    let closing: Promise<void> | undefined;

    const post = (body: Envelope, transfer: Transferable[] = []): void => {
      if (closed) return;
      try {
        port.postMessage(body, transfer);
      } catch {
        // The message could not be cloned; comlink reports that to the caller itself.
      }
    };
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

    const connection: HostConnection & { nonce: string } = {
      id,
      origin,
      nonce,
      get isClosed(): boolean {
        return closed;
      },
      emit(name: string, payload: unknown): void {
        if (closed) return;
        trace({ kind: "event", connectionId: id, event: name, payload });
        post(envelope<EventEnvelope>(ns, v, { kind: "event", name, payload }));
      },
      close(reason = "the host closed the connection"): Promise<void> {
        return finish(reason, true);
      },
      onClose(listener: (reason: BridgeError) => void): () => void {
        closeListeners.add(listener);
        return () => closeListeners.delete(listener);
      },
    };

    /** Closes now; with `awaitAck`, keeps the port open for the app's acknowledgement. */
    const finish = (reason: string, awaitAck: boolean): Promise<void> => {
      if (closing) return closing;
      post(
        envelope<CloseEnvelope>(ns, v, {
          kind: "close",
          reason,
          ...(awaitAck ? { ack: true } : {}),
        }),
      );
      closed = true;
      const closePort = (): void => {
        port.onmessage = null;
        port.close();
      };
      closing = new Promise<void>((resolve) => {
        if (!awaitAck) {
          closePort();
          resolve();
          return;
        }
        const done = (): void => {
          clearTimeout(timer);
          closePort();
          resolve();
        };
        const timer = setTimeout(done, closeGraceMs);
        // Only the app's close may arrive now: it says everything before it was received.
        port.onmessage = (event: MessageEvent): void => {
          const data = event.data as unknown;
          if (isEnvelope(data) && data.ns === ns && data.v === v && data.kind === "close") done();
        };
      });
      comlinkListeners.clear();
      inflight.clear();
      trace({
        kind: "close",
        connectionId: id,
        error: { code: "CONNECTION_CLOSED", message: reason },
      });
      const error = new BridgeError("CONNECTION_CLOSED", `connection ${id} closed: ${reason}`);
      for (const l of closeListeners) {
        try {
          l(error);
        } catch {
          // Keep closing even if one listener fails.
        }
      }
      closeListeners.clear();
      return closing;
    };

    // The endpoint comlink serves on: requests reach it only after the guard; its answers are
    // traced, scrubbed of host stack traces, and wrapped in envelopes.
    const endpoint = {
      postMessage(
        message: { id: string; type: string; name?: string; value?: unknown },
        transfer: Transferable[] = [],
      ): void {
        const call = inflight.get(message.id);
        inflight.delete(message.id);
        let out: typeof message = message;
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
          if (call)
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
        post(envelope<RpcEnvelope>(ns, v, { kind: "rpc", msg: out }), transfer);
      },
      addEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
        comlinkListeners.add(listener);
      },
      removeEventListener(_type: string, listener: (event: { data: unknown }) => void): void {
        comlinkListeners.delete(listener);
      },
      start(): void {},
    };

    port.onmessage = (event: MessageEvent): void => {
      const data = event.data as unknown;
      if (!isEnvelope(data) || data.ns !== ns || data.v !== v) {
        trace({
          kind: "rejected",
          connectionId: id,
          error: {
            code: "INVALID_MESSAGE",
            message: "a message on the port was not a bridge message of this protocol",
          },
        });
        return;
      }
      if (data.kind === "close") {
        void finish(`the app closed the connection: ${data.reason.slice(0, 200)}`, false);
        return;
      }
      if (data.kind !== "rpc") return;
      const msgId = (data.msg as { id?: unknown } | null)?.id;
      const callId = typeof msgId === "string" && msgId.length <= 128 ? msgId : undefined;
      // Measured before anything else reads the message (comlink, the guard, the trace).
      const oversize = oversizeReason(data.msg, maxBytes);
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
      const checked = checkRequest(data.msg, table);
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
          args: checked.argumentList.map((a) => a.value),
        });
      for (const l of comlinkListeners) l({ data: checked });
    };

    let table: MethodTable = Object.create(null) as MethodTable;
    try {
      table = methodTable(options.expose(connection), options.methods);
    } catch (cause) {
      trace({
        kind: "error",
        connectionId: id,
        error: { code: "CALL_FAILED", message: `expose() threw: ${String(cause)}` },
      });
    }
    expose(table, endpoint as unknown as Parameters<typeof expose>[1]);
    port.start();
    const info = options.info?.(connection);
    options.transport.reply(
      origin,
      envelope<WelcomeEnvelope>(ns, v, { kind: "welcome", nonce, info }),
      [channel.port2],
    );
    trace({ kind: "handshake", connectionId: id, origin });
    try {
      options.onConnection?.(connection);
    } catch {
      // A consumer's handler must not break the host.
    }
    return connection;
  };

  const stop = options.transport.listen(onMessage);
  return {
    get connection(): HostConnection | null {
      return current;
    },
    get ignoredCount(): number {
      return ignored;
    },
    close(): Promise<void> {
      stop();
      return current ? current.close("the host stopped") : Promise.resolve();
    },
  };
}
