/**
 * Wires a client's event registry to its host's notices (decisions 0306, 0019): a host whose
 * environment announces `notices` gets a `hello`, the listener changes and, per delivered event,
 * a `handled` notice after the delivery's task. Each notice leaves as a bridge one-way message
 * (`Connection.notify`: no answer, no pending call, no timer) when the host offers them, else as
 * a call whose answer is ignored (an older host).
 *
 * @module
 */
import type { Connection } from "@yiqi/bridge";
import type { EventRegistry } from "./eventRegistry.ts";
import { deferredNotices, NOTICES_PROTOCOL, type WemeetNoticeApi } from "./notices.ts";
import type { HostEnvironment } from "./types.ts";

/** Starts sending `registry`'s notices on `conn` if `environment` announces them. */
export function attachNotices(
  conn: Connection<object>,
  environment: HostEnvironment | undefined,
  registry: Pick<EventRegistry, "attach">,
): void {
  if (environment?.notices !== NOTICES_PROTOCOL) return;
  const noticed = conn as unknown as Connection<WemeetNoticeApi>;
  registry.attach(deferredNotices((notice) => noticed.notify("notify", [notice])));
}
