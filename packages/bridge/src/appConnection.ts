/**
 * The app's side of one connection: the private port, host events, the typed remote, and the
 * close (by the app, the host, or the page going away). Calls go through {@link createAppCalls}.
 *
 * @module
 */
import { createAppCalls } from "./appCalls.ts";
import type { Connection, Remote } from "./connect.ts";
import { BridgeError } from "./errors.ts";
import type { SideTrace } from "./trace.ts";
import type { AppTransport } from "./transport.ts";
import { type CloseEnvelope, type Envelope, envelope, isEnvelope } from "./wire.ts";

/** The settings of one app connection. */
export interface AppConnectionConfig {
  ns: string;
  v: number;
  /** Default call timeout, ms. */
  callTimeout: number;
  trace: SideTrace;
  /** The handshake's transport (for its unload notice). */
  transport: AppTransport;
  /** The host takes one-way messages (its welcome said so). */
  oneway?: boolean;
  /** The host takes compact calls (its welcome said so, decision 0011). */
  compact?: boolean;
}

let appConnectionSeq = 0;

/** Opens the connection on the port the host's welcome carried. */
export function openConnection<Api extends object>(
  port: MessagePort,
  info: unknown,
  config: AppConnectionConfig,
): Connection<Api> {
  const { ns, v, callTimeout, trace } = config;
  const id = `a${++appConnectionSeq}`;
  const eventHandlers = new Map<string, Set<(payload: unknown) => void>>();
  const closeListeners = new Set<(reason: BridgeError) => void>();
  let closed = false;
  const compact = config.compact === true;
  const calls = createAppCalls(port, { ns, v, id, callTimeout, trace, compact });

  let stopUnload: (() => void) | undefined;

  const shutdown = (reason: string, notifyHost: boolean): void => {
    if (closed) return;
    if (notifyHost) port.postMessage(envelope<CloseEnvelope>(ns, v, { kind: "close", reason }));
    closed = true;
    calls.stop();
    stopUnload?.();
    port.onmessage = null;
    port.close();
    const error = new BridgeError(
      "CONNECTION_CLOSED",
      `the connection to the host closed: ${reason}`,
    );
    calls.failAll(error);
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
    if (Array.isArray(data)) {
      // A compact answer (only a host that offered the compact wire sends one).
      if (compact) calls.receiveCompact(data);
      return;
    }
    if (!isEnvelope(data) || data.ns !== ns || data.v !== v) return;
    const env = data as Envelope;
    if (env.kind === "rpc") {
      calls.receive(env.msg);
    } else if (env.kind === "event") {
      if (trace.enabled)
        trace({ kind: "event", connectionId: id, event: env.name, payload: env.payload });
      const handlers = eventHandlers.get(env.name);
      if (handlers === undefined) return;
      for (const h of handlers) {
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

  const { call } = calls;
  const oneway = config.oneway === true;
  const notify = (method: string, args: readonly unknown[]): void => {
    if (oneway) calls.send(method, args);
    else call(method, args).catch(() => {});
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
    notify: notify as Connection<Api>["notify"],
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
