/** The remote view's URL parameters: `view=shared`, `claim=`, `join=`, `local=1`, `meeting=`. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { meetingLinkOf, parseRemoteView } from "./remoteBackend.ts";

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
