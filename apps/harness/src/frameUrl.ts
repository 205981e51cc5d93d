/**
 * Where each participant's app frame points. The `yiqi harness` server gives participant N its
 * own origin `http://p<N>.<app>.localhost:PORT` (docs/decisions/0005). A session URL the starter's
 * instance reported (its own origin) is rewritten to the joiner's origin, so every participant
 * stays on its own origin, as every real participant runs the app in their own webview.
 *
 * @module
 */

const PARTICIPANT_HOST = /^p[1-9]\d{0,2}\.([a-z0-9]{1,32})\.localhost$/;

/** The app URL participant `n` sees for app `appId` at `path` (path + query). */
export function participantAppUrl(n: number, appId: string, port: number, path = "/"): string {
  return `http://p${n}.${appId}.localhost:${port}${path.startsWith("/") ? path : `/${path}`}`;
}

/**
 * Rewrites `url` to participant `n`'s origin if it is on any participant origin; returns other
 * URLs unchanged (dev fallback: one shared dev server).
 *
 * @example
 * ```ts
 * frameUrlFor("http://p1.demo.localhost:4000/?x=1", 3); // "http://p3.demo.localhost:4000/?x=1"
 * ```
 */
export function frameUrlFor(url: string, n: number): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const m = PARTICIPANT_HOST.exec(u.hostname);
  if (!m) return url;
  u.hostname = `p${n}.${m[1]}.localhost`;
  return u.toString();
}

/** The number N of participant id `pN`, or `fallback` for ids of another form. */
export function participantNumber(id: string, fallback: number): number {
  const m = /^p([1-9]\d{0,2})$/.exec(id);
  return m ? Number(m[1]) : fallback;
}
