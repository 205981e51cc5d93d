/** The inputs of a JSAPI signature (SPEC A4). */
export interface SignatureInput {
  corpId: string;
  sdkId: string;
  timestamp: number | string;
  nonceStr: string;
  /** The page URL; its `#fragment` is removed before signing. */
  url: string;
  ticket: string;
}

/**
 * Remove the `#fragment` of a URL, as the signature rules require.
 *
 * @example
 * ```ts
 * stripFragment("https://app.example/page?a=1#x"); // "https://app.example/page?a=1"
 * ```
 */
export function stripFragment(url: string): string {
  const i = url.indexOf("#");
  return i === -1 ? url : url.slice(0, i);
}

/**
 * The string that is hashed:
 * `corp_id=…&sdk_id=…&timestamp=…&nonce_str=…&url=…&ticket=…` (values as given, not encoded).
 */
export function signaturePayload(input: SignatureInput): string {
  return (
    `corp_id=${input.corpId}&sdk_id=${input.sdkId}&timestamp=${input.timestamp}` +
    `&nonce_str=${input.nonceStr}&url=${stripFragment(input.url)}&ticket=${input.ticket}`
  );
}

/**
 * Compute a JSAPI signature: lowercase hex SHA-256 (Web Crypto) of {@link signaturePayload}.
 * App servers and tests use it to sign what `permission.agentConfig` / `permission.config` send.
 *
 * @param input The values the app will pass, and the ticket its server obtained.
 * @returns The 64-character lowercase hex digest.
 * @example
 * ```ts
 * const { ticket } = meeting.auth.issueTicket();
 * const signature = await computeSignature({
 *   corpId, sdkId, timestamp, nonceStr, url: "https://app.example/", ticket,
 * });
 * ```
 */
export async function computeSignature(input: SignatureInput): Promise<string> {
  const data = new TextEncoder().encode(signaturePayload(input));
  const digest = await crypto.subtle.digest("SHA-256", data);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
