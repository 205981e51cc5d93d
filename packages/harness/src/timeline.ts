/**
 * The timeline: the simulator's trace and each frame's bridge trace merged, in the order the page
 * saw them, attributed to participants. Pure data functions (merge, filter, export, load).
 *
 * @module
 */
import { type BridgeTraceEntry, traceData } from "@yiqi/bridge";
import { type SpecRef, TRACE_TRUNCATED, type TraceEntry } from "@yiqi/mock-host";

/** Where an entry comes from: the simulator, or the bridge wire of one frame. */
export type TimelineSource = "meeting" | "bridge";

/** One line of the timeline. */
export interface TimelineEntry {
  /** 1-based order in the page. */
  seq: number;
  /** Wall-clock ms. */
  t: number;
  source: TimelineSource;
  /** `call`, `result`, `error`, `event`, `state`, or a bridge kind (`handshake`, `close`, ...). */
  kind: string;
  participantId?: string;
  instanceId?: string;
  /** Call, event or state-change name. */
  name: string;
  data: unknown;
  spec?: SpecRef;
  durationMs?: number;
}

/** The file format of an exported timeline. */
export interface TimelineFile {
  format: "yiqi-timeline";
  version: 1;
  exportedAt: string;
  /** The harness link that reproduces the meeting. */
  link?: string;
  participants: { id: string; nickname: string }[];
  entries: TimelineEntry[];
}

/** The filter of the timeline view. */
export interface TimelineFilter {
  /** Participant ids to show (empty: all). */
  participants: readonly string[];
  /** Kinds to show (empty: all). */
  kinds: readonly string[];
  /** Include bridge wire entries (default: only the simulator's). */
  bridge: boolean;
  /** Case-insensitive substring of the name. */
  text: string;
}

/** Filter that shows everything from the simulator. */
export const ALL: TimelineFilter = Object.freeze({
  participants: [],
  kinds: [],
  bridge: false,
  text: "",
});

/** Timeline entries the harness keeps by default (the newest; older ones are dropped). */
export const DEFAULT_TIMELINE_LIMIT = 10_000;

/** The name of the entry that stands for dropped entries (as in the simulator's trace). */
export const TIMELINE_TRUNCATED: string = TRACE_TRUNCATED;

/** True for the marker entry that stands for dropped entries. */
export const isTruncationMarker = (e: TimelineEntry): boolean =>
  e.kind === "state" && e.name === TIMELINE_TRUNCATED;

/**
 * The entry that stands for `dropped` earlier entries: `seq` is the number dropped (the kept
 * entries keep theirs), `t` the time of the last one dropped.
 */
export function truncationMarker(dropped: number, limit: number, t: number): TimelineEntry {
  return {
    seq: dropped,
    t,
    source: "meeting",
    kind: "state",
    name: TIMELINE_TRUNCATED,
    data: {
      dropped,
      maxEntries: limit,
      message: `trace truncated: ${dropped} earlier entries dropped (the timeline keeps the newest ${limit})`,
    },
  };
}

/**
 * The timeline of the page: the newest `limit` entries, and a count of those dropped.
 * `push` is O(1) (engines trim the front of an array in place on `shift`).
 */
export class BoundedTimeline {
  /** The kept entries, oldest first (no marker). */
  readonly kept: TimelineEntry[] = [];
  /** Entries dropped so far. */
  dropped = 0;
  private lastDroppedT = 0;

  constructor(readonly limit: number = DEFAULT_TIMELINE_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`the timeline limit must be a positive integer, got ${limit}`);
  }

  /** Appends `entry`, dropping the oldest kept entry past the limit. */
  push(entry: TimelineEntry): void {
    this.kept.push(entry);
    if (this.kept.length > this.limit) {
      this.lastDroppedT = (this.kept.shift() as TimelineEntry).t;
      this.dropped++;
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.kept.length = 0;
    this.dropped = 0;
    this.lastDroppedT = 0;
  }

  /** The marker entry, or null when nothing was dropped. */
  marker(): TimelineEntry | null {
    return this.dropped > 0 ? truncationMarker(this.dropped, this.limit, this.lastDroppedT) : null;
  }

  /** The entries with the marker first when some were dropped (what exports write). */
  entries(): TimelineEntry[] {
    const m = this.marker();
    return m ? [m, ...this.kept] : [...this.kept];
  }
}

/** The kinds the filter offers. */
export const KINDS = ["call", "result", "error", "event", "state", "handshake", "close"] as const;

/** A simulator trace entry as a timeline entry. */
export function fromMeeting(e: TraceEntry, seq: number): TimelineEntry {
  const out: TimelineEntry = {
    seq,
    t: e.t,
    source: "meeting",
    kind: e.kind,
    name: e.name,
    data: e.data,
    spec: e.spec,
  };
  if (e.participantId) out.participantId = e.participantId;
  if (e.instanceId) out.instanceId = e.instanceId;
  if (e.durationMs !== undefined) out.durationMs = e.durationMs;
  return out;
}

/** Host method names of the wire (`collaborationStart`) to their SPEC section. */
function specOfMethod(method: string | undefined): SpecRef | undefined {
  if (!method) return undefined;
  if (/^collaboration(Start|End|Join|Leave)$/.test(method)) return "A3";
  if (method.startsWith("collaboration") || method === "appGetRunningContext") return "A2";
  if (method === "getEnvironment") return "A1";
  return "A4";
}

/** A bridge trace entry of participant `participantId`'s frame as a timeline entry. */
export function fromBridge(e: BridgeTraceEntry, participantId: string, seq: number): TimelineEntry {
  const name = e.method ?? e.event ?? e.kind;
  const data =
    e.error ?? e.args ?? e.value ?? e.payload ?? (e.origin ? { origin: e.origin } : null);
  const out: TimelineEntry = {
    seq,
    t: e.t,
    source: "bridge",
    kind: e.kind,
    participantId,
    name,
    // A bounded copy: the wire's data passed the bridge's size guard, but the timeline keeps
    // thousands of entries and must never walk or copy more than it shows.
    data: traceData(data),
  };
  const spec = e.kind === "handshake" || e.kind === "rejected" ? "A1" : specOfMethod(e.method);
  if (spec) out.spec = spec;
  if (e.durationMs !== undefined) out.durationMs = e.durationMs;
  return out;
}

/** Whether `e` passes `filter`. */
export function matches(e: TimelineEntry, filter: TimelineFilter): boolean {
  if (isTruncationMarker(e)) return true; // always say that earlier entries are missing
  if (!filter.bridge && e.source === "bridge") return false;
  if (filter.participants.length > 0) {
    if (!e.participantId || !filter.participants.includes(e.participantId)) return false;
  }
  if (filter.kinds.length > 0 && !filter.kinds.includes(e.kind)) return false;
  if (filter.text && !e.name.toLowerCase().includes(filter.text.toLowerCase())) return false;
  return true;
}

/**
 * The last `limit` entries passing `filter` (newest last), scanning from the end so a long
 * timeline costs only what is shown.
 */
export function visibleEntries(
  entries: readonly TimelineEntry[],
  filter: TimelineFilter,
  limit: number,
): { shown: TimelineEntry[]; truncated: boolean } {
  const shown: TimelineEntry[] = [];
  let i = entries.length - 1;
  for (; i >= 0 && shown.length < limit; i--) {
    const e = entries[i] as TimelineEntry;
    if (matches(e, filter)) shown.push(e);
  }
  let truncated = false;
  for (; i >= 0; i--) {
    if (matches(entries[i] as TimelineEntry, filter)) {
      truncated = true;
      break;
    }
  }
  return { shown: shown.reverse(), truncated };
}

/** Builds the export file. */
export function toTimelineFile(
  entries: readonly TimelineEntry[],
  participants: { id: string; nickname: string }[],
  link?: string,
  now: Date = new Date(),
): TimelineFile {
  return {
    format: "yiqi-timeline",
    version: 1,
    exportedAt: now.toISOString(),
    ...(link ? { link } : {}),
    participants,
    entries: [...entries],
  };
}

/** Why a loaded file was refused. */
export class TimelineFileError extends Error {
  override readonly name = "TimelineFileError";
}

function isEntryLike(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === "object" &&
    v !== null &&
    typeof (v as Record<string, unknown>).kind === "string" &&
    typeof (v as Record<string, unknown>).name === "string"
  );
}

/**
 * Reads an exported timeline, or a raw simulator trace (`JSON.stringify(meeting.trace)`: an
 * array of trace entries).
 *
 * @throws {TimelineFileError} when the text is not JSON or not a timeline.
 */
export function parseTimelineFile(text: string): TimelineFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TimelineFileError(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const raw = Array.isArray(data)
    ? data
    : typeof data === "object" && data !== null && Array.isArray((data as TimelineFile).entries)
      ? (data as TimelineFile).entries
      : null;
  if (!raw) {
    throw new TimelineFileError(
      'expected an exported timeline ({ format: "yiqi-timeline", entries }) or an array of trace entries',
    );
  }
  const entries = raw.map((v, i): TimelineEntry => {
    if (!isEntryLike(v)) {
      throw new TimelineFileError(`entry ${i + 1} has no string "kind" and "name"`);
    }
    const e: TimelineEntry = {
      seq: typeof v.seq === "number" ? v.seq : i + 1,
      t: typeof v.t === "number" ? v.t : 0,
      source: v.source === "bridge" ? "bridge" : "meeting",
      kind: v.kind as string,
      name: v.name as string,
      data: v.data ?? null,
    };
    if (typeof v.participantId === "string") e.participantId = v.participantId;
    if (typeof v.instanceId === "string") e.instanceId = v.instanceId;
    if (typeof v.spec === "string") e.spec = v.spec as SpecRef;
    if (typeof v.durationMs === "number") e.durationMs = v.durationMs;
    return e;
  });
  const participants =
    !Array.isArray(data) && Array.isArray((data as TimelineFile).participants)
      ? (data as TimelineFile).participants
      : [
          ...new Set(
            entries.map((e) => e.participantId).filter((x): x is string => x !== undefined),
          ),
        ].map((id) => ({ id, nickname: id }));
  const link =
    !Array.isArray(data) && typeof (data as TimelineFile).link === "string"
      ? (data as TimelineFile).link
      : undefined;
  return {
    format: "yiqi-timeline",
    version: 1,
    exportedAt: Array.isArray(data) ? "" : String((data as TimelineFile).exportedAt ?? ""),
    ...(link ? { link } : {}),
    participants,
    entries,
  };
}
