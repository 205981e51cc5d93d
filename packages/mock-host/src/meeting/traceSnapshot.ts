/**
 * The copy a trace entry keeps of its `data`: exactly `traceData(data, { maxDepth: 9 })`
 * (decision 0108's bounds), with a shortcut for what almost every call carries (nothing, a
 * primitive, or a small flat plain object of primitives), which skips the general walk's set
 * and closures. The shortcut returns only when nothing could be cut; anything else (nesting,
 * arrays, Maps, class instances, non-finite numbers, long strings) takes the general walk.
 * The copy is taken when the entry is recorded, so what the trace says does not change if the
 * app or a handler mutates the object later. Internal.
 *
 * @module
 */
import { traceData } from "@yiqi/bridge";

/** `traceData`'s default character budget; the shortcut stays well inside it. */
const MAX_CHARS = 8192;
/** Keys the shortcut copies (`traceData` keeps 200 per object). */
const MAX_FLAT_KEYS = 64;

/** The general walk, as the trace has always used it. */
const walk = (data: unknown): unknown => traceData(data, { maxDepth: 9 });

/** A flat plain object of primitives, copied as `traceData` would; `undefined` = use the walk. */
function flatCopy(o: object): Record<string, unknown> | undefined {
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) return undefined;
  const out: Record<string, unknown> = {};
  // The object itself costs one unit of the budget, as in traceData.
  let chars = MAX_CHARS - 1;
  let n = 0;
  for (const key in o) {
    if (!Object.hasOwn(o, key)) continue;
    if (++n > MAX_FLAT_KEYS) return undefined;
    const v = (o as Record<string, unknown>)[key];
    chars -= key.length;
    switch (typeof v) {
      case "string":
        chars -= v.length;
        out[key] = v;
        break;
      case "number":
        if (!Number.isFinite(v)) return undefined;
        chars--;
        out[key] = v;
        break;
      case "boolean":
        chars--;
        out[key] = v;
        break;
      case "undefined":
      case "function":
      case "symbol":
        // Dropped, as traceData drops them.
        chars--;
        break;
      default:
        if (v !== null) return undefined;
        chars--;
        out[key] = null;
    }
    // Leave a margin: near the budget the walk decides what gets cut.
    if (chars < 256) return undefined;
  }
  return out;
}

/** What the trace records as an entry's `data`: `traceData(data, { maxDepth: 9 })`. */
export function snapshot(data: unknown): unknown {
  switch (typeof data) {
    case "undefined":
      return null;
    case "boolean":
      return data;
    case "number":
      return Number.isFinite(data) ? data : walk(data);
    case "string":
      return data.length < MAX_CHARS - 256 ? data : walk(data);
    case "object":
      if (data === null) return null;
      return flatCopy(data) ?? walk(data);
    default:
      return walk(data);
  }
}
