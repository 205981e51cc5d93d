/**
 * Printing untrusted text (arguments, frames from the wire) on a terminal.
 *
 * @module
 */

// C0 controls (ESC included), DEL, C1 controls, bidi overrides/isolates/marks, line separators.
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes one line safe to print on a terminal: control characters and bidi controls from the
 * wire (e.g. an unauthenticated frame carrying `ESC ]0;…`) are shown as escapes (`\x1b`,
 * `\n`, `\u202e`) instead of being interpreted. Backslashes are left as they are.
 *
 * @example
 * ```ts
 * escapeTerminal("a\u001b[2Jb"); // "a\\x1b[2Jb"
 * ```
 */
export function escapeTerminal(line: string): string {
  return line.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
