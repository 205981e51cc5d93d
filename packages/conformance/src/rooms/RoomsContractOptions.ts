/**
 * `RoomsContractOptions`: what `runRoomsContract` runs against and how.
 *
 * @module
 */
import type { WebSocketConstructorLike } from "@yiqi/rooms-rpc";
import type { RoomsCase } from "./cases.ts";
import type { CaseResult } from "./formatCaseResult.ts";

/** Options of `runRoomsContract`. */
export interface RoomsContractOptions {
  /** The endpoint, e.g. `ws://192.168.1.20:6295`. */
  url: string;
  /** The control API password. */
  password: string;
  /** WebSocket class (default `globalThis.WebSocket`; on Node 20 pass `ws`'s). */
  WebSocket?: WebSocketConstructorLike;
  /** Per-request timeout (default 5000 ms). */
  timeoutMs?: number;
  /** Meeting code used to enter a meeting for "in a meeting" cases (default `100200300`). */
  meetingCode?: string;
  /** The device's Rooms version when known: actions newer than it must answer 9. */
  roomsVersion?: string;
  /** The cases to run (default: all of {@link roomsContractCases}). */
  cases?: readonly RoomsCase[];
  /** Called after each case. */
  onResult?: (result: CaseResult) => void;
}
