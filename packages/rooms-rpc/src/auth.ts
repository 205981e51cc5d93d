/**
 * The `auth-` WebSocket subprotocol that carries the control API password
 * (docs/reference/rooms.md#auth).
 *
 * @module
 */

/** The prefix of the authentication subprotocol: `"auth-"`. */
export const AUTH_PROTOCOL_PREFIX = "auth-";

const toBase64 = (text: string): string => {
  // btoa only takes Latin-1; encode the password as UTF-8 bytes first so any password works.
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};

const fromBase64 = (b64: string): string | undefined => {
  try {
    const binary = atob(b64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * The subprotocol the official sample sends: `auth-` + `encodeURIComponent(btoa(password))`.
 * With `{ urlEncode: false }` it returns the raw `auth-` + `btoa(password)` form a public
 * third-party driver sends (browsers and `ws` refuse that form when it contains `/` or `=`).
 * The password is encoded as UTF-8 first, so any password works. Never throws.
 *
 * @example
 * ```ts
 * authProtocol("123456"); // "auth-MTIzNDU2"
 * new WebSocket("ws://192.168.1.20:6295", [authProtocol("123456")]);
 * ```
 */
export function authProtocol(password: string, options: { urlEncode?: boolean } = {}): string {
  const b64 = toBase64(password);
  return AUTH_PROTOCOL_PREFIX + (options.urlEncode === false ? b64 : encodeURIComponent(b64));
}

/**
 * Reads the password back from an `auth-` subprotocol in either form (URL-encoded or not).
 * Returns `undefined` when the value is not an `auth-` protocol or does not decode.
 *
 * @example
 * ```ts
 * passwordFromProtocol(authProtocol("123456")); // "123456"
 * ```
 */
export function passwordFromProtocol(protocol: string): string | undefined {
  if (!protocol.startsWith(AUTH_PROTOCOL_PREFIX)) return undefined;
  const credential = protocol.slice(AUTH_PROTOCOL_PREFIX.length);
  let b64 = credential;
  if (credential.includes("%")) {
    try {
      b64 = decodeURIComponent(credential);
    } catch {
      return undefined;
    }
  }
  return fromBase64(b64);
}
