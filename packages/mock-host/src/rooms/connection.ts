/**
 * The types between the Rooms device and its transports (msw, the Node and Deno servers): what
 * a transport provides, what it knows about a connection, the connection handle, log entries.
 *
 * @module
 */
import type { RoomsAdmission, RoomsAuth } from "./auth.ts";

/** How the device talks back on one connection; each transport adapter provides one. */
export interface RoomsTransport {
  /** Sends one text frame. */
  send(text: string): void;
  /** Closes the connection. */
  close(code: number, reason: string): void;
}

/** What the transport knows about a new connection. */
export interface RoomsConnectInfo {
  /** The subprotocols the client offered (`Sec-WebSocket-Protocol`). */
  protocols?: string | readonly string[] | undefined;
  /** The peer, for the log (e.g. `127.0.0.1:50312`). */
  remote?: string;
  /** The remote address without port: the failed-password limiter counts per address. */
  address?: string;
  /** The outcome of {@link RoomsDevice.admit} when the transport decided before upgrading. */
  admission?: RoomsAdmission;
}

/** One open connection to the device, driven by its transport adapter. */
export interface RoomsConnection {
  /** Sequential connection number (1, 2, …). */
  readonly id: number;
  /** How it authenticated. */
  readonly auth: RoomsAuth;
  /** Feed one received text frame. */
  receive(text: string): void;
  /** Tell the device a binary frame arrived: it answers -32600 (decision 0213). */
  receiveBinary(): void;
  /** Tell the device the connection has closed. */
  closed(): void;
}

/** One entry of the device log: every request, response, pushed event and state change. */
export interface RoomsLogEntry {
  /** Order of the entry. */
  seq: number;
  /** Clock time (from `options.now`). */
  at: number;
  /** The connection, when the entry belongs to one. */
  connection?: number;
  /** What happened (`refused`: a handshake a server refused, e.g. for its origin). */
  kind: "open" | "close" | "request" | "response" | "event" | "state" | "refused";
  /** The frame text, or a description. */
  text: string;
}
