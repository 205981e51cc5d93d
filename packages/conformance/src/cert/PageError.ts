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

/**
 * Where the error was thrown, from its stack: the first frame in an http(s) script that is not
 * Tencent's SDK (the app's own code), as `url:line:column`; undefined when the stack has none.
 *
 * @example
 * ```ts
 * stackLocation("TypeError: x\n    at onJoin (http://p2.ab.localhost:7100/app.js:12:5)");
 * // "http://p2.ab.localhost:7100/app.js:12:5"
 * ```
 */
export function stackLocation(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const frames = [...stack.matchAll(/(https?:\/\/[^\s()]+?):(\d+):(\d+)/g)];
  const own = frames.find((m) => !/\/jssdk\/|\/wemeet-js-sdk/.test(m[1] ?? "")) ?? frames[0];
  return own ? `${own[1]}:${own[2]}:${own[3]}` : undefined;
}

/** `p2: TypeError: x is undefined (at http://p2…/app.js:12:5)` */
export function describePageError(e: PageError): string {
  const who = e.participantId ? `${e.participantId}: ` : "";
  const what =
    e.kind === "crash"
      ? "page crashed"
      : e.kind === "unhandledrejection"
        ? "unhandled rejection"
        : "";
  const name = e.name && !e.message.startsWith(e.name) ? `${e.name}: ` : "";
  const at = stackLocation(e.stack);
  return `${who}${what ? `${what}: ` : ""}${name}${e.message}${at ? ` (at ${at})` : ""}`;
}
