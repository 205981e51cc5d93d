/**
 * Safe, short descriptions of untrusted values for error messages and log causes.
 *
 * Frames are attacker-controlled: `String(x)` and template literals throw on objects whose
 * `toString` is not callable (`{"toString":1}`), and `JSON.stringify` throws `RangeError` on deep
 * nesting. Messages must describe bad input, never fail on it.
 *
 * @module
 */

/**
 * Describes `value` as JSON, cut to `max` characters; never throws.
 *
 * @example
 * ```ts
 * describeValue({ toString: 1 }); // '{"toString":1}'
 * describeValue("x".repeat(500), 10); // '"xxxxxxxxx…'
 * ```
 */
export function describeValue(value: unknown, max = 80): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? typeof value;
  } catch {
    // Too deep to stringify (RangeError): name the type instead.
    text = Array.isArray(value) ? "a deeply nested array" : `a deeply nested ${typeof value}`;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
