/**
 * A bounded estimate of a structured-clone value's size, used to refuse oversized messages
 * cheaply: it stops walking as soon as the limit is passed, and treats very deep nesting as
 * oversized.
 *
 * @module
 */

const MAX_DEPTH = 64;

/** True when `value` is estimated to exceed `limit` bytes (or nests deeper than 64 levels). */
export function exceedsSize(value: unknown, limit: number): boolean {
  let total = 0;
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    switch (typeof v) {
      case "string":
        total += v.length * 2;
        break;
      case "object": {
        if (v === null) {
          total += 8;
          break;
        }
        if (seen.has(v)) break;
        seen.add(v);
        if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) {
          total += v.byteLength;
          break;
        }
        if (v instanceof MessagePort) {
          total += 8;
          break;
        }
        const entries =
          v instanceof Map ? [...v.entries()].flat() : v instanceof Set ? [...v] : null;
        if (entries) {
          for (const e of entries) if (walk(e, depth + 1)) return true;
          break;
        }
        for (const key of Object.keys(v)) {
          total += key.length * 2;
          if (total > limit) return true;
          if (walk((v as Record<string, unknown>)[key], depth + 1)) return true;
        }
        break;
      }
      default:
        total += 8;
    }
    return total > limit;
  };
  return walk(value, 0);
}
