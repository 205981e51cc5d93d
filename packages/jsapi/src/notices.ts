/**
 * The notices a client sends its host about the app's event listeners (decision 0306): which
 * listeners the app registered and, per delivered event, whether its handlers ran and which
 * threw. Notify-only: the client never awaits the answer, and sends a `handled` notice after
 * the delivery's task, not in it (decision 0019, `noticeQueue.ts`). Backward compatible: a
 * client sends notices only to a host whose environment says `notices: 1`, several in one
 * {@link WemeetNoticeBatch} only to a host that also says `noticeBatches: 1`, and a host gets
 * none from a client that predates them.
 *
 * @module
 */
import type { HostResult, WemeetEventName } from "./types.ts";

/** The version of the notice protocol a host announces in `HostEnvironment.notices`. */
export const NOTICES_PROTOCOL = 1;

/**
 * The version of the batch form a host announces in `HostEnvironment.noticeBatches` besides
 * `notices: 1`: it then takes a {@link WemeetNoticeBatch} (decision 0019, amendment 2).
 */
export const NOTICE_BATCHES_PROTOCOL = 1;

/** The most notices one {@link WemeetNoticeBatch} may carry (the host refuses a longer one). */
export const MAX_NOTICE_BATCH = 64;

/** Bounds of a `handled` notice: errors kept per event, characters of a message and a stack. */
export const NOTICE_LIMITS: Readonly<{ errors: number; message: number; stack: number }> =
  Object.freeze({ errors: 3, message: 500, stack: 2000 });

/** A listener that threw, as a notice carries it (bounded by {@link NOTICE_LIMITS}). */
export interface HandlerErrorReport {
  /** `TypeError`, or `""` when a non-Error was thrown. */
  name: string;
  /**
   * The error's message (or the thrown value as JSON), cut to {@link NOTICE_LIMITS}`.message`
   * characters.
   */
  message: string;
  /** The error's stack, cut to {@link NOTICE_LIMITS}`.stack` characters; `""` when it has none. */
  stack: string;
}

/** What a client tells its host (`WemeetNoticeApi.notify`). */
export type WemeetNotice =
  /** Sent once when the client connects: it reports handling for every event delivered to it. */
  | { kind: "hello"; protocol: number }
  /** The app added or removed a listener; `count` is how many it has for `event` now. */
  | { kind: "listener"; change: "add" | "remove"; event: WemeetEventName; count: number }
  /**
   * The app's listeners ran for the delivered event `eventId` (the message's `id`): `listeners`
   * ran (0: none registered), `threw` of them threw, the first few as `errors`.
   */
  | {
      kind: "handled";
      eventId: number;
      listeners: number;
      threw: number;
      errors: HandlerErrorReport[];
    };

/**
 * Several notices in one message, in the order the client made them (at most
 * {@link MAX_NOTICE_BATCH}, none of them a batch). Sent only to a host whose environment says
 * `noticeBatches: 1`; the host records each as if it had come alone, in order.
 */
export interface WemeetNoticeBatch {
  /** Always `"batch"`. */
  kind: "batch";
  /** 1..{@link MAX_NOTICE_BATCH} notices, oldest first. */
  notices: WemeetNotice[];
}

/**
 * The notify-only method a host that announces `notices` serves besides `WemeetHostApi`. It
 * never carries identity: the host knows the instance from the connection.
 */
export interface WemeetNoticeApi {
  /**
   * Tells the host about the app's listeners. The client does not await the result; a host
   * answers `ok(null)`, or fails with `INVALID_ARGUMENT` for a notice it cannot read (for a
   * batch: one or more of its notices), which the client ignores.
   */
  notify(notice: WemeetNotice | WemeetNoticeBatch): Promise<HostResult<null>>;
}

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The bounded report of a thrown value. */
export function handlerErrorReport(error: unknown): HandlerErrorReport {
  if (error instanceof Error)
    return {
      name: cut(String(error.name), 100),
      message: cut(String(error.message), NOTICE_LIMITS.message),
      stack: cut(String(error.stack ?? ""), NOTICE_LIMITS.stack),
    };
  let message: string;
  try {
    message = typeof error === "string" ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    message = String(error);
  }
  return { name: "", message: cut(message, NOTICE_LIMITS.message), stack: "" };
}
