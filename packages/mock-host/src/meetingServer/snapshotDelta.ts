/**
 * The server side of state deltas (docs/decisions/0040-meeting-state-deltas.md): a snapshot as
 * the JSON text of each part (each top-level value, each item of the three lists by its id), the
 * whole-state frame assembled from those texts (the same text `JSON.stringify` writes), and the
 * `delta` frame from one version to the next: the top-level values whose text changed, and per
 * list the items whose text changed or that are new (`upsert`) and the ids that went (`remove`).
 * Stringifying is O(N) per change; what a view is sent and parses is O(what changed).
 * Web-standard.
 *
 * @module
 */
import type { MeetingSnapshot } from "./snapshot.ts";

/** A list a delta carries item by item. */
export type DeltaList = Extract<keyof MeetingSnapshot, "participants" | "views" | "instances">;

/** The lists a delta carries item by item, each with the field that identifies an item. */
export const DELTA_LISTS: Readonly<Record<DeltaList, string>> = {
  participants: "id",
  views: "participantId",
  instances: "id",
};

/** A top-level value a delta replaces whole (`set`): every key of the snapshot but the lists. */
export type DeltaValue = Exclude<keyof MeetingSnapshot, DeltaList>;

/** The top-level values a delta replaces whole, in the snapshot's order. */
export const DELTA_VALUES: readonly DeltaValue[] = [
  "meetingId",
  "app",
  "meetingInfo",
  "decisions",
  "session",
  "holders",
];

/** One list's change: items to replace in place or append (in order), ids to take out. */
export interface ListDelta<T> {
  upsert?: T[];
  remove?: string[];
}

/** The `delta` frame: from version `base` (what the view shows) to version `seq`. */
export interface MeetingDeltaFrame {
  t: "delta";
  base: number;
  seq: number;
  set?: Partial<Pick<MeetingSnapshot, DeltaValue>>;
  participants?: ListDelta<MeetingSnapshot["participants"][number]>;
  views?: ListDelta<MeetingSnapshot["views"][number]>;
  instances?: ListDelta<MeetingSnapshot["instances"][number]>;
}

interface ListTexts {
  ids: string[];
  texts: Map<string, string>;
}

/** A snapshot as text, part by part (in the snapshot's key order). */
export interface SnapshotTexts {
  /** Top-level key → the JSON text of its value (lists: the whole list's text). */
  readonly parts: ReadonlyMap<string, string>;
  readonly lists: Readonly<Record<DeltaList, ListTexts>>;
}

const isList = (key: string): key is DeltaList => Object.hasOwn(DELTA_LISTS, key);

/** `null` when two items share an id (a delta could not name them; send the whole state). */
function listTexts(items: readonly Record<string, unknown>[], idField: string): ListTexts | null {
  const ids: string[] = [];
  const texts = new Map<string, string>();
  for (const item of items) {
    const id = item[idField];
    if (typeof id !== "string" || texts.has(id)) return null;
    ids.push(id);
    texts.set(id, JSON.stringify(item));
  }
  return { ids, texts };
}

/**
 * The texts of `snapshot`; `null` when a list cannot be carried item by item (an item without
 * its id, two with one id): such a snapshot goes whole.
 */
export function snapshotTexts(snapshot: MeetingSnapshot): SnapshotTexts | null {
  const parts = new Map<string, string>();
  const lists = {} as Record<DeltaList, ListTexts>;
  for (const [key, value] of Object.entries(snapshot)) {
    if (isList(key)) {
      const list = listTexts(value as Record<string, unknown>[], DELTA_LISTS[key]);
      if (!list) return null;
      lists[key] = list;
      parts.set(key, `[${list.ids.map((id) => list.texts.get(id)).join(",")}]`);
    } else {
      const text = JSON.stringify(value);
      if (text !== undefined) parts.set(key, text);
    }
  }
  return { parts, lists };
}

/**
 * The whole `state` frame's text, as `JSON.stringify({ t: "state", state, seq })` writes it
 * (`seq` only for views that take deltas: others get exactly the protocol-2 frame).
 */
export function stateFrameText(texts: SnapshotTexts, seq?: number): string {
  const body = [...texts.parts].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",");
  return `{"t":"state","state":{${body}}${seq === undefined ? "" : `,"seq":${seq}`}}`;
}

/** One list's delta text (`undefined`: unchanged), or `null` when its order would not follow. */
function listDelta(prev: ListTexts, next: ListTexts): string | undefined | null {
  const removed = prev.ids.filter((id) => !next.texts.has(id));
  const upserts = next.ids.filter((id) => prev.texts.get(id) !== next.texts.get(id));
  // The replica keeps the items that stay in their order and appends new ones: the server's
  // order must be exactly that (else the whole state goes).
  const kept = prev.ids.filter((id) => next.texts.has(id));
  const added = next.ids.filter((id) => !prev.texts.has(id));
  if (kept.length + added.length !== next.ids.length) return null;
  for (let i = 0; i < next.ids.length; i++)
    if ((i < kept.length ? kept[i] : added[i - kept.length]) !== next.ids[i]) return null;
  if (removed.length === 0 && upserts.length === 0) return undefined;
  const fields: string[] = [];
  if (upserts.length > 0)
    fields.push(`"upsert":[${upserts.map((id) => next.texts.get(id)).join(",")}]`);
  if (removed.length > 0) fields.push(`"remove":${JSON.stringify(removed)}`);
  return `{${fields.join(",")}}`;
}

/**
 * The `delta` frame's text from `prev` (version `base`) to `next` (version `base + 1`); `null`
 * when it cannot say it (a list reordered, a key came or went): send the whole state instead.
 */
export function deltaFrameText(
  prev: SnapshotTexts,
  next: SnapshotTexts,
  base: number,
): string | null {
  const prevKeys = [...prev.parts.keys()];
  const nextKeys = [...next.parts.keys()];
  if (prevKeys.length !== nextKeys.length || prevKeys.some((k, i) => nextKeys[i] !== k))
    return null;
  const set: string[] = [];
  const lists: string[] = [];
  for (const key of nextKeys) {
    if (isList(key)) {
      const d = listDelta(prev.lists[key], next.lists[key]);
      if (d === null) return null;
      if (d !== undefined) lists.push(`${JSON.stringify(key)}:${d}`);
    } else if (!(DELTA_VALUES as readonly string[]).includes(key)) return null;
    else if (prev.parts.get(key) !== next.parts.get(key))
      set.push(`${JSON.stringify(key)}:${next.parts.get(key)}`);
  }
  const fields = [`"t":"delta"`, `"base":${base}`, `"seq":${base + 1}`];
  if (set.length > 0) fields.push(`"set":{${set.join(",")}}`);
  return `{${[...fields, ...lists].join(",")}}`;
}

/** Whether two snapshots' texts are the same state. */
export function sameTexts(a: SnapshotTexts, b: SnapshotTexts): boolean {
  if (a.parts.size !== b.parts.size) return false;
  for (const [k, v] of a.parts) if (b.parts.get(k) !== v) return false;
  return true;
}
