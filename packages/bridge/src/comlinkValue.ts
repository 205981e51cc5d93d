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

/** True when one of comlink's transfer handlers takes `value` (comlink would not send it `RAW`). */
export function needsHandler(value: unknown): boolean {
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return false;
  // values(): no [name, handler] pair per handler, on every answer's path.
  for (const handler of transferHandlers.values()) if (handler.canHandle(value)) return true;
  return false;
}

/** A value as comlink would send it; ports to transfer are pushed to `transfer`. */
export function toWire(value: unknown, transfer: Transferable[]): WireValue {
  if ((typeof value === "object" && value !== null) || typeof value === "function") {
    for (const [name, handler] of transferHandlers) {
      if (handler.canHandle(value)) {
        const [serialized, transferables] = handler.serialize(value);
        transfer.push(...transferables);
        return { type: "HANDLER", name, value: serialized };
      }
    }
  }
  return { type: "RAW", value };
}

/** The value of a comlink answer; throws what the host threw (comlink's `throw` handler). */
export function fromWire(msg: { type?: unknown; name?: unknown; value?: unknown }): unknown {
  if (msg.type === "RAW") return msg.value;
  const handler = msg.type === "HANDLER" ? transferHandlers.get(String(msg.name)) : undefined;
  if (!handler) throw new Error(`the host answered with an unknown value (${String(msg.type)})`);
  return handler.deserialize(msg.value);
}
