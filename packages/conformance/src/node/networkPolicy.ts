/**
 * What the certification browser may reach: the harness (its page and every participant's
 * `p<N>.<app>.localhost` view of the app, all on the harness's port), the app's own origin, and
 * origins the caller allows explicitly. Everything else is refused before it leaves the browser,
 * so an app under test cannot reach, say, a local Rooms device (`ws://127.0.0.1:6295`) or other
 * loopback services of the machine that runs the certification. See docs/decisions/0301.
 *
 * @module
 */
import { parseParticipantHost } from "@yiqi/harness";
import { CertError } from "../cert/CertError.ts";

/** The inputs of {@link certifyNetworkPolicy}. */
export interface NetworkPolicyOptions {
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  harnessUrl: string;
  /** The app under test (`demo` or its http(s) URL). */
  appUrl: string;
  /** More origins the app may reach (`--allow-origin`), e.g. `https://api.example.com`. */
  allowOrigins?: readonly string[];
}

/** A compiled policy: which URLs the browser may request. */
export interface NetworkPolicy {
  /** The origins allowed, for the report (participant hosts shown as a pattern). */
  readonly allowed: readonly string[];
  /** True when a request to `url` may leave the browser. */
  allows(url: string | URL): boolean;
}

/** Schemes that never touch the network. */
const LOCAL_SCHEMES = new Set(["data:", "blob:", "about:"]);

/** `ws:` / `wss:` URLs compared as the `http:` / `https:` origin they upgrade from. */
const httpOrigin = (u: URL): string => {
  const protocol = u.protocol === "ws:" ? "http:" : u.protocol === "wss:" ? "https:" : u.protocol;
  const defaultPort = protocol === "https:" ? "443" : "80";
  const port = u.port && u.port !== defaultPort ? `:${u.port}` : "";
  return `${protocol}//${u.hostname}${port}`;
};

/**
 * Parses an `--allow-origin` value into an origin (`scheme://host[:port]`); a path is refused so
 * that nobody believes it narrows anything.
 *
 * @throws {CertError} `BAD_OPTIONS` for anything that is not an http(s) or ws(s) origin.
 */
export function parseAllowedOrigin(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new CertError(
      "BAD_OPTIONS",
      `--allow-origin "${value}" is not an origin: pass e.g. https://api.example.com or ws://127.0.0.1:6295`,
    );
  }
  if (!["http:", "https:", "ws:", "wss:"].includes(u.protocol))
    throw new CertError(
      "BAD_OPTIONS",
      `--allow-origin "${value}" must be an http(s) or ws(s) origin, e.g. https://api.example.com`,
    );
  if ((u.pathname !== "/" && u.pathname !== "") || u.search || u.hash || u.username)
    throw new CertError(
      "BAD_OPTIONS",
      `--allow-origin "${value}" must be an origin only (scheme://host[:port]), without path, query or credentials`,
    );
  return httpOrigin(u);
}

/**
 * The policy of a certification run.
 *
 * @example
 * ```ts
 * const policy = certifyNetworkPolicy({ harnessUrl: "http://127.0.0.1:7100/", appUrl: "demo" });
 * policy.allows("http://p2.demo.localhost:7100/"); // true
 * policy.allows("ws://127.0.0.1:6295/"); // false
 * ```
 */
export function certifyNetworkPolicy(options: NetworkPolicyOptions): NetworkPolicy {
  const harness = new URL(options.harnessUrl);
  const harnessOrigin = httpOrigin(harness);
  // Tencent's SDK URL is not allowed: the harness server answers it with the shim on every
  // participant origin (decision 0008), so one that escaped is blocked and reported.
  const origins = new Set<string>([harnessOrigin]);
  if (options.appUrl !== "demo") origins.add(httpOrigin(new URL(options.appUrl)));
  for (const o of options.allowOrigins ?? []) origins.add(parseAllowedOrigin(o));
  const participantPattern = `http://p<N>.<app>.localhost:${harness.port}`;
  return {
    allowed: [...origins, participantPattern],
    allows(url: string | URL): boolean {
      let u: URL;
      try {
        u = typeof url === "string" ? new URL(url) : url;
      } catch {
        return false;
      }
      if (LOCAL_SCHEMES.has(u.protocol)) return true;
      if (!["http:", "https:", "ws:", "wss:"].includes(u.protocol)) return false;
      const origin = httpOrigin(u);
      if (origins.has(origin)) return true;
      return (
        origin.startsWith("http:") &&
        u.port === harness.port &&
        parseParticipantHost(u.hostname) !== undefined
      );
    },
  };
}
