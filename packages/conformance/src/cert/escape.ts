/**
 * Escaping for the HTML and XML reports. App-provided strings (error messages, trace data, URLs)
 * are data, never markup.
 *
 * @module
 */

const HTML: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Characters XML 1.0 forbids even as references (C0 controls other than tab, LF, CR; lone
 * surrogates; U+FFFE/U+FFFF). They are replaced by U+FFFD so the file stays well-formed.
 */
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes text for XML content and attribute values, replacing characters XML cannot carry. In
 * attributes, newlines and tabs become references so parsers keep them.
 */
export function escapeXml(text: string, attribute = false): string {
  const safe = text.replace(XML_INVALID, "\uFFFD").replace(/[&<>"']/g, (c) => HTML[c] ?? c);
  return attribute
    ? safe.replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;")
    : safe;
}
