import assert from "node:assert/strict";
import { test } from "node:test";
import { pinRefusal } from "./viewPin.ts";

const may = (frame: Record<string, unknown>): boolean => pinRefusal(frame, "p2") === undefined;

test("a page pinned to p2 may read the meeting and act as p2's client", () => {
  assert.ok(may({ t: "hello", protocol: 2 }));
  assert.ok(may({ t: "observe", id: 1 }));
  assert.ok(may({ t: "claim", id: 2, participants: ["p2"] }));
  assert.ok(may({ t: "claim", id: 3, participants: ["p2"], takeover: true }));
  assert.ok(may({ t: "open", id: 4, participant: "p2" }));
  assert.ok(may({ t: "call", id: 5, instance: "i1", method: "collaborationStart", args: [] }));
  assert.ok(may({ t: "close", id: 6, instance: "i1" }));
  assert.ok(may({ t: "drive", id: 7, action: "ui.join", args: ["p2"] }));
  assert.ok(may({ t: "drive", id: 8, action: "ui.answerConfirmation", args: ["p2", true] }));
  assert.ok(may({ t: "release", id: 9, participants: ["p2"] }));
});

test("a page pinned to p2 may not act for another participant or on the whole meeting", () => {
  for (const frame of [
    { t: "claim", id: 1, count: 1 },
    { t: "claim", id: 2, participants: ["p3"] },
    { t: "claim", id: 3, participants: ["p2", "p3"] },
    { t: "claim", id: 4, participants: ["p1"], takeover: true },
    { t: "open", id: 5, participant: "p3" },
    { t: "drive", id: 6, action: "ui.join", args: ["p3"] },
    { t: "drive", id: 7, action: "ui.end", args: [] },
    { t: "drive", id: 8, action: "addParticipant", args: [{ nickname: "X" }] },
    { t: "drive", id: 9, action: "removeParticipant", args: ["p2"] },
    { t: "drive", id: 10, action: "setDecisions", args: ["p2"] },
    { t: "reset", id: 11, options: {} },
    { t: "release", id: 12, participants: ["p1"] },
    { t: "somethingNew", id: 13 },
    { t: "constructor", id: 14 },
  ]) {
    const why = pinRefusal(frame, "p2");
    assert.ok(why, `${JSON.stringify(frame)} is refused`);
    assert.match(why, /stands for p2 only/);
  }
});

test("a frame without a type is left for the meeting server to refuse", () => {
  assert.equal(pinRefusal({ id: 1 }, "p2"), undefined);
});
