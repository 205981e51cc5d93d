/**
 * Which participant a URL belongs to: every participant's app runs on its own origin,
 * `p<N>.<app>.localhost` on the harness's port.
 *
 * @module
 */
import { parseParticipantHost } from "@yiqi/harness";

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
    const host = parseParticipantHost(new URL(url).hostname);
    return host && `p${host.participant}`;
  } catch {
    return undefined;
  }
}
