/**
 * JSON-RPC 2.0 envelope validation for the emulated Rooms device.
 *
 * Emulator decision (SPEC B1): the device reports errors in band, but input that is not JSON-RPC
 * at all gets a JSON-RPC `error` with the standard codes -32700 (parse error) and -32600
 * (invalid request).
 *
 * @module
 */
import type { RoomsId, RoomsJsonRpcError } from "@yiqi/rooms-rpc";

/** A frame that passed envelope validation. */
export interface ValidRequest {
  /** Absent for a notification (no `id` member): it gets no answer (JSON-RPC 2.0 §4.1). */
  id?: RoomsId;
  method: string;
  params: Record<string, unknown>;
}

/** The outcome of {@link parseEnvelope}: a request, or the JSON-RPC error to answer with. */
export type EnvelopeResult =
  | { ok: true; request: ValidRequest }
  | { ok: false; error: RoomsJsonRpcError };

const fail = (id: RoomsId | null, code: number, message: string): EnvelopeResult => ({
  ok: false,
  error: { jsonrpc: "2.0", id, error: { code, message } },
});

const isId = (v: unknown): v is RoomsId =>
  (typeof v === "string" && v.length > 0) || (typeof v === "number" && Number.isFinite(v));

/**
 * Parses one text frame. Batches, a present but invalid `id` (null, empty, not a string or
 * number), non-object params and a `jsonrpc` other than `"2.0"` are invalid requests. A request
 * without an `id` member is a notification: valid, and never answered.
 *
 * @example
 * ```ts
 * parseEnvelope("{"); // { ok: false, error: { ..., error: { code: -32700, ... } } }
 * ```
 */
export function parseEnvelope(text: string): EnvelopeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(null, -32700, `Parse error: the frame is not valid JSON (${(e as Error).message})`);
  }
  if (Array.isArray(value))
    return fail(
      null,
      -32600,
      "Invalid Request: batches are not supported; send one object per frame",
    );
  if (typeof value !== "object" || value === null)
    return fail(null, -32600, "Invalid Request: a request must be a JSON object");
  const v = value as Record<string, unknown>;
  const id = isId(v.id) ? v.id : null;
  if (v.jsonrpc !== "2.0") return fail(id, -32600, 'Invalid Request: "jsonrpc" must be "2.0"');
  const notification = !Object.hasOwn(v, "id");
  if (id === null && !notification)
    return fail(null, -32600, 'Invalid Request: "id" must be a non-empty string or a number');
  if (typeof v.method !== "string" || v.method.length === 0)
    return fail(id, -32600, 'Invalid Request: "method" must be a non-empty string');
  if (
    v.params !== undefined &&
    (typeof v.params !== "object" || v.params === null || Array.isArray(v.params))
  )
    return fail(id, -32600, 'Invalid Request: "params" must be an object');
  const params = (v.params ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    request: id === null ? { method: v.method, params } : { id, method: v.method, params },
  };
}
