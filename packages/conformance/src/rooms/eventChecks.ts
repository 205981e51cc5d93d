/**
 * The event checks of the Rooms contract: an event follows the change it reports on a subscribed
 * connection, and none arrives after `Unsubscribe`.
 *
 * @module
 */
import type { RoomsResult } from "@yiqi/rooms-rpc";
import { isObj } from "./caseHelpers.ts";
import type { Given } from "./cases.ts";
import { CaseFailure } from "./context.ts";
import type { Frame, WireSession } from "./WireSession.ts";
import { waitEvent } from "./wireChecks.ts";

/** What the event checks need from the runner. */
export interface EventCheckPort {
  /** The main session; throws when it is closed. */
  main(): WireSession;
  request(method: string, params: Record<string, unknown>): Promise<RoomsResult>;
  ensure(given: readonly Given[]): Promise<void>;
  timeoutMs: number;
}

/**
 * Subscribes to `[module]`, runs `trigger`, and resolves to the params of the first
 * `Event/<module>` with `subEvent` (unsubscribing after); throws when none arrives.
 */
export async function expectEvent(
  port: EventCheckPort,
  module: string,
  subEvent: string,
  trigger: () => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const s = port.main();
  const r = await port.request("Subscribe", { path: [module] });
  if (r.error_code !== 0) throw new CaseFailure(`Subscribe ["${module}"] answered ${r.error_code}`);
  try {
    const from = s.frames.length;
    await trigger();
    const params = await waitEvent(s, module, subEvent, from, port.timeoutMs);
    if (!params)
      throw new CaseFailure(`no Event/${module} ${subEvent} within ${port.timeoutMs} ms`);
    return params;
  } finally {
    await port.request("Unsubscribe", { path: [module] });
  }
}

/** Subscribe → StartShare → `ShareInfoChanged` sharing; Unsubscribe → StopShare → no event. */
export async function expectShareEvents(port: EventCheckPort): Promise<void> {
  await port.ensure(["inMeeting", "notSharing"]);
  const s = port.main();
  let r = await port.request("Subscribe", { path: ["Share"] });
  if (r.error_code !== 0) throw new CaseFailure(`Subscribe ["Share"] answered ${r.error_code}`);
  const isShareEvent = (f: Frame) =>
    isObj(f.json) && f.json.method === "Event/Share" && f.json.id === undefined;
  let from = s.frames.length;
  await port.ensure(["sharing"]);
  const event = await s.next(
    (f) => {
      if (!isShareEvent(f)) return false;
      const p = (f.json as { params?: Record<string, unknown> }).params;
      return (
        p?.sub_event === "ShareInfoChanged" &&
        isObj(p.share_info) &&
        p.share_info.is_sharing === true
      );
    },
    port.timeoutMs,
    from,
  );
  if (!event)
    throw new CaseFailure("no Event/Share ShareInfoChanged with is_sharing true after StartShare");
  r = await port.request("Unsubscribe", { path: ["Share"] });
  if (r.error_code !== 0) throw new CaseFailure(`Unsubscribe ["Share"] answered ${r.error_code}`);
  from = s.frames.length;
  await port.ensure(["notSharing"]);
  const late = await s.next(isShareEvent, 300, from);
  if (late) throw new CaseFailure(`an event arrived after Unsubscribe: ${late.text}`);
}
