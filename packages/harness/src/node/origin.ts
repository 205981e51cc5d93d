/**
 * Who a browser request comes from, by its `Origin`: the harness page, a participant of an app,
 * or anyone else (docs/decisions/0006).
 */

const PARTICIPANT_ORIGIN = /^http:\/\/p([1-9]\d{0,2})\.([a-z0-9]{1,32})\.localhost:(\d{1,5})$/;

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
  if (origin === undefined) return false;
  const m = PARTICIPANT_ORIGIN.exec(origin);
  return m !== null && m[2] === appId && Number(m[3]) === port;
}
