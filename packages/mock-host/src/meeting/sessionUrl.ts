/**
 * Which URLs may become an app frame's URL (docs/decisions/0107-session-urls.md). A session URL
 * (`collaboration.start({ url })`, `setCollaborationConfig({ url })`), the page URL an app
 * reports, and the URLs a driver opens the app at are what joiners' clients load in their app
 * panel. A real client opens web pages there, so only absolute `http:` / `https:` URLs pass:
 * `javascript:`, `data:`, `blob:`, `about:`, `file:` and anything that is not a URL get a coded
 * error instead of reaching a frame. Checks run on the URL as the WHATWG parser reads it (the
 * way a browser would load it), so leading spaces, control characters, tabs or newlines
 * inside the scheme, and mixed case do not slip through.
 *
 * @module
 */
import { MeetingError } from "./errors.ts";

/** URLs longer than this are refused (a frame URL, not a data channel). */
export const MAX_APP_URL_LENGTH = 4096;

const show = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * Why `value` may not become an app frame's URL, or `undefined` when it may. `what` names the
 * argument in the message (e.g. `"collaboration.start: url"`). With `origin`, the URL must also
 * be on that origin (a page URL the app reports about itself).
 *
 * @example
 * ```ts
 * appUrlProblem("javascript:alert(1)", "collaboration.start: url");
 * // 'collaboration.start: url must be an http(s) URL, got a javascript: URL ...'
 * ```
 */
export function appUrlProblem(
  value: unknown,
  what: string,
  origin?: string | null,
): string | undefined {
  if (typeof value !== "string" || value.trim() === "")
    return `${what} must be a non-empty string with an absolute http(s) URL`;
  if (value.length > MAX_APP_URL_LENGTH)
    return `${what} is ${value.length} characters long; the limit is ${MAX_APP_URL_LENGTH}: keep state in your app's backend, not in the URL`;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `${what} must be an absolute http(s) URL, got ${show(value)}: pass a full URL such as new URL(path, location.href).href`;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return `${what} must be an http(s) URL, got a ${u.protocol} URL: the client opens only http and https pages in the app panel`;
  if (u.username !== "" || u.password !== "")
    return `${what} must not carry a user name or password (every joiner would get them): authenticate in the app instead`;
  if (origin && u.origin !== origin)
    return `${what} ${show(value)} is not on the app's origin ${origin}`;
  return undefined;
}

/**
 * {@link appUrlProblem} for the simulator's driver API: returns `value` when it may be an app
 * frame's URL.
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` with the reason.
 */
export function checkAppUrl(value: unknown, what: string): string {
  const problem = appUrlProblem(value, what);
  if (problem !== undefined) throw new MeetingError("INVALID_ARGUMENT", problem);
  return value as string;
}

/**
 * The page URL an app call reports (`args.pageUrl`, which `@yiqi/jsapi` fills with
 * `location.href`): `{ url }` to record, `{}` when it reports none, or `{ problem }` when it is
 * not an http(s) URL on the instance's own `origin` (a real client knows its webview's URL; an
 * app cannot make it something else).
 */
export function reportedPageUrl(
  args: unknown,
  origin: string | null,
): { url?: string; problem?: string } {
  const pageUrl = (args as { pageUrl?: unknown } | null)?.pageUrl;
  if (typeof args !== "object" || typeof pageUrl !== "string" || pageUrl === "") return {};
  const problem = appUrlProblem(pageUrl, "pageUrl", origin);
  return problem === undefined ? { url: pageUrl } : { problem };
}
