/**
 * The participant hosts of the harness (docs/decisions/0005): participant N sees app `<app>` at
 * `http://p<N>.<app>.localhost:<port>`, its own origin. One grammar for everyone who reads or
 * writes these hosts: the server's routing and origin checks, the page's frame URLs, and the
 * certification runner. Web-standard; runs anywhere.
 *
 * @example
 * ```ts
 * import { parseParticipantHost, participantOrigin } from "@yiqi/harness";
 *
 * parseParticipantHost("p2.ab12cd34.localhost"); // { participant: 2, appId: "ab12cd34" }
 * participantOrigin(3, "demo", 7100); // "http://p3.demo.localhost:7100"
 * ```
 * @module
 */

/** Participant N (1–999) and the app id (`demo` or 1–32 lower-case letters and digits). */
export interface ParticipantHost {
  participant: number;
  appId: string;
}

const PARTICIPANT_HOST = /^p([1-9]\d{0,2})\.([a-z0-9]{1,32})\.localhost$/;

/** The participant and app of a hostname (no port), or `undefined` when it is not one. */
export function parseParticipantHost(hostname: string): ParticipantHost | undefined {
  const m = PARTICIPANT_HOST.exec(hostname);
  return m ? { participant: Number(m[1]), appId: m[2] as string } : undefined;
}

/** The origin at which participant `n` sees app `appId` on `port`. */
export function participantOrigin(participant: number, appId: string, port: number): string {
  return `http://p${participant}.${appId}.localhost:${port}`;
}
