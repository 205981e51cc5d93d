/**
 * Where a proxied request goes: always the registered app's origin, with only the path and query
 * taken from the request (docs/decisions/0006).
 */
import type { RequestTarget } from "./requestTarget.ts";

/** An upstream request: the app's origin plus the request's path, kept apart. */
export interface UpstreamTarget {
  readonly protocol: "http:" | "https:";
  /** Hostname for `connect`/`request` (IPv6 without brackets). */
  readonly hostname: string;
  readonly port: number;
  /** `Host` header value (the app's own). */
  readonly host: string;
  /** The app's origin, e.g. `http://localhost:5173`. */
  readonly origin: string;
  /** Path and query from the request, verbatim. */
  readonly path: string;
}

/**
 * Builds the upstream target from the app's registered URL and the request's target. Nothing of
 * the request can change the origin: the path is never resolved against it as a URL.
 *
 * @example
 * ```ts
 * upstreamTarget(new URL("http://localhost:5173/"), parseRequestTarget("//evil:1/x")!);
 * // { origin: "http://localhost:5173", path: "//evil:1/x", ... }
 * ```
 */
export function upstreamTarget(app: URL, request: RequestTarget): UpstreamTarget {
  const protocol = app.protocol === "https:" ? "https:" : "http:";
  const hostname = app.hostname.startsWith("[") ? app.hostname.slice(1, -1) : app.hostname;
  return {
    protocol,
    hostname,
    port: Number(app.port || (protocol === "https:" ? 443 : 80)),
    host: app.host,
    origin: app.origin,
    path: request.path,
  };
}
