/**
 * The remote view's URL parameters: `view=shared`, `claim=`, `join=`, `local=1`, `meeting=`;
 * and what a view tells its page (a takeover is a move, a reset from elsewhere a problem).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting } from "@yiqi/mock-host";
import { connectRemoteMeeting, startMeetingServer } from "@yiqi/mock-host/node";
import { meetingLinkOf, parseRemoteView, remoteBackend } from "./remoteBackend.ts";

/** Resolves once `done()` holds (polled), or fails saying `what` after 5 s. */
async function until(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("a full view by default; view=shared takes claim= and join=", () => {
  const problems: string[] = [];
  assert.deepEqual(parseRemoteView("", problems), { shared: false, claim: [], join: 0 });
  assert.deepEqual(parseRemoteView("?view=shared&claim=p3,%20p4&join=2", problems), {
    shared: true,
    claim: ["p3", "p4"],
    join: 2,
  });
  assert.deepEqual(problems, []);
});

test("bad parameters are said and ignored", () => {
  const problems: string[] = [];
  const view = parseRemoteView("?view=mine&claim=p0,alice,p2&join=-1", problems);
  assert.deepEqual(view, { shared: false, claim: [], join: 0 });
  assert.equal(problems.length, 4);
  assert.match(problems[0] ?? "", /view must be "shared"/);
  assert.match(problems[1] ?? "", /claim takes participant ids p1…p999; ignored p0, alice/);
  assert.match(problems[2] ?? "", /join must be a whole number/);
  assert.match(problems[3] ?? "", /apply with view=shared only/);
  const full: string[] = [];
  parseRemoteView("?join=3", full);
  assert.match(full[0] ?? "", /apply with view=shared only/);
});

test("the server's link wins over ?meeting=, and local=1 keeps the page's own simulator", () => {
  assert.equal(meetingLinkOf("?meeting=ws://b/m", "ws://a/m"), "ws://a/m");
  assert.equal(meetingLinkOf("?meeting=ws://b/m", undefined), "ws://b/m");
  assert.equal(meetingLinkOf("?local=1", "ws://a/m"), null);
  assert.equal(meetingLinkOf("", undefined), null);
});

test("a participant taken over by another view is a move, not a problem; a reset from another view is", async () => {
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });
  const server = await startMeetingServer({ port: 0, meeting });
  const page = await connectRemoteMeeting(server.url);
  const phone = await connectRemoteMeeting(server.url);
  try {
    const problems: string[] = [];
    const moves: [string[], string][] = [];
    remoteBackend(
      page,
      { shared: false, claim: [], join: 0 },
      {
        report: (problem) => problems.push(problem),
        moved: (ids, reason) => moves.push([ids, reason]),
      },
    );
    await page.claim(["p1", "p2"]);
    // The phone opened p2's join link (takeover=1).
    await phone.claim(["p2"], { takeover: true });
    await until(() => moves.length === 1, "the move");
    assert.deepEqual(moves[0]?.[0], ["p2"]);
    assert.match(moves[0]?.[1] ?? "", /joined from another view/);
    assert.deepEqual(problems, []);
    // Another full view resetting the meeting takes it from the page: that is a problem.
    await phone.reset();
    await until(() => problems.length === 1, "the reset problem");
    assert.match(problems[0] ?? "", /reset from another view/);
    assert.equal(moves.length, 1);
  } finally {
    await page.close();
    await phone.close();
    await server.close();
  }
});
