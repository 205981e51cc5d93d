/**
 * The headers the proxy passes between a participant host and the app's server. `Origin` and
 * `Referer` are forwarded truthfully: only the app's own participant origins are mapped to the
 * app's real origin (it is the app, seen through the proxy); any other origin reaches the app's
 * server unchanged, so its own origin checks (CORS, CSRF, HMR) still refuse it.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { clientHints } from "./clientScript.ts";
import type { ParticipantClient } from "./participantClients.ts";
import type { UpstreamTarget } from "./upstreamTarget.ts";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "host",
]);

/**
 * The request headers for the app's server: hop-by-hop headers dropped, `Host` the app's own,
 * bodies uncompressed (they may be rewritten), `Origin`/`Referer` mapped as described above. A
 * `Referer` that is not a URL is dropped. With `client`, `User-Agent` is that participant's
 * client's (docs/decisions/0008) and the client hints the browser sent agree with it.
 *
 * @param isAppOrigin whether an origin is one of this app's participant origins.
 * @param client the participant's client, whose user agent the app's server sees.
 */
export function requestHeaders(
  headers: IncomingHttpHeaders,
  target: UpstreamTarget,
  isAppOrigin: (origin: string) => boolean,
  client?: ParticipantClient,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
  out.host = target.host;
  out["accept-encoding"] = "identity";
  if (client) {
    out["user-agent"] = client.userAgent;
    const hints = clientHints(client);
    if (out["sec-ch-ua-platform"] !== undefined) out["sec-ch-ua-platform"] = `"${hints.platform}"`;
    if (out["sec-ch-ua-mobile"] !== undefined) out["sec-ch-ua-mobile"] = hints.mobile ? "?1" : "?0";
  }
  const origin = headers.origin;
  if (typeof origin === "string" && isAppOrigin(origin)) out.origin = target.origin;
  const referer = headers.referer;
  if (typeof referer === "string") {
    let url: URL | undefined;
    try {
      url = new URL(referer);
    } catch {
      delete out.referer;
    }
    if (url && isAppOrigin(url.origin))
      out.referer = `${target.origin}${url.pathname}${url.search}`;
  }
  return out;
}

/**
 * The response headers for the participant: hop-by-hop headers dropped, framing refusals removed
 * (the harness embeds the app, as the client does), redirects to the app's origin made relative.
 */
export function responseHeaders(
  headers: IncomingHttpHeaders,
  target: UpstreamTarget,
): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || k === "x-frame-options") continue;
    if (k === "content-security-policy" && typeof v === "string") {
      const csp = withoutFrameAncestors(v);
      if (csp) out[k] = csp;
      continue;
    }
    if (k === "location" && typeof v === "string" && sameOriginUrl(v, target.origin)) {
      out[k] = v.slice(target.origin.length) || "/";
      continue;
    }
    out[k] = v;
  }
  return out;
}

/**
 * A `Content-Security-Policy` value without its `frame-ancestors` directives, in every policy:
 * Node joins repeated headers with ", ", and each comma-separated policy is enforced on its own
 * (a second header's `frame-ancestors 'none'` would otherwise still refuse the harness's frame).
 * Policies left empty are dropped; `""` when none is left.
 */
export function withoutFrameAncestors(value: string): string {
  return value
    .split(",")
    .map((policy) =>
      policy
        .split(";")
        .filter((d) => !/^\s*frame-ancestors\b/i.test(d))
        .join(";"),
    )
    .filter((policy) => policy.replace(/;/g, "").trim() !== "")
    .join(",");
}

/** Whether absolute URL `url` is on `origin` (not merely prefixed by it, like `:51730`). */
const sameOriginUrl = (url: string, origin: string): boolean =>
  url === origin ||
  (/^[/?#]/.test(url.slice(origin.length, origin.length + 1)) && url.startsWith(origin));
