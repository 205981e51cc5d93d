/**
 * The request target of an incoming request, accepted in origin-form only (`/path?query`). The
 * harness is not a forward proxy: absolute-form (`http://host/…`), authority-form and `*` are
 * refused, and the path is kept verbatim, so `//host:port/x` is a path, never a host.
 */

/** The path and query of a request, as it arrived. */
export interface RequestTarget {
  /** Path and query, verbatim (what is forwarded upstream). */
  readonly path: string;
  /** The path without the query, verbatim (what the server routes on). */
  readonly pathname: string;
  /** The query's parameters. */
  readonly searchParams: URLSearchParams;
}

/**
 * Parses `raw` (`req.url`) as an origin-form request target.
 *
 * @returns the target, or null when `raw` is not a path starting with `/`.
 * @example
 * ```ts
 * parseRequestTarget("//evil:1/x?a=1")?.pathname; // "//evil:1/x" (a path on the app's origin)
 * parseRequestTarget("http://evil/"); // null
 * ```
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (raw === undefined || !raw.startsWith("/")) return null;
  const q = raw.indexOf("?");
  const pathname = q === -1 ? raw : raw.slice(0, q);
  // URLSearchParams decodes leniently and never throws.
  const searchParams = new URLSearchParams(q === -1 ? "" : raw.slice(q + 1));
  return { path: raw, pathname, searchParams };
}

/** What to tell a client whose request target is not origin-form. */
export const NOT_ORIGIN_FORM =
  "Yiqi accepts only origin-form request targets (a path such as /index.html): it is not a forward proxy. Request the path on the host you want, e.g. GET /page with Host: p1.<app>.localhost:PORT.";
