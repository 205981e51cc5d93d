/**
 * A bounded estimate of a structured-clone value's size, used to refuse oversized messages
 * cheaply, before anything else (comlink, the trace, the host's methods) touches them.
 *
 * The estimate never materialises anything the sender controls: an array counts by its
 * `length` (every slot, holes included, costs at least 8 bytes), so a sparse array whose
 * `length` is 1e8 is refused at once instead of being walked, copied or JSON-encoded later;
 * Maps and Sets are iterated lazily; the walk stops as soon as the limit is passed, and also
 * stops at 64 levels of nesting and at 2^20 values in total.
 *
 * It runs on every inbound call, so the walk allocates nothing per value: one state record per
 * measurement, plain functions (no closures), and the reason text only once a limit is passed.
 *
 * @module
 */

/** Nesting deeper than this is refused. */
export const MAX_DEPTH = 64;
/** Values (slots, properties, entries) walked at most; a message with more is refused. */
export const MAX_NODES: number = 1 << 20;

/** The bytes every slot, property value and primitive counts for at least. */
const SLOT_BYTES = 8;

/** One measurement in progress. */
interface Measure {
  limit: number;
  total: number;
  nodes: number;
  /** Why the walk stopped (set once, when a limit is passed). */
  reason: string | undefined;
  /** The outermost object (the message itself), on every path. */
  root: object | undefined;
  /**
   * The other objects on the current path (a structured clone may carry cycles); made when the
   * first nested object is met, so a flat message allocates none.
   */
  ancestors: Set<object> | undefined;
}

/**
 * Why `value` is estimated to exceed `limit` bytes, or `undefined` when it fits. The reason is
 * a short phrase for an error message (e.g. `"an array of length 100000000"`).
 *
 * @example
 * ```ts
 * const sparse: unknown[] = []; sparse.length = 1e8;
 * oversizeReason(sparse, 1024 * 1024); // "an array of length 100000000"
 * ```
 */
export function oversizeReason(value: unknown, limit: number): string | undefined {
  const m: Measure = {
    limit,
    total: 0,
    nodes: 0,
    reason: undefined,
    root: undefined,
    ancestors: undefined,
  };
  walk(m, value, 0);
  return m.reason;
}

/** True when `value` is estimated to exceed `limit` bytes (see {@link oversizeReason}). */
export function exceedsSize(value: unknown, limit: number): boolean {
  return oversizeReason(value, limit) !== undefined;
}

const over = (m: Measure, why: string): true => {
  m.reason = why;
  return true;
};

/** Adds `bytes`; true (with `why`) once the total passes the limit. */
const add = (m: Measure, bytes: number, why: string): boolean => {
  m.total += bytes;
  return m.total > m.limit ? over(m, why) : false;
};

/** Measures `v`; true as soon as a limit is passed (the reason is in `m`). */
function walk(m: Measure, v: unknown, depth: number): boolean {
  if (depth > MAX_DEPTH) return over(m, `nesting deeper than ${MAX_DEPTH} levels`);
  if (++m.nodes > MAX_NODES) return over(m, `more than ${MAX_NODES} values`);
  if (typeof v === "string") return add(m, v.length * 2 + SLOT_BYTES, "its strings");
  if (typeof v !== "object" || v === null) return add(m, SLOT_BYTES, "its values");
  // A value already on the path costs a reference only.
  if (v === m.root || m.ancestors?.has(v)) return add(m, SLOT_BYTES, "its values");
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
    m.total += v.byteLength + SLOT_BYTES;
    return m.total > m.limit && over(m, `a binary value of ${v.byteLength} bytes`);
  }
  if (typeof Blob !== "undefined" && v instanceof Blob) {
    m.total += v.size + SLOT_BYTES;
    return m.total > m.limit && over(m, `a Blob of ${v.size} bytes`);
  }
  if (typeof MessagePort !== "undefined" && v instanceof MessagePort)
    return add(m, SLOT_BYTES, "its values");
  const isRoot = m.root === undefined;
  if (isRoot) m.root = v;
  else {
    m.ancestors ??= new Set<object>();
    m.ancestors.add(v);
  }
  const done = Array.isArray(v)
    ? walkArray(m, v, depth)
    : v instanceof Map || v instanceof Set
      ? walkCollection(m, v, depth)
      : walkObject(m, v as Record<string, unknown>, depth, false);
  if (!isRoot) m.ancestors?.delete(v);
  return done;
}

function walkArray(m: Measure, a: readonly unknown[], depth: number): boolean {
  const n = a.length;
  // Counted by length, not by keys: consumers (map, JSON, spreading) pay for every slot.
  m.total += SLOT_BYTES;
  if (m.total > m.limit || m.total + n * SLOT_BYTES > m.limit || n > MAX_NODES)
    return over(m, `an array of length ${n}`);
  for (let i = 0; i < n; i++) if (walk(m, a[i], depth + 1)) return true;
  // Named (non-index) properties travel with the array too.
  return walkObject(m, a as unknown as Record<string, unknown>, depth, true);
}

function walkCollection(
  m: Measure,
  c: Map<unknown, unknown> | Set<unknown>,
  depth: number,
): boolean {
  const why = (): string => `${c instanceof Map ? "a Map" : "a Set"} of ${c.size} entries`;
  if (m.total + c.size * SLOT_BYTES > m.limit || c.size > MAX_NODES) return over(m, why());
  if (c instanceof Map) {
    for (const [k, val] of c) if (walk(m, k, depth + 1) || walk(m, val, depth + 1)) return true;
  } else {
    for (const item of c) if (walk(m, item, depth + 1)) return true;
  }
  m.total += SLOT_BYTES;
  return m.total > m.limit ? over(m, why()) : false;
}

function walkObject(
  m: Measure,
  o: Record<string, unknown>,
  depth: number,
  skipIndices: boolean,
): boolean {
  if (!skipIndices && add(m, SLOT_BYTES, "its values")) return true;
  // for-in stops early; Object.keys would list every key of a huge object first.
  for (const key in o) {
    if (!Object.hasOwn(o, key)) continue;
    if (skipIndices && isIndex(key)) continue;
    if (++m.nodes > MAX_NODES) return over(m, `more than ${MAX_NODES} values`);
    if (add(m, key.length * 2, "its property names")) return true;
    if (walk(m, o[key], depth + 1)) return true;
  }
  return false;
}

/** True for an array index key (`"0"` to `"4294967294"`, no leading zero), without allocating. */
const isIndex = (key: string): boolean => {
  const n = key.length;
  if (n === 0 || n > 10) return false;
  const first = key.charCodeAt(0);
  if (first === 48) return n === 1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    value = value * 10 + (c - 48);
  }
  return value < 4294967295;
};
