/**
 * Which participant a URL belongs to: every participant's app runs on its own origin,
 * `p<N>.<app>.localhost` on the harness's port.
 *
 * @module
 */

/**
 * `p2` from `http://p2.1a2b3c4d.localhost:7100/...`; undefined for other URLs.
 *
 * @example
 * ```ts
 * participantOfUrl("http://p2.1a2b3c4d.localhost:7100/index.html"); // "p2"
 * ```
 */
export function participantOfUrl(url: string): string | undefined {
  try {
    const m = /^(p\d+)\.[^.]+\.localhost$/.exec(new URL(url).hostname);
    return m?.[1];
  } catch {
    return undefined;
  }
}
