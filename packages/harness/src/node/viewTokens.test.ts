import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { test } from "node:test";
import { createMeetingToken } from "@yiqi/mock-host";
import { credentialOf, viewRefusal, viewToken, viewTokens } from "./viewTokens.ts";

const meeting = createMeetingToken();

test("a participant's token is its id and 128 bits of HMAC-SHA256(meeting token, yiqi-view:pN)", () => {
  const mac = createHmac("sha256", meeting).update("yiqi-view:p2").digest().subarray(0, 16);
  assert.equal(viewToken(meeting, "p2"), `p2.${mac.toString("base64url")}`);
  assert.equal(viewToken(meeting, "p2"), viewToken(meeting, "p2"), "derived: nothing stored");
  assert.notEqual(viewToken(meeting, "p2"), viewToken(meeting, "p3"));
  assert.notEqual(viewToken(meeting, "p2"), viewToken(createMeetingToken(), "p2"));
  assert.ok(!viewToken(meeting, "p2").includes(meeting), "the meeting's token is not in it");
});

test("a token is made for participant ids p1 … p999 only, with a message that says so", () => {
  for (const id of ["p0", "p1000", "admin", "{participant}", ""])
    assert.throws(
      () => viewToken(meeting, id),
      (e: Error) => e.name === "HarnessServerError" && /p1 … p999/.test(e.message),
      id,
    );
  const all = viewTokens(meeting);
  assert.equal(Object.keys(all).length, 999);
  assert.equal(all.p999, viewToken(meeting, "p999"));
});

test("what a presented token admits: the meeting, one participant, or nothing", () => {
  assert.deepEqual(credentialOf(meeting, meeting), { kind: "meeting" });
  assert.deepEqual(credentialOf(viewToken(meeting, "p7"), meeting), {
    kind: "participant",
    participant: "p7",
  });
  const p2 = viewToken(meeting, "p2");
  for (const wrong of [
    null,
    undefined,
    "",
    "x".repeat(22),
    // Another participant's id on p2's MAC, a MAC of another meeting, a cut token.
    p2.replace(/^p2\./, "p3."),
    viewToken(createMeetingToken(), "p2"),
    p2.slice(0, -1),
    `${p2}A`,
  ])
    assert.equal(credentialOf(wrong, meeting), undefined, String(wrong));
});

test("a participant's token opens its own view only; the meeting's token opens every view", () => {
  const p2 = { kind: "participant", participant: "p2" } as const;
  assert.equal(viewRefusal({ kind: "meeting" }, undefined, "socket"), undefined);
  assert.equal(viewRefusal({ kind: "meeting" }, "p3", "page"), undefined);
  assert.equal(viewRefusal(p2, "p2", "page"), undefined);
  assert.equal(viewRefusal(p2, "p2", "socket"), undefined);
  const page = viewRefusal(p2, "p3", "page");
  assert.equal(page?.status, 403);
  assert.equal(page?.code, "TOKEN_FOR_ANOTHER_PARTICIPANT");
  assert.match(page?.message ?? "", /p2's: it opens p2's page \(\/p\/p2\) only/);
  const unpinned = viewRefusal(p2, undefined, "socket");
  assert.equal(unpinned?.code, "TOKEN_FOR_ANOTHER_PARTICIPANT");
  assert.match(unpinned?.message ?? "", /connect with \?participant=p2/);
  assert.match(viewRefusal(p2, "p1", "socket")?.message ?? "", /p2 only, not p1/);
});
