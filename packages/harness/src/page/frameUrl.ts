/**
 * Where each participant's app frame points. The `yiqi harness` server gives participant N its
 * own origin `http://p<N>.<app>.localhost:PORT` (docs/decisions/0005). A session URL the starter's
 * instance reported (its own origin) is rewritten to the joiner's origin, so every participant
 * stays on its own origin, as every real participant runs the app in their own webview.
 *
 * A frame is only ever given a URL on the app's own origins (docs/decisions/0107): with the
 * server, this app's participant origins; without it (dev fallback), the dev server's origin.
 * Anything else (`javascript:`, `data:`, `about:`, another app, the harness itself) is refused
 * with the reason, so app-chosen URLs can never run code on the harness origin.
 *
 * @module
 */
import { parseParticipantHost, participantOrigin } from "../participantHost.ts";

/** The app URL participant `n` sees for app `appId` at `path` (path + query). */
export function participantAppUrl(n: number, appId: string, port: number, path = "/"): string {
  return `${participantOrigin(n, appId, port)}${path.startsWith("/") ? path : `/${path}`}`;
}

/** Whose origins a frame may load: the app's source (see `AppSource` in `serverConfig.ts`). */
export interface FrameOrigins {
  /** The app's URL as the simulator knows it (participant 1's origin when served). */
  url: string;
  /** The server's app id; `null` in dev fallback (no `yiqi harness` server). */
  appId: string | null;
  /** The server port; `null` in dev fallback. */
  port: number | null;
}

/** A frame URL, or why there is none. */
export type FrameUrl = { ok: true; url: string } | { ok: false; reason: string };

const show = (s: string): string => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * The URL participant `n`'s frame loads for the simulator's `url`: rewritten to participant
 * `n`'s origin if it is on one of this app's participant origins; in dev fallback, unchanged
 * if it is on the dev server's origin; refused otherwise.
 *
 * @example
 * ```ts
 * const app = { url: "http://p1.demo.localhost:4000/", appId: "demo", port: 4000 };
 * frameUrlFor("http://p1.demo.localhost:4000/?x=1", 3, app);
 * // { ok: true, url: "http://p3.demo.localhost:4000/?x=1" }
 * frameUrlFor("javascript:alert(1)", 3, app); // { ok: false, reason: "... not an http(s) URL ..." }
 * ```
 */
export function frameUrlFor(url: string, n: number, app: FrameOrigins): FrameUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: `${show(url)} is not an absolute URL` };
  }
  // The URL parser has normalised case, whitespace and control characters of the scheme.
  if (u.protocol !== "http:" && u.protocol !== "https:")
    return { ok: false, reason: `${show(url)} is not an http(s) URL (${u.protocol})` };
  if (u.username !== "" || u.password !== "")
    return { ok: false, reason: `${show(url)} carries a user name or password` };
  if (app.appId === null || app.port === null) {
    const origin = originOf(app.url);
    return u.origin === origin
      ? { ok: true, url: u.href }
      : { ok: false, reason: `${show(url)} is not on the app's origin ${origin}` };
  }
  const host = parseParticipantHost(u.hostname);
  const own = participantOrigin(1, app.appId, app.port);
  if (host?.appId !== app.appId || u.protocol !== "http:" || u.port !== String(app.port))
    return {
      ok: false,
      reason: `${show(url)} is not on this app's participant origins (${own.replace("p1.", "p<N>.")})`,
    };
  u.hostname = `p${n}.${host.appId}.localhost`;
  return { ok: true, url: u.href };
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "null";
  }
}

/** The number N of participant id `pN`, or `fallback` for ids of another form. */
export function participantNumber(id: string, fallback: number): number {
  const m = /^p([1-9]\d{0,2})$/.exec(id);
  return m ? Number(m[1]) : fallback;
}
