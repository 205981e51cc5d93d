/**
 * `PendingCalls`: the requests of one client waiting for their answers, each with its timeout
 * and `AbortSignal`.
 *
 * @module
 */
import { RoomsError } from "./RoomsError.ts";
import type { CallOptions } from "./share.ts";
import type { RoomsId, RoomsResult } from "./types.ts";

/** One request waiting for its answer; settling it twice is a no-op. */
export interface PendingCall {
  resolve(result: RoomsResult): void;
  reject(error: RoomsError): void;
  /** True once the request went out on a socket. */
  sent: boolean;
}

/** Where a call failed: the details of its errors. */
export interface CallSite {
  method: string;
  id: RoomsId;
  action?: string;
}

/** A JSON-RPC answer: `result` or `error` for the request `id`. */
export interface RoomsAnswer {
  id: RoomsId;
  result?: RoomsResult;
  error?: { code: number; message: string };
}

/** `Method action`, or the method alone. */
const describeCall = (method: string, action: string | undefined): string =>
  action ? `${method} ${action}` : method;

/** The calls in flight of one client, by id. */
export class PendingCalls {
  readonly #pending = new Map<string, PendingCall>();

  /** The number of calls waiting for an answer. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Registers a call under `key` with its timeout and abort listener; the entry settles
   * `resolve`/`reject` once and leaves the table. Rejects at once (and returns `undefined`)
   * when the id is already in flight or `signal` is already aborted.
   */
  add(
    key: string,
    where: CallSite,
    options: CallOptions,
    defaultTimeoutMs: number,
    resolve: (result: RoomsResult) => void,
    reject: (error: RoomsError) => void,
  ): PendingCall | undefined {
    const { method, action } = where;
    if (this.#pending.has(key)) {
      reject(
        new RoomsError(
          "INVALID_ARGUMENT",
          `id ${key} is already in flight; ids must be unique`,
          where,
        ),
      );
      return undefined;
    }
    const { signal } = options;
    if (signal?.aborted) {
      reject(new RoomsError("ABORTED", `${method} was aborted before it was sent`, where));
      return undefined;
    }
    const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAbort = (): void =>
      settle(() =>
        reject(new RoomsError("ABORTED", `${describeCall(method, action)} was aborted`, where)),
      );
    const settle = (fn: () => void): void => {
      if (this.#pending.get(key) !== entry) return;
      this.#pending.delete(key);
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const entry: PendingCall = {
      sent: false,
      resolve: (result) => settle(() => resolve(result)),
      reject: (error) => settle(() => reject(error)),
    };
    this.#pending.set(key, entry);
    timer = setTimeout(
      () =>
        entry.reject(
          new RoomsError(
            "TIMEOUT",
            `${describeCall(method, action)} got no answer within ${timeoutMs} ms; is the device reachable and the id unique?`,
            { ...where, timeoutMs },
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    return entry;
  }

  /** True while `entry` is still the call waiting under `key`. */
  isPending(key: string, entry: PendingCall): boolean {
    return this.#pending.get(key) === entry;
  }

  /** Settles the call an answer is for; answers to no call in flight are dropped. */
  answer(m: RoomsAnswer): void {
    const p = this.#pending.get(String(m.id));
    if (!p) return;
    if (m.error)
      p.reject(
        new RoomsError("JSON_RPC", `the device rejected request ${m.id}: ${m.error.message}`, {
          errorCode: m.error.code,
          id: m.id,
        }),
      );
    else if (m.result && typeof m.result.error_code === "number") p.resolve(m.result);
  }

  /** Rejects the calls in flight with `CLOSED` (only those already sent with `sentOnly`). */
  rejectAll(sentOnly: boolean, why: string, closeCode?: number): void {
    for (const [key, p] of [...this.#pending]) {
      if (sentOnly && !p.sent) continue;
      p.reject(
        new RoomsError(
          "CLOSED",
          `${why} with call ${key} in flight; the device may or may not have acted on it`,
          { id: key, ...(closeCode !== undefined ? { closeCode } : {}) },
        ),
      );
    }
  }
}
