/**
 * One host connection: the private port to one app document, its events and its close (with
 * the app's acknowledgement); calls go through its {@link createCallPump | call pump}.
 *
 * @module
 */
import { type CallPumpConfig, createCallPump } from "./callPump.ts";
import { BridgeError } from "./errors.ts";
import { type MethodTable, methodTable } from "./guard.ts";
import type { HostConnection, HostOptions } from "./host.ts";
import {
  type CloseEnvelope,
  envelope,
  eventEnvelope,
  isEnvelope,
  type WelcomeEnvelope,
} from "./wire.ts";

/** The host's settings, resolved once per host. */
export interface HostConfig<Api extends object> extends CallPumpConfig {
  options: HostOptions<Api>;
  /** How long a close waits for the app's acknowledgement. */
  closeGraceMs: number;
}

/** A connection with the handshake nonce it answered (a retried hello carries the same one). */
export type LiveConnection = HostConnection & { nonce: string };

let connectionSeq = 0;

/**
 * Opens a connection for an admitted hello: serves `options.expose(connection)` on a new
 * `MessageChannel` and sends the welcome with the other port to `origin`.
 */
export function openHostConnection<Api extends object>(
  config: HostConfig<Api>,
  origin: string,
  nonce: string,
): LiveConnection {
  const { options, ns, v, closeGraceMs, trace } = config;
  const oneway = options.oneway !== false;
  const compact = options.compact !== false;
  const channel = new MessageChannel();
  const port = channel.port1;
  const id = `c${++connectionSeq}`;
  const closeListeners = new Set<(reason: BridgeError) => void>();
  let closed = false;
  let closing: Promise<void> | undefined;

  const post = (body: unknown, transfer?: Transferable[]): boolean => {
    if (closed) return false;
    try {
      if (transfer === undefined || transfer.length === 0) port.postMessage(body);
      else port.postMessage(body, transfer);
      return true;
    } catch {
      // The message could not be cloned: the pump answers the call with an error instead.
      return false;
    }
  };
  const pump = createCallPump(config, id, post);

  const connection: LiveConnection = {
    id,
    origin,
    nonce,
    get isClosed(): boolean {
      return closed;
    },
    emit(name: string, payload: unknown): void {
      if (closed) return;
      if (trace.enabled) trace({ kind: "event", connectionId: id, event: name, payload });
      post(eventEnvelope(ns, v, name, payload));
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
    pump.clear();
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

  port.onmessage = (event: MessageEvent): void => {
    const data = event.data as unknown;
    if (compact && Array.isArray(data)) {
      // A compact call (decision 0011); a negative id is a one-way message.
      const first: unknown = data[0];
      if (typeof first === "number" && first < 0) oneWay(data);
      else pump.receive(data);
      return;
    }
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
    if (data.kind === "rpc") pump.receive(data.msg);
    else if (data.kind === "oneway") oneWay(data.msg);
  };
  const oneWay = (msg: unknown): void => {
    if (oneway) pump.receiveOneWay(msg);
    else
      trace({
        kind: "rejected",
        connectionId: id,
        error: {
          code: "INVALID_MESSAGE",
          message: "this host takes no one-way messages (its welcome did not offer them)",
        },
      });
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
  pump.serve(table);
  port.start();
  const info = options.info?.(connection);
  options.transport.reply(
    origin,
    envelope<WelcomeEnvelope>(ns, v, {
      kind: "welcome",
      nonce,
      info,
      ...(oneway ? { oneway: 1 as const } : {}),
      ...(compact ? { compact: 1 as const } : {}),
    }),
    [channel.port2],
  );
  trace({ kind: "handshake", connectionId: id, origin });
  try {
    options.onConnection?.(connection);
  } catch {
    // A consumer's handler must not break the host.
  }
  return connection;
}
