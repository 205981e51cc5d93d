/**
 * Frame-level helpers of the contract runner: events, raw bytes, notifications, binary frames.
 *
 * @module
 */

import { isObj } from "./caseHelpers.ts";
import type { Frame, WireSession } from "./WireSession.ts";

/** The params of the first `Event/<module>` with `subEvent` at or after frame `from`. */
export async function waitEvent(
  s: WireSession,
  module: string,
  subEvent: string,
  from: number,
  timeoutMs: number,
): Promise<Record<string, unknown> | undefined> {
  const frame = await s.next(
    (f) =>
      isObj(f.json) &&
      f.json.method === `Event/${module}` &&
      isObj(f.json.params) &&
      f.json.params.sub_event === subEvent,
    timeoutMs,
    from,
  );
  return frame ? ((frame.json as { params: Record<string, unknown> }).params ?? {}) : undefined;
}

/** Sends `texts` one frame each and returns every frame received within `waitMs` after. */
export async function sendAndCollect(
  s: WireSession,
  texts: readonly string[],
  waitMs: number,
): Promise<Frame[]> {
  const from = s.frames.length;
  for (const t of texts) s.send(t);
  await new Promise((r) => setTimeout(r, waitMs));
  return s.frames.slice(from);
}

/** Sends one binary frame and returns the next frame (or `undefined`). */
export function sendBinary(
  s: WireSession,
  bytes: Uint8Array,
  timeoutMs: number,
): Promise<Frame | undefined> {
  const from = s.frames.length;
  s.sendBinary(bytes);
  return s.next(() => true, timeoutMs, from);
}
