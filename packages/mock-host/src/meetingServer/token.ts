/**
 * The per-meeting token a view presents in its link (`?token=`): 128 random bits, compared in
 * constant time. Web Crypto only.
 *
 * @module
 */

/** A new token: 16 random bytes (128 bits), base64url without padding (22 characters). */
export function createMeetingToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Whether a token has at least 128 bits' worth of characters (22 base64url characters). */
export const MIN_TOKEN_LENGTH = 22;

/**
 * Compares a presented token with the meeting's in time that depends only on the lengths, not
 * on where they differ.
 */
export function tokensEqual(presented: string | null | undefined, expected: string): boolean {
  if (typeof presented !== "string") return false;
  const a = new TextEncoder().encode(presented);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(a.length, 1)] ?? 0) ^ (b[i] as number);
  return diff === 0;
}
