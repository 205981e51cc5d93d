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
 * @module
 */

/** Nesting deeper than this is refused. */
export const MAX_DEPTH = 64;
/** Values (slots, properties, entries) walked at most; a message with more is refused. */
export const MAX_NODES: number = 1 << 20;

/** The bytes every slot, property value and primitive counts for at least. */
const SLOT_BYTES = 8;

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
  let total = 0;
  let nodes = 0;
  let reason: string | undefined;
  const ancestors = new Set<object>();
  const over = (why: string): true => {
    reason = why;
    return true;
  };
  const add = (bytes: number, why: () => string): boolean => {
    total += bytes;
    return total > limit ? over(why()) : false;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return over(`nesting deeper than ${MAX_DEPTH} levels`);
    if (++nodes > MAX_NODES) return over(`more than ${MAX_NODES} values`);
    if (typeof v === "string") return add(v.length * 2 + SLOT_BYTES, () => "its strings");
    if (typeof v !== "object" || v === null) return add(SLOT_BYTES, () => "its values");
    // A structured clone may carry cycles: a value already on the path costs a reference only.
    if (ancestors.has(v)) return add(SLOT_BYTES, () => "its values");
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer)
      return add(v.byteLength + SLOT_BYTES, () => `a binary value of ${v.byteLength} bytes`);
    if (typeof Blob !== "undefined" && v instanceof Blob)
      return add(v.size + SLOT_BYTES, () => `a Blob of ${v.size} bytes`);
    if (typeof MessagePort !== "undefined" && v instanceof MessagePort)
      return add(SLOT_BYTES, () => "its values");
    ancestors.add(v);
    const done = Array.isArray(v)
      ? walkArray(v, depth)
      : v instanceof Map || v instanceof Set
        ? walkCollection(v, depth)
        : walkObject(v as Record<string, unknown>, depth, false);
    ancestors.delete(v);
    return done;
  };
  const walkArray = (a: unknown[], depth: number): boolean => {
    const n = a.length;
    // Counted by length, not by keys: consumers (map, JSON, spreading) pay for every slot.
    if (add(SLOT_BYTES, () => "its values") || total + n * SLOT_BYTES > limit)
      return over(`an array of length ${n}`);
    if (n > MAX_NODES) return over(`an array of length ${n}`);
    for (let i = 0; i < n; i++) if (walk(a[i], depth + 1)) return true;
    // Named (non-index) properties travel with the array too.
    return walkObject(a as unknown as Record<string, unknown>, depth, true);
  };
  const walkCollection = (c: Map<unknown, unknown> | Set<unknown>, depth: number): boolean => {
    const kind = c instanceof Map ? "a Map" : "a Set";
    if (total + c.size * SLOT_BYTES > limit || c.size > MAX_NODES)
      return over(`${kind} of ${c.size} entries`);
    if (c instanceof Map) {
      for (const [k, val] of c) if (walk(k, depth + 1) || walk(val, depth + 1)) return true;
    } else {
      for (const item of c) if (walk(item, depth + 1)) return true;
    }
    return add(SLOT_BYTES, () => `${kind} of ${c.size} entries`);
  };
  const walkObject = (o: Record<string, unknown>, depth: number, skipIndices: boolean): boolean => {
    if (!skipIndices && add(SLOT_BYTES, () => "its values")) return true;
    // for-in stops early; Object.keys would list every key of a huge object first.
    for (const key in o) {
      if (!Object.hasOwn(o, key)) continue;
      if (skipIndices && isIndex(key)) continue;
      if (++nodes > MAX_NODES) return over(`more than ${MAX_NODES} values`);
      if (add(key.length * 2, () => "its property names")) return true;
      if (walk(o[key], depth + 1)) return true;
    }
    return false;
  };
  walk(value, 0);
  return reason;
}

const isIndex = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && String(Number(key) >>> 0) === key;
};

/** True when `value` is estimated to exceed `limit` bytes (see {@link oversizeReason}). */
export function exceedsSize(value: unknown, limit: number): boolean {
  return oversizeReason(value, limit) !== undefined;
}
