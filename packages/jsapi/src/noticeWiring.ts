/**
 * Wires a client's event registry to its host's notices (decisions 0306, 0019): a host whose
 * environment announces `notices` gets a `hello`, the listener changes and, per delivered event,
 * a `handled` notice, queued out of the delivery's way (`noticeQueue.ts`). A host that also
 * announces `noticeBatches` gets the queued notices of one flush as one batch; an older host
 * one notice per message. Each message leaves as a bridge one-way message (`Connection.notify`:
 * no answer, no pending call, no timer) when the host offers them, else as a call whose answer
 * is ignored (an older host).
 *
 * @module
 */
import type { Connection } from "@yiqi/bridge";
import type { EventRegistry } from "./eventRegistry.ts";
import { deferredNotices, type FlushScheduler, type NoticeSender } from "./noticeQueue.ts";
import {
  NOTICE_BATCHES_PROTOCOL,
  NOTICES_PROTOCOL,
  type WemeetNotice,
  type WemeetNoticeApi,
} from "./notices.ts";
import type { HostEnvironment } from "./types.ts";

type PageEvents = { addEventListener?(type: "pagehide", listener: () => void): void };

/**
 * Starts sending `registry`'s notices on `conn` if `environment` announces them; `schedule`
 * (tests) replaces the queue's idle scheduler.
 */
export function attachNotices(
  conn: Connection<object>,
  environment: HostEnvironment | undefined,
  registry: Pick<EventRegistry, "attach">,
  schedule?: FlushScheduler,
): void {
  if (environment?.notices !== NOTICES_PROTOCOL) return;
  const noticed = conn as unknown as Connection<WemeetNoticeApi>;
  const sender: NoticeSender = {
    one: (notice) => noticed.notify("notify", [notice]),
  };
  if (environment.noticeBatches === NOTICE_BATCHES_PROTOCOL)
    sender.many = (notices: WemeetNotice[]) =>
      noticed.notify("notify", [{ kind: "batch", notices }]);
  const queue = deferredNotices(sender, schedule);
  // A page going away sends what it holds while it still can.
  (globalThis as PageEvents).addEventListener?.("pagehide", queue.flush);
  registry.attach(queue.notify);
}
