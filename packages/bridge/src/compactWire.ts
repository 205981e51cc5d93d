/**
 * The compact wire (decision 0011): calls and answers as short arrays on the private port,
 * negotiated in the handshake (a host offers it with `compact: 1` in its welcome; an app uses
 * it only with such a host). It carries exactly what comlink's `APPLY` and `RAW` messages carry
 * for the one shape the guard lets through (decision 0001), without the envelope and comlink's
 * wrappers, so each call clones less both ways:
 *
 * - call, app -> host: `[id, method, ...args]`, `id` a positive integer unique among the
 *   connection's pending calls; a one-way message (decision 0019) is `[-id, method, ...args]`;
 * - answer, host -> app: `[id, value]` (comlink's `RAW` answer), or `[-id, code, message]` (a
 *   refusal or failure, as comlink's `throw` answer carries it).
 *
 * Anything comlink would send through a transfer handler (a `comlink.proxy()` argument or
 * return value) still goes in comlink's form inside an `rpc` envelope, so the host's guard and
 * the app's answer handling are unchanged for it. Events and closes stay envelopes.
 *
 * @module
 */
import { needsHandler } from "./comlinkValue.ts";
import { MAX_ARGS, type MethodTable, methodRefusal, type RefusedRequest } from "./guard.ts";

/** A compact call, checked: its id (negative for a one-way message), method and arguments. */
export interface CompactCall {
  id: number;
  method: string;
  args: unknown[];
}

/**
 * The compact message of call `id` (negative: one-way) of `method`, or `undefined` when an
 * argument needs one of comlink's transfer handlers (send it in comlink's form then). Built by
 * `push`, so the array is packed: a holey array is cloned key by key.
 */
export function compactCall(
  id: number,
  method: string,
  args: readonly unknown[],
): unknown[] | undefined {
  const msg: unknown[] = [id, method];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (needsHandler(arg)) return undefined;
    msg.push(arg);
  }
  return msg;
}

/**
 * Checks a compact call against the method table (after the size check): a non-zero integer
 * id, one own method of the table, at most `MAX_ARGS` arguments, no holes. Refusals carry the
 * same codes and messages as the comlink form's (`guard.ts`).
 */
export function checkCompact(
  msg: readonly unknown[],
  table: MethodTable,
): CompactCall | RefusedRequest {
  const rawId = msg[0];
  if (typeof rawId !== "number" || !Number.isSafeInteger(rawId) || rawId === 0)
    return {
      id: undefined,
      code: "INVALID_MESSAGE",
      message: "a compact call needs a non-zero integer id",
    };
  const id = rawId;
  const method = msg[1];
  if (typeof method !== "string")
    return {
      id,
      code: "METHOD_NOT_FOUND",
      message: "a call names exactly one method of the host API",
    };
  const refused = methodRefusal(id, method, table);
  if (refused) return refused;
  const n = msg.length - 2;
  if (n > MAX_ARGS)
    return {
      id,
      code: "INVALID_MESSAGE",
      message: `a call takes at most ${MAX_ARGS} arguments`,
      method,
    };
  const args = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    // By index, so a hole is refused (the app writes every argument, `undefined` included).
    if (!(i + 2 in msg))
      return { id, code: "INVALID_MESSAGE", message: "a call's arguments have a hole", method };
    args[i] = msg[i + 2];
  }
  return { id, method, args };
}
