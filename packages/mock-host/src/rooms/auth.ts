/**
 * Handshake credentials of the emulated Rooms device: which subprotocol to echo, whether the
 * offered `auth-` credential matches (exactly one per handshake, compared in constant time), and
 * the in-band answer an unauthenticated connection gets. Web-standard only (browsers, Deno).
 *
 * Decisions: `docs/decisions/0201-rooms-auth.md`, `0206-rooms-auth-limits.md`.
 *
 * @module
 */
import { passwordFromProtocol, type RoomsResult } from "@yiqi/rooms-rpc";
import { type AuthLimiter, clientKey } from "./limits.ts";

/**
 * How a connection authenticated: `ok`; `missing` = no `auth-` protocol; `wrong` = bad password;
 * `multiple` = more than one `auth-` protocol (one handshake, one credential); `locked` = too
 * many failed attempts from this client, refused without looking at the password.
 */
export type RoomsAuth = "ok" | "missing" | "wrong" | "multiple" | "locked";

/** Splits `Sec-WebSocket-Protocol` (a string with or without spaces, or a list) into names. */
export const normalizeProtocols = (p: string | readonly string[] | undefined): string[] =>
  p === undefined
    ? []
    : (typeof p === "string" ? [p] : [...p])
        .flatMap((s) => s.split(","))
        .map((s) => s.trim())
        .filter(Boolean);

/**
 * The subprotocol to echo: the first `auth-` one offered, else the first one. Echoing it even
 * when the password is wrong lets every client read the in-band error.
 */
export const selectProtocol = (p: string | readonly string[] | undefined): string | undefined => {
  const list = normalizeProtocols(p);
  return list.find((x) => x.startsWith("auth-")) ?? list[0];
};

const encoder = new TextEncoder();

/**
 * Compares two strings in time that depends only on their lengths, not on where they differ
 * (no `node:crypto` here: this module runs in browsers and Deno too).
 *
 * @example
 * ```ts
 * constantTimeEqual("123456", "123457"); // false
 * ```
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.max(x.length, y.length);
  let diff = x.length ^ y.length;
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/**
 * Checks the offered subprotocols against `password`. Exactly one `auth-` credential is
 * considered: offering several (one connection trying many passwords) is `multiple`.
 */
export function checkCredential(
  protocols: string | readonly string[] | undefined,
  password: string,
): Exclude<RoomsAuth, "locked"> {
  const offered = normalizeProtocols(protocols).filter((p) => p.startsWith("auth-"));
  if (offered.length === 0) return "missing";
  if (offered.length > 1) return "multiple";
  const given = passwordFromProtocol(offered[0]!);
  return given !== undefined && constantTimeEqual(given, password) ? "ok" : "wrong";
}

/** The in-band answer to every request on a connection that did not authenticate. */
export function refusal(auth: Exclude<RoomsAuth, "ok">, retryAfterMs = 0): RoomsResult {
  switch (auth) {
    case "missing":
      return {
        error_code: 5,
        message:
          'authentication failed: offer the subprotocol "auth-" + encodeURIComponent(btoa(password))',
      };
    case "multiple":
      return {
        error_code: 4,
        message:
          "request header error: offer exactly one auth- subprotocol per connection (several were offered; this counts as a failed attempt)",
      };
    case "locked":
      return {
        error_code: 10,
        message: `too frequent: too many failed password attempts from this client; try again in ${Math.max(1, Math.ceil(retryAfterMs / 1000))} s, with the password set on the Rooms`,
      };
    default:
      return {
        error_code: 16,
        message: "control API password failed: check the password set on the Rooms",
      };
  }
}

/** The outcome of a handshake, decided before the upgrade (see `RoomsDevice.admit`). */
export interface RoomsAdmission {
  /** How the connection authenticated. */
  readonly auth: RoomsAuth;
  /** The subprotocol to echo in the handshake, if any. */
  readonly protocol: string | undefined;
  /** With `locked`: milliseconds until this client may try again. */
  readonly retryAfterMs: number;
  /** The limiter key of the client (see `clientKey`). */
  readonly client: string;
}

/**
 * Decides a handshake: checks the one `auth-` credential unless the client is locked out, and
 * records the outcome with the limiter. A handshake without any `auth-` credential is not a
 * password attempt and is neither counted nor locked (it is answered 5).
 */
export function admitHandshake(
  protocols: string | readonly string[] | undefined,
  address: string | undefined,
  password: string,
  limiter: AuthLimiter | undefined,
): RoomsAdmission {
  const client = clientKey(address);
  const protocol = selectProtocol(protocols);
  const offers = normalizeProtocols(protocols).some((p) => p.startsWith("auth-"));
  // A locked-out client is refused before its password is even decoded.
  const wait = offers ? (limiter?.retryAfter(client) ?? 0) : 0;
  if (wait > 0) return { auth: "locked", protocol, retryAfterMs: wait, client };
  const checked = checkCredential(protocols, password);
  if (checked === "ok") limiter?.succeeded(client);
  else if (checked !== "missing") limiter?.failed(client);
  return { auth: checked, protocol, retryAfterMs: 0, client };
}
