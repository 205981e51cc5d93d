import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyObservations, type RunRecord } from "../cert/RunRecord.ts";
import { gradeRun } from "./grade.ts";

/** A run whose load phase showed A1.load.reaches-host FAILED while it ran. */
const record: RunRecord = {
  profile: "collab-basic",
  timeoutMs: 5000,
  settleMs: 500,
  observations: emptyObservations(),
  flow: {
    phases: [
      {
        name: "load",
        window: { from: 0, to: 50 },
        screenshots: [],
        notes: { "A1.load.reaches-host": { grade: "FAILED", message: "p1 never reached" } },
        events: [],
      },
    ],
    run: { from: 0, to: 100 },
    handshakes: [{ participantId: "p1", ms: null, reason: "no SDK" }],
    joins: [],
    digests: [],
    lastActionAt: 0,
    notRun: "not run: the host's app instance never reached the host",
    stopped: null,
    responsive: new Map(),
    trace: [],
  },
};

test("the live tally never goes down: the numbered list starts from what the run showed", () => {
  const lines: string[] = [];
  gradeRun(record, (l) => lines.push(l));
  const counts = lines
    .filter((l) => l.startsWith("["))
    .map((l) => Number(/NOT CERTIFIED \((\d+) MUST failed\)/.exec(l)?.[1] ?? 0));
  assert.ok(counts.length > 10);
  // Before the fix the first numbered line said "so far: certified" (0) after a FAILED was shown.
  assert.equal(counts[0], 1, lines[1]);
  for (let i = 1; i < counts.length; i++)
    assert.ok((counts[i] ?? 0) >= (counts[i - 1] ?? 0), `line ${i}: ${lines[i + 1]}`);
});
