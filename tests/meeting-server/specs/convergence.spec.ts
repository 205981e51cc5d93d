import { expect, expectConverged, sharedMeetingTest as test } from "@yiqi/conformance/playwright";
import { PARTICIPANTS_PER_WORKER, SESSION_ENV } from "../load.ts";

test.use({ participantsPerWorker: PARTICIPANTS_PER_WORKER });

const session = JSON.parse(process.env[SESSION_ENV] ?? "null") as {
  activeID: string;
  url: string;
} | null;

// One test per worker (fullyParallel, WORKERS workers): each brings its participants.
for (const name of ["worker A", "worker B"]) {
  test(`${name}: every participant joins the one session and sees it`, async ({
    sharedMeeting,
  }) => {
    expect(session, "the global setup started a session").not.toBeNull();
    expect(sharedMeeting.participants).toHaveLength(PARTICIPANTS_PER_WORKER);
    await Promise.all(sharedMeeting.participants.map((p) => p.wemeet.collaboration.join()));
    const states = await expectConverged(sharedMeeting.participants, { expected: session });
    expect(states.every((s) => s.session?.activeID === session?.activeID)).toBe(true);
  });
}
