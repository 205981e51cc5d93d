/**
 * Who a browser request comes from, by its `Origin`: the harness page, a participant of an app,
 * or anyone else (docs/decisions/0006).
 */
import { parseParticipantHost } from "../participantHost.ts";

/** The origins at which the harness page itself is served on `port`. */
export function harnessOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
}

/** Whether `origin` is the harness page's own origin on `port`. */
export function isHarnessOrigin(origin: string | undefined, port: number): boolean {
  return origin !== undefined && harnessOrigins(port).includes(origin);
}

/**
 * Whether `origin` is a participant origin of app `appId` on `port`
 * (`http://p<N>.<appId>.localhost:<port>`): the app itself, as the harness serves it.
 */
export function isParticipantOrigin(
  origin: string | undefined,
  appId: string,
  port: number,
): boolean {
  const prefix = "http://";
  const suffix = `:${port}`;
  if (origin === undefined || !origin.startsWith(prefix) || !origin.endsWith(suffix)) return false;
  return parseParticipantHost(origin.slice(prefix.length, -suffix.length))?.appId === appId;
}
