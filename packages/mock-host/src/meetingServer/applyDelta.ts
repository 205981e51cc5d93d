/**
 * The replica side of state deltas (docs/decisions/0040-meeting-state-deltas.md): checks a
 * `delta` frame and applies it to the state a view shows, with structural sharing (what the
 * delta does not name keeps its object identity, so a UI memoised on identity skips it). Never
 * trusts the frame: anything malformed, or a delta from a version the view does not show, is a
 * coded refusal and the state is left as it was. Web-standard.
 *
 * @module
 */
import { MeetingServerError } from "./protocol.ts";
import type { MeetingSnapshot } from "./snapshot.ts";
import { DELTA_LISTS, DELTA_VALUES, type DeltaList, type DeltaValue } from "./snapshotDelta.ts";

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isSeq = (v: unknown): v is number =>
  typeof v === "number" && Number.isSafeInteger(v) && v >= 0;

const bad = (message: string): MeetingServerError =>
  new MeetingServerError(
    "BAD_FRAME",
    `delta: ${message}; the view observes again; see docs/decisions/0040-meeting-state-deltas.md`,
  );

/** What each top-level value must be (a delta replaces it whole). */
const VALUE_CHECKS: Record<DeltaValue, (v: unknown) => boolean> = {
  meetingId: (v) => typeof v === "string",
  app: isRecord,
  meetingInfo: isRecord,
  decisions: isRecord,
  session: (v) => v === null || isRecord(v),
  holders: (v) => isRecord(v) && Object.values(v).every((s) => typeof s === "string"),
};

const FRAME_FIELDS = new Set(["t", "base", "seq", "set", ...Object.keys(DELTA_LISTS)]);

/** `list` after `change`: removals, then upserts in place or appended; unchanged items shared. */
function applyList<T>(name: DeltaList, list: readonly T[], change: unknown): T[] {
  if (!isRecord(change)) throw bad(`${name} must be an object ({ upsert?, remove? })`);
  const extra = Object.keys(change).filter((k) => k !== "upsert" && k !== "remove");
  if (extra.length > 0) throw bad(`${name}: unknown fields ${extra.join(", ")}`);
  const idField = DELTA_LISTS[name];
  const idOf = (item: T): string => (item as Record<string, unknown>)[idField] as string;
  const { upsert = [], remove = [] } = change;
  if (!Array.isArray(remove) || !remove.every((id) => typeof id === "string"))
    throw bad(`${name}.remove must be ids (strings)`);
  if (!Array.isArray(upsert) || !upsert.every((i) => isRecord(i) && typeof i[idField] === "string"))
    throw bad(`${name}.upsert must be objects with ${idField} (a string)`);
  const index = new Map(list.map((item, i) => [idOf(item), i]));
  for (const id of remove)
    if (!index.has(id)) throw bad(`${name}.remove names ${JSON.stringify(id)}, not in the state`);
  const gone = new Set<string>(remove);
  const out = list.filter((item) => !gone.has(idOf(item)));
  const at = new Map(out.map((item, i) => [idOf(item), i]));
  for (const item of upsert as T[]) {
    const i = at.get(idOf(item));
    if (i !== undefined) out[i] = item;
    else {
      at.set(idOf(item), out.length);
      out.push(item);
    }
  }
  return out;
}

/**
 * The state after `frame`, applied to `state` (version `seq`); `state` is not changed.
 *
 * @throws {MeetingServerError} `BAD_FRAME` when the frame is malformed (an unknown field, a
 *   value of the wrong shape, a removal of an item the state does not have) or applies to
 *   another version than `seq`.
 */
export function applyMeetingDelta(
  state: MeetingSnapshot,
  seq: number,
  frame: unknown,
): { state: MeetingSnapshot; seq: number } {
  if (!isRecord(frame) || frame.t !== "delta") throw bad("not a delta frame");
  const extra = Object.keys(frame).filter((k) => !FRAME_FIELDS.has(k));
  if (extra.length > 0) throw bad(`unknown fields ${extra.join(", ")}`);
  if (!isSeq(frame.base) || !isSeq(frame.seq) || frame.seq !== frame.base + 1)
    throw bad("base and seq must be whole numbers, seq = base + 1");
  if (frame.base !== seq) throw bad(`it applies to version ${frame.base}; the view shows ${seq}`);
  const next: Record<string, unknown> = { ...state };
  if (frame.set !== undefined) {
    if (!isRecord(frame.set)) throw bad("set must be an object");
    for (const [key, value] of Object.entries(frame.set)) {
      const check = (VALUE_CHECKS as Record<string, (v: unknown) => boolean>)[key];
      if (!Object.hasOwn(VALUE_CHECKS, key) || !check)
        throw bad(`set: unknown key ${JSON.stringify(key)}; known: ${DELTA_VALUES.join(", ")}`);
      if (!check(value)) throw bad(`set: ${key} has the wrong shape`);
      next[key] = value;
    }
  }
  for (const name of Object.keys(DELTA_LISTS) as DeltaList[])
    if (frame[name] !== undefined)
      next[name] = applyList(name, state[name] as readonly unknown[], frame[name]);
  return { state: next as unknown as MeetingSnapshot, seq: frame.seq };
}
