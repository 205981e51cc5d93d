/**
 * The options and handle of a real emulated-device server, shared by the Node and Deno adapters.
 *
 * @module
 */
import type { RoomsDevice } from "./RoomsDevice.ts";

/** Options of `startRoomsServer` (`@yiqi/mock-host/node` or `/deno`). */
export interface RoomsServerOptions {
  /** The device to serve (default: a new `RoomsDevice()`). */
  device?: RoomsDevice;
  /** TCP port (default 6295; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default `127.0.0.1`: loopback only; `0.0.0.0` exposes it). */
  host?: string;
}

/** A running emulated-device server. */
export interface RoomsServer {
  /** `ws://host:port` to connect to. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** The bound host. */
  readonly host: string;
  /** The device being served. */
  readonly device: RoomsDevice;
  /** Closes every connection and stops listening. */
  close(): Promise<void>;
}
