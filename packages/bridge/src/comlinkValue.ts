/**
 * A value as comlink puts it on the wire (`toWireValue` / `fromWireValue`): `RAW`, or the
 * serialisation of the first transfer handler that takes it. The app's arguments and the
 * host's answers both go through here, so both sides read and write what comlink would.
 *
 * @module
 */
import { transferHandlers } from "comlink";

/** A comlink wire value: `RAW`, or a named transfer handler's serialisation. */
export type WireValue =
  | { type: "RAW"; value: unknown }
  | { type: "HANDLER"; name: string; value: unknown };

/**
 * The name and handler of the first comlink transfer handler that takes `value`, or
 * `undefined` when comlink would send it `RAW`.
 */
export function wireHandler(
  value: unknown,
): [string, { serialize(value: unknown): [unknown, Transferable[]] }] | undefined {
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    for (const entry of transferHandlers) if (entry[1].canHandle(value)) return entry;
  }
  return undefined;
}

/** A value as comlink would send it; ports to transfer are pushed to `transfer`. */
export function toWire(value: unknown, transfer: Transferable[]): WireValue {
  const handler = wireHandler(value);
  if (handler === undefined) return { type: "RAW", value };
  const [serialized, transferables] = handler[1].serialize(value);
  transfer.push(...transferables);
  return { type: "HANDLER", name: handler[0], value: serialized };
}

/** The value of a comlink answer; throws what the host threw (comlink's `throw` handler). */
export function fromWire(msg: { type?: unknown; name?: unknown; value?: unknown }): unknown {
  if (msg.type === "RAW") return msg.value;
  const handler = msg.type === "HANDLER" ? transferHandlers.get(String(msg.name)) : undefined;
  if (!handler) throw new Error(`the host answered with an unknown value (${String(msg.type)})`);
  return handler.deserialize(msg.value);
}
