/**
 * When and how a client's handling notices leave (decision 0019 and its amendments). A `handled`
 * notice is queued instead of being sent in the middle of an event delivery: the app frames of
 * one site share one renderer, so a notice sent there sits between this frame's delivery and
 * the next frame's. The queue waits {@link NOTICE_TIMING}`.holdMs` for more notices to join it,
 * then for the renderer to be idle (`requestIdleCallback`, at most `idleMs`; where there is none,
 * at once), and leaves in order: as one {@link WemeetNoticeBatch} to a host that takes batches
 * (more than one when they exceed {@link MAX_BATCH_TEXT}), else as one message per notice (an
 * older host sees exactly what it did before). Internal.
 *
 * @module
 */
import { MAX_NOTICE_BATCH, type WemeetNotice } from "./notices.ts";

/** Notices a queue holds before it sends them without waiting (one full batch). */
export const MAX_QUEUED_NOTICES: number = MAX_NOTICE_BATCH;

/**
 * How long a queued notice may wait (ms): `holdMs` for others to join it, then at most
 * `idleMs` for an idle moment. Together far below the host's wait for the last reports of a
 * closing instance (`REPORT_GRACE_MS` of `@yiqi/mock-host`, 3 s) and certify's settle time
 * (600 ms). In a fan-out, where frames get an event every few milliseconds, a frame then sends
 * one message per `holdMs` instead of one per event (decision 0019, amendment 2).
 */
export const NOTICE_TIMING: Readonly<{ holdMs: number; idleMs: number }> = Object.freeze({
  holdMs: 50,
  idleMs: 50,
});

/**
 * The most characters of text (error names, messages, stacks) one batch carries: a batch of
 * notices about throwing listeners is split so that each message stays well inside what a
 * relay takes (the meeting server's frames are at most 64 KB; a notice alone is at most about
 * 7,800 characters, see `NOTICE_LIMITS`).
 */
export const MAX_BATCH_TEXT = 16_000;

/** The text a notice carries, for {@link MAX_BATCH_TEXT}: its errors' strings plus its fields. */
function textOf(notice: WemeetNotice): number {
  let n = 64;
  if (notice.kind === "handled")
    for (const e of notice.errors) n += e.name.length + e.message.length + e.stack.length;
  return n;
}

/** `notices` cut into batches of at most {@link MAX_QUEUED_NOTICES} and {@link MAX_BATCH_TEXT}. */
function batchesOf(notices: WemeetNotice[]): WemeetNotice[][] {
  const out: WemeetNotice[][] = [];
  let batch: WemeetNotice[] = [];
  let text = 0;
  for (const notice of notices) {
    const t = textOf(notice);
    if (batch.length > 0 && (batch.length >= MAX_QUEUED_NOTICES || text + t > MAX_BATCH_TEXT)) {
      out.push(batch);
      batch = [];
      text = 0;
    }
    batch.push(notice);
    text += t;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Where a queue's notices go. */
export interface NoticeSender {
  /** Sends one notice. */
  one(notice: WemeetNotice): void;
  /** Sends several in one message, in order (a host that takes batches); absent: `one` each. */
  many?(notices: WemeetNotice[]): void;
}

/** Runs `flush` later; the queue arms it when its first notice arrives. */
export type FlushScheduler = (flush: () => void) => void;

type IdleCallback = (run: () => void, options: { timeout: number }) => unknown;

type Runtime = {
  requestIdleCallback?: IdleCallback;
  document?: { visibilityState?: string };
};

/**
 * The default scheduler: `holdMs` on a timer, then the next idle period (`requestIdleCallback`
 * with a timeout of `idleMs`) where the runtime has one, else at once. A hidden page flushes
 * after the hold: its timers are throttled (about once a second), so a second wait could
 * outlast the host's grace for the last reports.
 */
export function idleScheduler(
  holdMs: number = NOTICE_TIMING.holdMs,
  idleMs: number = NOTICE_TIMING.idleMs,
): FlushScheduler {
  return (flush) => {
    setTimeout(() => {
      const g = globalThis as Runtime;
      if (typeof g.requestIdleCallback === "function" && g.document?.visibilityState !== "hidden")
        g.requestIdleCallback(flush, { timeout: idleMs });
      else flush();
    }, holdMs);
  };
}

/** A client's notice queue. */
export interface NoticeQueue {
  /** Sends `notice` at once, or queues it (see the module). */
  notify(notice: WemeetNotice): void;
  /** Sends what is queued now (e.g. when the page is being hidden). */
  flush(): void;
}

/**
 * A queue in front of `sender`. `hello` and `listener` notices go at once while nothing is
 * queued, else behind the queued ones, so the host sees every notice in the order the client
 * made it. At most {@link MAX_QUEUED_NOTICES} are held; the notice that fills the queue sends
 * it at once.
 */
export function deferredNotices(
  sender: NoticeSender,
  schedule: FlushScheduler = idleScheduler(),
): NoticeQueue {
  let queue: WemeetNotice[] = [];
  let armed = false;
  const flush = (): void => {
    if (queue.length === 0) return;
    const out = queue;
    queue = [];
    if (!sender.many) for (const notice of out) sender.one(notice);
    else
      for (const batch of batchesOf(out))
        if (batch.length === 1) sender.one(batch[0] as WemeetNotice);
        else sender.many(batch);
  };
  const scheduled = (): void => {
    armed = false;
    flush();
  };
  return {
    notify(notice) {
      if (queue.length === 0 && notice.kind !== "handled") return sender.one(notice);
      queue.push(notice);
      if (queue.length >= MAX_QUEUED_NOTICES) flush();
      else if (!armed) {
        armed = true;
        schedule(scheduled);
      }
    },
    flush,
  };
}
