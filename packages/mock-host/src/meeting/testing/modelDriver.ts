/**
 * A driver written against {@link MeetingModel} (awaits every change, reads at once), run
 * unchanged against a local `Meeting` (meetingModel.test.ts) and a remote replica
 * (remoteMeeting.test.ts). Test-only (not published).
 *
 * @module
 */
import assert from "node:assert/strict";
import type { Awaitable, MeetingModel } from "../meetingModel.ts";

/**
 * The host opens the app, its client connects (`connect`), the host clicks 一起用 and the guest
 * joins from the invitation. Answers the session's members (starter first).
 */
export async function startAndJoin(
  m: MeetingModel,
  host: string,
  guest: string,
  connect: (pid: string) => Awaitable<unknown>,
): Promise<string[]> {
  const opened = await m.ui.openApp(host);
  assert.equal(opened.ok, true);
  await connect(host);
  const started = await m.ui.clickStart(host);
  assert.equal(started.ok, true);
  const joined = await m.ui.join(guest);
  assert.equal(joined.ok, true);
  const session = m.session();
  return session ? [session.starterId, ...session.joined] : [];
}
