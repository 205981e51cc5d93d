/**
 * `page.evaluate` with a bound of its own: a page that stops answering (a script stuck in a
 * loop, a dialog, a crashed renderer) ends the fixture step with a coded error that names the
 * step, instead of holding it for the whole test timeout.
 *
 * @module
 */
import type { Page } from "@playwright/test";
import { YiqiFixtureError } from "./YiqiFixtureError.ts";

/** The bound of a fixture's page call when the caller gives none (ms). */
export const PAGE_CALL_TIMEOUT_MS = 10_000;

/** The bound of the fixtures' page calls for a `connectTimeout` (never below the default). */
export function pageCallTimeout(connectTimeout: number): number {
  return Math.max(connectTimeout, PAGE_CALL_TIMEOUT_MS);
}

/** What a bounded call is, for its error. */
export interface BoundedCall {
  /** The step, as the test wrote it: `meeting.ui("clickStart", "Host")`. */
  what: string;
  /** The participant it is about (nickname), when there is one. */
  participant?: string;
  /** The bound (ms). */
  timeoutMs: number;
}

/** The part of a page (or frame) that {@link boundedEvaluate} uses. */
export type Evaluator = Pick<Page, "evaluate">;

/**
 * Runs `page.evaluate(fn, arg)`, bounded by `call.timeoutMs`.
 *
 * @throws {YiqiFixtureError} `PAGE_UNRESPONSIVE` naming `call.what` (and the participant) when
 *   the page has not answered in time; the evaluation's own error when it fails first.
 */
export async function boundedEvaluate<R, A>(
  page: Evaluator,
  fn: ((arg: A) => R | Promise<R>) | string,
  arg: A,
  call: BoundedCall,
): Promise<R> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const who = call.participant ? ` for ${call.participant}` : "";
      reject(
        new YiqiFixtureError(
          "PAGE_UNRESPONSIVE",
          `${call.what}${who}: the harness page did not answer within ${call.timeoutMs} ms ` +
            "(is a script in the page stuck, a dialog open, or the page crashed? " +
            "see the page's console and screenshot)",
          call.participant ? { participant: call.participant } : {},
        ),
      );
    }, call.timeoutMs);
  });
  const evaluation =
    typeof fn === "string"
      ? (page.evaluate(fn) as Promise<R>)
      : (page.evaluate(fn as (arg: A) => R | Promise<R>, arg as never) as Promise<R>);
  // An evaluation that settles after the bound is dropped, not left unhandled.
  evaluation.catch(() => undefined);
  try {
    return await Promise.race([evaluation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
