/**
 * The request filter that hardens comlink on the host side. comlink's `expose` walks any
 * property path and honours GET, SET, CONSTRUCT and ENDPOINT, so an unfiltered peer can write
 * `Object.prototype` or reach the `Function` constructor (GoogleChromeLabs/comlink#603). The host
 * therefore lets comlink see only one shape of message: `APPLY` of a single path segment that is
 * an own member of a null-prototype method table, with plain (RAW) arguments.
 *
 * @module
 */
import type { BridgeErrorCode } from "./errors.ts";

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"]);
const MAX_ID_LENGTH = 128;
/** Arguments a call may carry at most. */
export const MAX_ARGS = 32;

/** A method table with no prototype: nothing is reachable but its own members. */
export type MethodTable = Record<string, (...args: unknown[]) => unknown>;

/**
 * A request comlink may see: the message itself once every field comlink reads is validated
 * (`id`, `type`, `path`, every slot of `argumentList`). It is a structured clone the sender can
 * no longer touch, so it is handed on as it is, not copied.
 */
export interface CleanRequest {
  id: string;
  type: "APPLY";
  path: [string];
  argumentList?: { type: "RAW"; value: unknown }[];
}

/** Why a request was refused (and, when it had a usable id, where to answer). */
export interface RefusedRequest {
  /** A comlink message's id, a compact call's number (`compactWire.ts`), or none usable. */
  id: string | number | undefined;
  code: BridgeErrorCode;
  message: string;
  method?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Builds a null-prototype table of `names` bound to `impl`; unknown names are left out. */
export function methodTable(impl: object, names?: readonly string[]): MethodTable {
  const table = Object.create(null) as MethodTable;
  const source = impl as Record<string, unknown>;
  const keys =
    names ??
    Object.keys(impl).filter((k) => typeof source[k] === "function" && !FORBIDDEN_SEGMENTS.has(k));
  for (const name of keys) {
    if (FORBIDDEN_SEGMENTS.has(name)) continue;
    const fn = source[name];
    if (typeof fn === "function") table[name] = (fn as (...a: unknown[]) => unknown).bind(impl);
  }
  return table;
}

/** Why a call of `method` is refused (a prototype name, not served), or `undefined`. */
export function methodRefusal(
  id: string | number,
  method: string,
  table: MethodTable,
): RefusedRequest | undefined {
  if (FORBIDDEN_SEGMENTS.has(method))
    return { id, code: "FORBIDDEN", message: `"${method.slice(0, 64)}" is not allowed`, method };
  if (!Object.hasOwn(table, method))
    return {
      id,
      code: "METHOD_NOT_FOUND",
      message: `the host does not serve "${method.slice(0, 64)}": check the app and host versions`,
      method: method.slice(0, 64),
    };
  return undefined;
}

/**
 * Checks one comlink message against the method table. Returns a clean request to hand to
 * comlink, or the reason it is refused.
 */
export function checkRequest(msg: unknown, table: MethodTable): CleanRequest | RefusedRequest {
  if (!isRecord(msg))
    return { id: undefined, code: "INVALID_MESSAGE", message: "an RPC message must be an object" };
  const id =
    typeof msg.id === "string" && msg.id.length > 0 && msg.id.length <= MAX_ID_LENGTH
      ? msg.id
      : undefined;
  if (id === undefined)
    return {
      id,
      code: "INVALID_MESSAGE",
      message: "an RPC message needs a string id of at most 128 characters",
    };
  const { type, path } = msg;
  if (type !== "APPLY") {
    const what = typeof type === "string" ? type.slice(0, 32) : typeof type;
    const known = ["GET", "SET", "CONSTRUCT", "ENDPOINT", "RELEASE"].includes(String(type));
    return known
      ? {
          id,
          code: "FORBIDDEN",
          message: `${what} is not allowed: this host serves method calls only`,
        }
      : {
          id,
          code: "INVALID_MESSAGE",
          message: `unknown RPC message type ${JSON.stringify(what)}`,
        };
  }
  if (!Array.isArray(path) || path.length !== 1 || typeof path[0] !== "string") {
    const forbidden = Array.isArray(path) && path.some((p) => FORBIDDEN_SEGMENTS.has(String(p)));
    return forbidden
      ? { id, code: "FORBIDDEN", message: "prototype paths are not allowed" }
      : {
          id,
          code: "METHOD_NOT_FOUND",
          message: "a call names exactly one method of the host API",
        };
  }
  const method = path[0];
  const refused = methodRefusal(id, method, table);
  if (refused) return refused;
  const list = msg.argumentList ?? [];
  if (!Array.isArray(list) || list.length > MAX_ARGS)
    return {
      id,
      code: "INVALID_MESSAGE",
      message: `argumentList must be an array of at most ${MAX_ARGS}`,
      method,
    };
  // By index, so a hole is refused too (comlink's map would skip it).
  for (let i = 0; i < list.length; i++) {
    const wire: unknown = list[i];
    if (!isRecord(wire) || wire.type !== "RAW")
      return {
        id,
        code: "FORBIDDEN",
        message:
          "arguments must be plain data (no proxies, callbacks or handlers): listen to connection events instead",
        method,
      };
  }
  return msg as unknown as CleanRequest;
}

/** True when `checkRequest` accepted the message. */
export const isClean = (r: CleanRequest | RefusedRequest): r is CleanRequest => "type" in r;

/**
 * The arguments of a clean request, as the host's method receives them: the guard refused holes
 * and anything but RAW slots, so a slot's value is the argument.
 */
export const argumentValues = (r: CleanRequest): unknown[] => {
  const list = r.argumentList;
  if (list === undefined) return [];
  const args = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) args[i] = (list[i] as { value: unknown }).value;
  return args;
};
