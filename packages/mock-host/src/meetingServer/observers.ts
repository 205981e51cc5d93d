/**
 * The observers of the server's meeting (protocol 2, docs/decisions/0032-meeting-server-protocol-2.md):
 * views that sent `observe` get `state` (the latest snapshot) and `trace` (new entries, in
 * order, each once) after changes, coalesced to one of each per macrotask and serialised once for
 * every view. A view that does not read (its socket holds more than `maxBufferedBytes`) is skipped
 * and catches up later from a backlog of at most `maxTraceBacklog` entries; past that it is closed.
 * So the memory a view costs is bounded whatever it does. A view that asks for deltas
 * (`observe { deltas: true }`, decision 0040) gets `delta` frames instead of `state` (what changed
 * since the version it shows), and a whole `state` (with its `seq`) when it just observed or
 * missed one. Web-standard.
 *
 * @module
 */
import type { Meeting } from "../meeting/meeting.ts";
import { TRACE_TRUNCATED, type TraceEntry } from "../meeting/trace.ts";
import type { MeetingServerLimits } from "./protocol.ts";
import { type MeetingSnapshot, meetingSnapshot } from "./snapshot.ts";
import {
  deltaFrameText,
  type SnapshotTexts,
  sameTexts,
  snapshotTexts,
  stateFrameText,
} from "./snapshotDelta.ts";

/** How often a hub looks again at views that were not reading (ms). */
const CATCH_UP_MS = 25;

/** A view as the hub writes to it. */
export interface ObserverTarget {
  readonly id: string;
  /** Writes one text frame. */
  send(text: string): void;
  /** Bytes written but not yet sent to the view (0 when the transport does not say). */
  buffered(): number;
  /** Closes the view: it fell too far behind. */
  tooSlow(message: string): void;
}

/** What `observe` answers. */
export interface ObserveResult {
  state: MeetingSnapshot;
  trace: TraceEntry[];
  /** The state's version (views that take deltas): the `base` of the first delta. */
  seq?: number;
}

/** The observers of one server. */
export interface ObserverHub {
  /** Adds an observer; answers the current state and kept trace (later changes follow). */
  add(target: ObserverTarget, options?: { deltas?: boolean }): ObserveResult;
  remove(viewId: string): void;
  /** Something outside the meeting changed what a snapshot shows (the holders). */
  touch(): void;
  /** Sends what changed now (before an answer, so a view reads its own change at once). */
  flush(): void;
  /** The meeting was replaced: observers get its state and its trace from the start. */
  reset(): void;
}

interface Observer {
  readonly target: ObserverTarget;
  /** Entries not yet sent (only while the view is not reading). */
  backlog: TraceEntry[];
  /** The view missed a `state`. */
  stale: boolean;
  /** The view takes `delta` frames (decision 0040). */
  deltas: boolean;
}

/** The hub of a server whose meeting is `meeting()` and holders `holders()`. */
export function createObserverHub(
  meeting: () => Meeting,
  holders: () => ReadonlyMap<string, string>,
  limits: Pick<MeetingServerLimits, "maxBufferedBytes" | "maxTraceBacklog">,
): ObserverHub {
  const observers = new Map<string, Observer>();
  let batch: TraceEntry[] = [];
  let batchDropped = 0;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  /** The last state sent to views that take deltas, as text, and its version. */
  let sent: SnapshotTexts | null = null;
  let version = 0;
  const takesDeltas = (): boolean => [...observers.values()].some((o) => o.deltas);
  /** The current state as text; a new version when it differs from the last one sent. */
  const current = (): SnapshotTexts | null => {
    const texts = snapshotTexts(meetingSnapshot(meeting(), holders()));
    if (!texts || !sent || !sameTexts(sent, texts)) version++;
    return texts;
  };

  const schedule = (ms: number): void => {
    if (timer === undefined) timer = setTimeout(flush, ms);
  };
  const mark = (): void => {
    dirty = true;
    schedule(0);
  };
  const record = (entry: TraceEntry): void => {
    batch.push(entry);
    // A burst larger than the backlog keeps the newest entries, as the trace itself does.
    if (batch.length > limits.maxTraceBacklog) {
      batch.shift();
      batchDropped++;
    }
    // Only a `state` entry may come with a change of the snapshot (and the meeting's own change
    // listener marks those too); calls, results, errors and events leave the state as it was,
    // so a call that changes nothing sends its trace entries, not a copy of the whole meeting.
    if (entry.kind === "state") mark();
    else schedule(0);
  };
  const listen = (): void => {
    if (unsubscribe) return;
    const m = meeting();
    const offState = m.subscribe(mark);
    const offTrace = m.trace.subscribe(record);
    unsubscribe = () => {
      offState();
      offTrace();
    };
  };
  const stop = (): void => {
    unsubscribe?.();
    unsubscribe = undefined;
    batch = [];
    batchDropped = 0;
    dirty = false;
  };

  const takeBatch = (): TraceEntry[] => {
    const entries = batch;
    batch = [];
    if (batchDropped > 0 && entries[0]) {
      const first = entries[0];
      entries.unshift({
        seq: first.seq - 1,
        t: first.t,
        kind: "state",
        name: TRACE_TRUNCATED,
        data: {
          dropped: batchDropped,
          message: `trace truncated: ${batchDropped} entries recorded in one burst were not sent`,
        },
        spec: "A1",
      });
      batchDropped = 0;
    }
    return entries;
  };

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const entries = takeBatch();
    const changed = dirty;
    dirty = false;
    // With views that take deltas, the state is stringified part by part once (O(N)) and each
    // view is sent what changed since the version it shows (or the whole state, with `seq`).
    const prev = sent;
    const before = version;
    const texts = changed && takesDeltas() ? current() : undefined;
    if (texts !== undefined) sent = texts;
    const bumped = version !== before;
    let stateText: string | undefined;
    const state = (): string => {
      stateText ??= texts
        ? stateFrameText(texts)
        : JSON.stringify({ t: "state", state: meetingSnapshot(meeting(), holders()) });
      return stateText;
    };
    let deltaText: string | null | undefined;
    let wholeText: string | undefined;
    /** What a view that takes deltas is sent; nothing when it shows this version already. */
    const forDeltas = (o: Observer): string | undefined => {
      if (!o.stale && prev && texts) {
        if (!bumped) return undefined;
        deltaText ??= deltaFrameText(prev, texts, version - 1);
        if (deltaText !== null) return deltaText;
      }
      // Just observed, missed a version, or a change a delta cannot say: the whole state, with
      // the version the next delta starts from.
      wholeText ??= sent
        ? stateFrameText(sent, version)
        : JSON.stringify({
            t: "state",
            state: meetingSnapshot(meeting(), holders()),
            seq: version,
          });
      return wholeText;
    };
    const traceText = entries.length > 0 ? JSON.stringify({ t: "trace", entries }) : undefined;
    let behind = false;
    for (const o of [...observers.values()]) {
      if (o.target.buffered() > limits.maxBufferedBytes) {
        o.backlog.push(...entries);
        o.stale ||= changed;
        if (o.backlog.length > limits.maxTraceBacklog) {
          observers.delete(o.target.id);
          o.target.tooSlow(
            `the view did not read ${o.backlog.length} trace entries in time; reconnect and observe again`,
          );
        } else behind ||= o.stale || o.backlog.length > 0;
        continue;
      }
      // The state first: a replica's trace listeners then read the state the entries led to.
      if (changed || o.stale) {
        const text = o.deltas ? forDeltas(o) : state();
        if (text !== undefined) o.target.send(text);
      }
      o.stale = false;
      if (o.backlog.length > 0) {
        o.backlog.push(...entries);
        o.target.send(JSON.stringify({ t: "trace", entries: o.backlog }));
        o.backlog = [];
      } else if (traceText) o.target.send(traceText);
    }
    if (behind) schedule(CATCH_UP_MS);
  }

  return {
    add(target, options = {}) {
      flush();
      listen();
      // Observing again (a replica that lost track of its state) keeps the entries it has not read.
      const backlog = observers.get(target.id)?.backlog ?? [];
      const deltas = options.deltas === true;
      observers.set(target.id, { target, backlog, stale: false, deltas });
      const m = meeting();
      if (!deltas) return { state: meetingSnapshot(m, holders()), trace: m.trace.entries() };
      // The version the view starts from; when it is not the one other views show (a change no
      // flush sent), they get the whole state next.
      const before = version;
      const texts = current();
      sent = texts;
      if (version !== before) {
        for (const o of observers.values()) if (o.target.id !== target.id) o.stale ||= o.deltas;
        mark();
      }
      return { state: meetingSnapshot(m, holders()), trace: m.trace.entries(), seq: version };
    },
    remove(viewId) {
      observers.delete(viewId);
      if (observers.size === 0) stop();
    },
    touch() {
      if (observers.size > 0) mark();
    },
    flush,
    reset() {
      stop();
      if (observers.size === 0) return;
      listen();
      batch = meeting().trace.entries();
      for (const o of observers.values()) o.backlog = [];
      dirty = true;
      flush();
    },
  };
}
