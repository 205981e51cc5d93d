/**
 * The app's `wemeet` event listeners: registering them, running them for each delivered event,
 * and telling a host that takes notices what happened (decision 0306). Internal.
 *
 * @module
 */
import {
  handlerErrorReport,
  NOTICE_LIMITS,
  NOTICES_PROTOCOL,
  type WemeetNotice,
} from "./notices.ts";
import type { WemeetEventMessage, WemeetEventName } from "./types.ts";
import type { WemeetEvents, WemeetListener } from "./wemeetApi.ts";

/** Sends one notice; never throws, never awaited. */
export type Notify = (notice: WemeetNotice) => void;

/** The listener registry of one `wemeet` object. */
export interface EventRegistry {
  /** The `addEventListener` family the app calls. */
  readonly events: WemeetEvents;
  /** Runs the app's listeners for a delivered event (a throwing one is reported, the rest run). */
  dispatch(message: WemeetEventMessage): void;
  /**
   * Starts telling the host through `notify`: a `hello`, then the listeners registered so far
   * (one `listener` notice per event), then every change and every delivered event.
   */
  attach(notify: Notify): void;
}

/** A registry whose listeners' errors go to `reportError` (they never stop other listeners). */
export function createEventRegistry(
  reportError: (error: unknown) => void,
  invalid: (why: string) => Error,
): EventRegistry {
  const listeners = new Map<WemeetEventName, Set<(payload: unknown) => void>>();
  let notify: Notify | undefined;

  const changed = (event: WemeetEventName, change: "add" | "remove"): void => {
    notify?.({ kind: "listener", change, event, count: listeners.get(event)?.size ?? 0 });
  };
  const removeAll = (event: WemeetEventName): void => {
    const had = listeners.get(event)?.size ?? 0;
    listeners.delete(event);
    if (had > 0) changed(event, "remove");
  };

  const events: WemeetEvents = {
    addEventListener<K extends WemeetEventName>(name: K, listener: WemeetListener<K>): void {
      if (typeof listener !== "function") throw invalid("listener must be a function");
      const set = listeners.get(name) ?? new Set<(payload: unknown) => void>();
      listeners.set(name, set);
      const before = set.size;
      set.add(listener as (payload: unknown) => void);
      if (set.size !== before) changed(name, "add");
    },
    removeEventListener<K extends WemeetEventName>(name: K, listener: WemeetListener<K>): void {
      if (listeners.get(name)?.delete(listener as (payload: unknown) => void))
        changed(name, "remove");
    },
    removeEventListeners(name: WemeetEventName): void {
      removeAll(name);
    },
    removeAllEventListener(): void {
      for (const name of [...listeners.keys()]) removeAll(name);
    },
  };

  return {
    events,
    dispatch(message: WemeetEventMessage): void {
      const { name, payload } = message;
      const run = [...(listeners.get(name) ?? [])];
      let threw = 0;
      const errors = [];
      for (const listener of run) {
        try {
          listener(payload);
        } catch (error) {
          threw++;
          if (errors.length < NOTICE_LIMITS.errors) errors.push(handlerErrorReport(error));
          reportError(error);
        }
      }
      const id = (message as { id?: unknown }).id;
      if (notify && typeof id === "number")
        notify({ kind: "handled", eventId: id, listeners: run.length, threw, errors });
    },
    attach(send: Notify): void {
      notify = send;
      send({ kind: "hello", protocol: NOTICES_PROTOCOL });
      for (const [event, set] of listeners)
        if (set.size > 0) send({ kind: "listener", change: "add", event, count: set.size });
    },
  };
}
