/**
 * What the harness calls an external app (docs/decisions/0009): the name given with `--name`
 * (`appName` of the server), else the `<title>` of the app's page as its server answers it,
 * else the app's host (`localhost:5173`). Never a participant host label such as `p1`.
 */

/** Bounds of reading an app's title. */
export const APP_NAME_LIMITS: {
  /** The app's server must answer within this time. */
  readonly timeoutMs: number;
  /** Only this much of the page is read for its `<title>`. */
  readonly maxBytes: number;
  /** Longer names are cut to this many characters. */
  readonly maxLength: number;
} = { timeoutMs: 3000, maxBytes: 64 * 1024, maxLength: 64 };

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** The text of the first `<title>` of an HTML text, entities decoded, or undefined. */
export function titleOf(html: string): string | undefined {
  const m = /<title(?:\s[^>]*)?>([^<]*)<\/title\s*>/i.exec(html);
  if (!m) return undefined;
  const text = (m[1] as string)
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (all, e: string) => {
      if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? all;
      const code =
        e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    })
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return undefined;
  return [...text].slice(0, APP_NAME_LIMITS.maxLength).join("");
}

/** The fallback name of an app URL: its host (`localhost:5173`). */
export const hostNameOf = (url: URL): string => url.host;

/**
 * Reads the `<title>` of the page at `url` (its first {@link APP_NAME_LIMITS.maxBytes}), as the
 * client of `userAgent` would be served it; undefined when the server does not answer HTML with a
 * title in time. Never throws.
 */
export async function fetchAppTitle(url: URL, userAgent: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, {
      headers: { "user-agent": userAgent, accept: "text/html" },
      redirect: "follow",
      signal: AbortSignal.timeout(APP_NAME_LIMITS.timeoutMs),
    });
    if (!res.ok || !/text\/html/i.test(res.headers.get("content-type") ?? "") || !res.body) {
      await res.body?.cancel();
      return undefined;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    while (size < APP_NAME_LIMITS.maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
      // Stop as soon as the title is complete.
      if (/<\/title/i.test(new TextDecoder().decode(value))) break;
    }
    await reader.cancel().catch(() => {});
    const bytes = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    return titleOf(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
}
