/**
 * The device's bytes: how the emulated Rooms serialises answers and events.
 *
 * `device` (default) prints what Tencent's examples and the drivers written against real devices
 * expect: keys in the examples' order (`jsonrpc, method, id, result`; events `jsonrpc, method,
 * params`; `error_code` first inside `result`) and Python-json separators `", "` and `": "`.
 * `compact` keeps the same key order without spaces. Decision
 * `docs/decisions/0207-rooms-device-bytes.md`.
 *
 * @module
 */
import type { RoomsId, RoomsResult } from "@yiqi/rooms-rpc";

/** How the device prints its frames: `device` (Tencent's bytes) or `compact`. */
export type RoomsWire = "device" | "compact";

/**
 * Serialises `value` as JSON with `", "` and `": "` separators (Python's `json.dumps`
 * defaults), keeping the key order of each object; non-ASCII stays UTF-8, as the examples print
 * it (`"成功"`).
 *
 * @example
 * ```ts
 * stringifyDevice({ a: 1, b: [true, "x"] }); // '{"a": 1, "b": [true, "x"]}'
 * ```
 */
export function stringifyDevice(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) {
          const v = value[i];
          out += (i === 0 ? "" : ", ") + (isSkipped(v) ? "null" : stringifyDevice(v));
        }
        return `${out}]`;
      }
      let out = "{";
      let first = true;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const v = (value as Record<string, unknown>)[key];
        if (isSkipped(v)) continue;
        out += `${first ? "" : ", "}${JSON.stringify(key)}: ${stringifyDevice(v)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return "null";
  }
}

const isSkipped = (v: unknown): boolean =>
  v === undefined || typeof v === "function" || typeof v === "symbol";

const print = (wire: RoomsWire, value: unknown): string =>
  wire === "device" ? stringifyDevice(value) : JSON.stringify(value);

/**
 * An answer frame: `{"jsonrpc": "2.0", "method": …, "id": …, "result": {…}}`.
 *
 * @example
 * ```ts
 * responseFrame("device", "x", "Query", { error_code: 0, message: "" });
 * // '{"jsonrpc": "2.0", "method": "Query", "id": "x", "result": {"error_code": 0, "message": ""}}'
 * ```
 */
export function responseFrame(
  wire: RoomsWire,
  id: RoomsId,
  method: string,
  result: RoomsResult,
): string {
  return print(wire, { jsonrpc: "2.0", method, id, result });
}

/** An event frame: `{"jsonrpc": "2.0", "method": "Event/<Module>", "params": {"sub_event": …}}`. */
export function eventFrame(
  wire: RoomsWire,
  module: string,
  subEvent: string,
  payload: Record<string, unknown>,
): string {
  return print(wire, {
    jsonrpc: "2.0",
    method: `Event/${module}`,
    params: { sub_event: subEvent, ...payload },
  });
}

/** A JSON-RPC `error` frame (input that is not JSON-RPC at all): `jsonrpc, id, error`. */
export function errorFrame(
  wire: RoomsWire,
  id: RoomsId | null,
  code: number,
  message: string,
): string {
  return print(wire, { jsonrpc: "2.0", id, error: { code, message } });
}

/**
 * The in-band result with keys in the examples' order: `error_code`, then `action` (calls),
 * `message`, then `data`.
 */
export function orderedResult(
  error_code: number,
  message: string,
  data: unknown,
  action?: string,
): RoomsResult {
  const r: RoomsResult =
    action === undefined ? { error_code, message } : { error_code, action, message };
  if (data !== undefined) r.data = data;
  return r;
}
