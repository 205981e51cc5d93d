/**
 * The Origin allow-list of the Rooms servers: which web pages may open the control API socket.
 * Raw clients and drivers send no `Origin` and are accepted; browsers always send one, so a page
 * on any site could otherwise drive the device (the default password is public). Decision:
 * `docs/decisions/0205-rooms-origins.md`.
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";

/**
 * The browser origins allowed by default: the harness's own (`yiqi harness` on port 7100). The
 * in-page harness Rooms panel does not use the socket; this keeps pages served by the harness
 * able to.
 */
export const DEFAULT_ROOMS_ALLOWED_ORIGINS: readonly string[] = [
  "http://127.0.0.1:7100",
  "http://localhost:7100",
];

/**
 * Validates and normalizes an allow-list: each entry is a serialized origin
 * (`scheme://host[:port]`, no path), `"null"` (opaque origins: sandboxed frames, `file:`), or
 * `"*"` (any page: only for throwaway setups).
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` for an entry that is not an origin.
 * @example
 * ```ts
 * normalizeOrigins(["https://App.example/"]); // ["https://app.example"]
 * ```
 */
export function normalizeOrigins(list: readonly string[]): string[] {
  return list.map((entry) => {
    if (entry === "*" || entry === "null") return entry;
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      url.origin === "null" ||
      (url.pathname !== "/" && url.pathname !== "") ||
      url.search ||
      url.hash
    )
      throw new MeetingError(
        "INVALID_ARGUMENT",
        `allowed origin ${JSON.stringify(entry)} is not an origin: write scheme://host[:port], e.g. "http://localhost:5173" (or "*" for any page)`,
      );
    return url.origin;
  });
}

const printable = (text: string): string => text.slice(0, 200).replace(/[^\x20-\x7e]/g, "?");

/** What an Origin refusal names: the server, why pages are refused, and how to allow one. */
export interface OriginService {
  /** E.g. "this emulated Tencent Meeting Rooms control API". */
  name: string;
  /** Why web pages are refused unless allowed. */
  risk: string;
  /** The sentence that says how to allow `origin` (already made printable). */
  howToAllow(origin: string): string;
}

/** The Rooms device's wording (the default of {@link originRefusal}). */
export const ROOMS_ORIGIN_SERVICE: OriginService = {
  name: "this emulated Tencent Meeting Rooms control API",
  risk: "since any page could drive the device",
  howToAllow: (o) =>
    `To allow this page, start the device with \`yiqi rooms --allow-origin ${o}\` or startRoomsServer({ allowedOrigins: ["${o}"] }).`,
};

/**
 * Checks a handshake's `Origin` header. Returns `undefined` when it may connect, else the
 * plain-text body of the 403 answer, which names `service` and says how to allow the page.
 *
 * @example
 * ```ts
 * originRefusal(undefined, DEFAULT_ROOMS_ALLOWED_ORIGINS); // undefined: a raw client
 * originRefusal("https://evil.example", DEFAULT_ROOMS_ALLOWED_ORIGINS); // "Origin https://evil.example ..."
 * ```
 */
export function originRefusal(
  origin: string | null | undefined,
  allowed: readonly string[],
  service: OriginService = ROOMS_ORIGIN_SERVICE,
): string | undefined {
  if (origin === undefined || origin === null) return undefined;
  if (allowed.includes("*") || allowed.includes(origin)) return undefined;
  const o = printable(origin);
  return [
    `Origin ${o} may not use ${service.name}: web pages are refused unless allowed, ${service.risk}.`,
    `Allowed origins: ${allowed.length > 0 ? allowed.join(", ") : "none"}.`,
    service.howToAllow(o),
    "",
  ].join("\n");
}
