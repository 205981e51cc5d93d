/**
 * The per-call path of the hand-written calls that send nothing but their arguments
 * (`collaboration.getContext`, `app.getRunningContext`, …): each is built once per `wemeet`, so
 * a call allocates no closures: it sends through the connection's `call` (no proxy lookup) and
 * maps the answer with functions made when the call was built. Internal.
 *
 * @module
 */
import type { Connection } from "@yiqi/bridge";
import { WemeetError } from "./errors.ts";
import type { HostResult, WemeetHostApi } from "./types.ts";

type HostConnection = Connection<WemeetHostApi>;

/** What a host call needs from its `wemeet`. */
export interface HostLink {
  /** The connection once the handshake is done, else `undefined`. */
  connected(): HostConnection | undefined;
  /** The handshake. */
  readonly ready: Promise<HostConnection>;
  /** Maps a bridge failure of call `what` to the error the app sees. */
  fromBridge(error: unknown, what: string): WemeetError;
}

/** A host method as a function: `(args?) => Promise<value>`, rejecting with {@link WemeetError}. */
export type HostCall<T> = (args?: readonly unknown[]) => Promise<T>;

const NO_ARGS: readonly unknown[] = Object.freeze([]);

/** The value of a host result, or its error as a {@link WemeetError}. */
function resultValue<T>(result: HostResult<T>): T {
  if (!result.ok) throw WemeetError.from(result.error);
  return result.value;
}

/**
 * Host method `method` as call `what` (its API name, for messages). Before the handshake
 * completes a call waits for it; a failed handshake or bridge failure rejects with
 * `link.fromBridge(error, what)`, a failed result with its error.
 */
export function hostCall<T>(
  what: string,
  method: keyof WemeetHostApi,
  link: HostLink,
): HostCall<T> {
  const failed = (error: unknown): never => {
    throw link.fromBridge(error, what);
  };
  const send = (conn: HostConnection, args: readonly unknown[]): Promise<T> => {
    let sent: Promise<HostResult<T>>;
    try {
      sent = (conn.call as (m: string, a: readonly unknown[]) => Promise<HostResult<T>>)(
        method,
        args,
      );
    } catch (error) {
      return Promise.reject(link.fromBridge(error, what));
    }
    return sent.then(resultValue, failed);
  };
  return (args = NO_ARGS) => {
    const conn = link.connected();
    return conn ? send(conn, args) : link.ready.then((c) => send(c, args), failed);
  };
}
