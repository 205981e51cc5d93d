/**
 * Page signals the runner collects from each app instance.
 *
 * @module
 */

/** An uncaught exception, an unhandled rejection or a crash of one app instance. */
export interface PageError {
  /** The participant whose instance failed. */
  participantId?: string;
  /** `uncaught` exception, `unhandledrejection`, or the page `crash`ed. */
  kind?: "uncaught" | "unhandledrejection" | "crash";
  /** The error's name, e.g. `TypeError`. */
  name?: string;
  message: string;
  stack?: string;
  /** When it happened (ms, same clock as the trace). */
  t?: number;
}

/** `p2: TypeError: x is undefined` */
export function describePageError(e: PageError): string {
  const who = e.participantId ? `${e.participantId}: ` : "";
  const what =
    e.kind === "crash"
      ? "page crashed"
      : e.kind === "unhandledrejection"
        ? "unhandled rejection"
        : "";
  const name = e.name && !e.message.startsWith(e.name) ? `${e.name}: ` : "";
  return `${who}${what ? `${what}: ` : ""}${name}${e.message}`;
}
