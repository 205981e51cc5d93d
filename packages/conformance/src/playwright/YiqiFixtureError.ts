/**
 * The one error of `@yiqi/conformance/playwright`: a closed `code`, a message that names the
 * participant and says what to do, and a stack that points at the test's own line.
 *
 * @module
 */

/** What went wrong. */
export type YiqiFixtureErrorCode =
  /** The app page did not load: an HTTP error status, or a network error. */
  | "APP_UNREACHABLE"
  /** The app page loaded but never loaded the wemeet SDK (or the shim) nor connected. */
  | "NO_SDK"
  /** The host refused the app's handshake (origin, protocol version): the bridge's reason. */
  | "HANDSHAKE_REFUSED"
  /** The app did not connect within the timeout for another reason (given in the message). */
  | "NOT_CONNECTED"
  /** The emulated client refused a `meeting.ui` action: the simulator's coded reason. */
  | "UI_REFUSED"
  /** `meeting.ui` was given an action the client does not have. */
  | "UNKNOWN_UI_ACTION"
  /** No participant has that nickname or id. */
  | "UNKNOWN_PARTICIPANT"
  /** The harness page did not answer a fixture's call in time (stuck script, dialog, crash). */
  | "PAGE_UNRESPONSIVE";

/** Why a fixture step failed; branch on `code`, not on the message. */
export class YiqiFixtureError extends Error {
  override readonly name = "YiqiFixtureError";
  /** The stable code. */
  readonly code: YiqiFixtureErrorCode;
  /** The participant it is about (nickname), when there is one. */
  readonly participant: string | undefined;
  /** For `UI_REFUSED` and `HANDSHAKE_REFUSED`: the refusal's own code (`NOT_PERMITTED`, ...). */
  readonly reason: string | undefined;

  /**
   * @param code What went wrong.
   * @param message What failed and what to do.
   * @param details The participant and the refusal's own code.
   */
  constructor(
    code: YiqiFixtureErrorCode,
    message: string,
    details: { participant?: string; reason?: string } = {},
  ) {
    super(message);
    this.code = code;
    this.participant = details.participant;
    this.reason = details.reason;
  }
}

/** Where a fixture method was called from, captured before its first `await`. */
export interface CallSite {
  /** The stack below the fixture method: the test's line first. */
  readonly frames: string;
}

/**
 * Captures the caller of `fn` (call it first thing in `fn`, before any `await`), so an error
 * thrown later shows the test's line, not the fixture's internals.
 */
export function callSite(fn: (...args: never[]) => unknown): CallSite {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  return { frames: (holder.stack ?? "").split("\n").slice(1).join("\n") };
}

/** `error` with its stack replaced by `site`'s frames (the message kept). */
export function thrownAt<E extends Error>(error: E, site: CallSite): E {
  if (site.frames) error.stack = `${error.name}: ${error.message}\n${site.frames}`;
  return error;
}
