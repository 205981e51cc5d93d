/**
 * What a scripted contract case can do.
 *
 * @module
 */
import type { RoomsResult } from "@yiqi/rooms-rpc";
import type { Given } from "./cases.ts";
import { SetupFailure } from "./setup.ts";
import type { Frame } from "./WireSession.ts";

/** What a {@link CaseContext} method throws: the case fails with its message. */
export class CaseFailure extends SetupFailure {}

/** The helpers a {@link ScriptCase} gets; every method throws with a readable problem. */
export interface CaseContext {
  /** A fresh unique request id. */
  nextId(): string;
  /** Whether the device's Rooms version (when given) has `module`/`action`. */
  supports(module: string, action: string): boolean;
  /**
   * Sends a request on the main session and returns its result, after checking the envelope:
   * `jsonrpc`, `id` and `method` echoed, `error_code` a number, `message` a string, `action`
   * echoed for calls.
   */
  request(
    method: string,
    params: Record<string, unknown>,
    id?: string | number,
  ): Promise<RoomsResult>;
  /** Sends a raw frame on the main session and returns the next frame. */
  sendRaw(text: string): Promise<Frame>;
  /** Establishes states, in order. */
  ensure(given: readonly Given[]): Promise<void>;
  /** `Query ["Share"]` → `share_info.is_sharing`. */
  isSharing(): Promise<boolean>;
  /** Opens a connection offering `protocols` and checks that it is refused. */
  expectAuthRefused(protocols: string[]): Promise<void>;
  /** Subscribe → StartShare → event; Unsubscribe → StopShare → no event. */
  expectShareEvents(): Promise<void>;
  /**
   * Subscribes to `[module]`, runs `trigger`, and resolves to the params of the first
   * `Event/<module>` with `subEvent` (unsubscribing after); throws when none arrives.
   */
  expectEvent(
    module: string,
    subEvent: string,
    trigger: () => Promise<unknown>,
  ): Promise<Record<string, unknown>>;
  /** Sends a request and returns the raw text of its answer (for byte-level checks). */
  requestText(method: string, params: Record<string, unknown>, id: string): Promise<string>;
  /** Sends raw frames and returns every frame received within `waitMs`. */
  sendAndCollect(texts: readonly string[], waitMs: number): Promise<Frame[]>;
  /** Sends a binary frame and returns the next frame, if any. */
  sendBinary(bytes: Uint8Array): Promise<Frame | undefined>;
}
