/**
 * `DeviceConnections`: the Rooms device's open connections: opening one for a transport (its
 * `RoomsConnection` handle), sending to it, closing it, its subscriptions, and pushing an event
 * to every connection subscribed to it. What a frame means is `DeviceDispatcher`'s business.
 *
 * @module
 */
import type { RoomsAdmission, RoomsAuth } from "./auth.ts";
import type { RoomsConnection, RoomsTransport } from "./connection.ts";
import type { DeviceLog } from "./DeviceLog.ts";
import type { PendingEvent } from "./dispatch.ts";
import { RequestRateLimit, type RoomsRateLimitOptions } from "./rateLimit.ts";
import { internalError } from "./results.ts";
import { errorFrame, eventFrame, type RoomsWire } from "./wire.ts";

/** One open connection, as the device keeps it. */
export interface Conn {
  id: number;
  auth: RoomsAuth;
  retryAfterMs: number;
  transport: RoomsTransport;
  subscriptions: Set<string>;
  open: boolean;
  /** A send failed: the transport is going away, so nothing more is sent to it. */
  failed: boolean;
  rate: RequestRateLimit | undefined;
}

/** What {@link DeviceConnections} needs from its device. */
export interface DeviceConnectionsInfo {
  log: DeviceLog;
  wire: RoomsWire;
  rateLimit: RoomsRateLimitOptions | false;
  now: () => number;
  /** Handles one text frame received on an open connection (it may throw: answered -32603). */
  receive: (conn: Conn, text: string) => void;
}

/**
 * The connection table of a device.
 *
 * @example
 * ```ts
 * const conns = new DeviceConnections({ log, wire: "device", rateLimit: false, now, receive });
 * const handle = conns.open(transport, admission, "127.0.0.1:50312");
 * handle.receive('{"jsonrpc":"2.0","id":"1","method":"Query","params":{"path":["Share"]}}');
 * ```
 */
export class DeviceConnections {
  readonly #conns = new Map<number, Conn>();
  readonly #log: DeviceLog;
  readonly #wire: RoomsWire;
  readonly #rateLimit: RoomsRateLimitOptions | false;
  readonly #now: () => number;
  readonly #receive: (conn: Conn, text: string) => void;
  #nextConn = 1;
  #subscribers = 0;

  constructor(info: DeviceConnectionsInfo) {
    this.#log = info.log;
    this.#wire = info.wire;
    this.#rateLimit = info.rateLimit;
    this.#now = info.now;
    this.#receive = info.receive;
  }

  /** The number of open connections. */
  get size(): number {
    return this.#conns.size;
  }

  /** The number of open connections with at least one subscription. */
  get subscribers(): number {
    return this.#subscribers;
  }

  /** Opens a connection for a transport as `admission` decided; `remote` names it in the log. */
  open(transport: RoomsTransport, admission: RoomsAdmission, remote: string): RoomsConnection {
    const { auth } = admission;
    const conn: Conn = {
      id: this.#nextConn++,
      auth,
      retryAfterMs: admission.retryAfterMs,
      transport,
      subscriptions: new Set(),
      open: true,
      failed: false,
      rate: this.#rateLimit ? new RequestRateLimit(this.#rateLimit, this.#now) : undefined,
    };
    this.#conns.set(conn.id, conn);
    this.#log.write("open", `${remote} connected (auth ${auth})`, conn.id);
    return {
      id: conn.id,
      auth,
      receiveBinary: () => {
        this.send(
          conn,
          errorFrame(
            this.#wire,
            null,
            -32600,
            "Invalid Request: binary frames are not supported; send each request as a text frame (UTF-8 JSON)",
          ),
        );
        if (conn.auth !== "ok") this.close(conn, 1008, "authentication failed");
      },
      receive: (text) => {
        // One connection's bad frame must never escape into the server loop: the root causes
        // are fixed, and this is the last line. The peer gets -32603 and only it is closed.
        try {
          this.#receive(conn, text);
        } catch (e) {
          const err = internalError(e);
          this.send(conn, errorFrame(this.#wire, null, err.error.code, err.error.message));
          this.close(conn, 1011, "internal error");
        }
      },
      closed: () => {
        if (!conn.open) return;
        conn.open = false;
        if (conn.subscriptions.size > 0) this.#subscribers -= 1;
        this.#conns.delete(conn.id);
        this.#log.write("close", "connection closed", conn.id);
      },
    };
  }

  /** Adds (`add`) or removes a subscription key of a connection. */
  subscribe(conn: Conn, key: string, add: boolean): void {
    const had = conn.subscriptions.size > 0;
    if (add) conn.subscriptions.add(key);
    else conn.subscriptions.delete(key);
    const has = conn.subscriptions.size > 0;
    this.#subscribers += (has ? 1 : 0) - (had ? 1 : 0);
  }

  /** Sends a response frame on an open connection, logging it. */
  send(conn: Conn, text: string): void {
    if (!conn.open) return;
    if (this.#log.active) this.#log.write("response", text, conn.id);
    this.#transmit(conn, text);
  }

  /** Pushes an event to every authenticated connection subscribed to its module or sub-event. */
  push(e: PendingEvent): void {
    const text = eventFrame(this.#wire, e.module, e.subEvent, e.payload);
    for (const conn of this.#conns.values()) {
      if (!conn.open || conn.auth !== "ok") continue;
      const subs = conn.subscriptions;
      if (!(subs.has("") || subs.has(e.module) || subs.has(`${e.module}/${e.subEvent}`))) continue;
      if (this.#log.active) this.#log.write("event", text, conn.id);
      this.#transmit(conn, text);
    }
  }

  /** Asks the transport to close; the transport reports back through `closed()`. */
  close(conn: Conn, code: number, reason: string): void {
    try {
      conn.transport.close(code, reason);
    } catch {
      // Already closed or closing: nothing more to do for this connection.
    }
  }

  /** Closes every connection. */
  closeAll(code: number, reason: string): void {
    for (const c of [...this.#conns.values()]) this.close(c, code, reason);
  }

  // A transport that throws (a socket closing under us) loses only its own connection.
  #transmit(conn: Conn, text: string): void {
    if (conn.failed) return;
    try {
      conn.transport.send(text);
    } catch {
      conn.failed = true;
      this.close(conn, 1011, "send failed");
    }
  }
}
