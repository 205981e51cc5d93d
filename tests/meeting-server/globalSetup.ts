/**
 * Starts the meeting server (unless YIQI_MEETING_URL gives one), joins the host (p1) as its own
 * view and starts 一起用, so that every worker joins one session; hands the session to the
 * workers in YIQI_MEETING_SESSION. The teardown checks the host saw every worker's participants
 * join: the meeting converged across processes.
 */
import { MEETING_URL_ENV, startSharedMeeting } from "@yiqi/conformance/playwright";
import { joinMeetingServer } from "@yiqi/mock-host/node";
import { PARTICIPANTS_PER_WORKER, SESSION_ENV, WORKERS } from "./load.ts";

// biome-ignore lint/style/noDefaultExport: Playwright runs a globalSetup module's default export
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = process.env[MEETING_URL_ENV] ? null : await startSharedMeeting();
  const url = process.env[MEETING_URL_ENV] as string;
  const hostView = await joinMeetingServer(url, { participants: ["p1"] });
  const host = hostView.participants[0];
  if (!host) throw new Error("the meeting server gave no host participant");
  await host.wemeet.collaboration.start();
  const ctx = await host.wemeet.collaboration.getContext();
  process.env[SESSION_ENV] = JSON.stringify({ activeID: ctx.activeID, url: ctx.url });
  return async () => {
    const joins = host.events.filter(
      (e) =>
        e.name === "collaboration-change" && (e.payload as { action?: string }).action === "join",
    ).length;
    await hostView.close();
    await server?.close();
    const want = WORKERS * PARTICIPANTS_PER_WORKER;
    if (joins !== want)
      throw new Error(
        `the host saw ${joins} joins, expected ${want}: the meeting did not converge`,
      );
  };
}
