import assert from "node:assert/strict";
import { test } from "node:test";
import { type CaseGrader, caseGraders } from "./caseGraders.ts";
import { type CaseId, certCases } from "./certCases.ts";
import { gradingContext } from "./gradingContext.ts";
import { emptyObservations, type FlowRecord, type RunRecord } from "./RunRecord.ts";

const record = (flow: Partial<FlowRecord>): RunRecord => ({
  profile: "collab-full",
  timeoutMs: 5000,
  settleMs: 500,
  observations: emptyObservations(),
  flow: {
    phases: [],
    run: { from: 0, to: 100 },
    handshakes: [],
    joins: [],
    digests: [],
    lastActionAt: 0,
    notRun: null,
    stopped: null,
    responsive: new Map(),
    trace: [],
    ...flow,
  },
});

test("caseGraders: one grader per catalogue case, none other", () => {
  assert.deepEqual(Object.keys(caseGraders).sort(), certCases.map((c) => c.id).sort());
  // @ts-expect-error a table that misses a catalogue id does not type-check
  const partial: Record<CaseId, CaseGrader> = {
    "A1.load.reaches-host": caseGraders["A1.load.reaches-host"],
  };
  const renamed: Partial<Record<CaseId, CaseGrader>> = {
    // @ts-expect-error nor does one with an id the catalogue does not have (a renamed case)
    "A3.event.joined": caseGraders["A3.event.join"],
  };
  assert.ok(partial && renamed);
});

test("caseGraders: a flow that did not run leaves the flow's cases UNIMPLEMENTED, saying why", () => {
  const ctx = gradingContext(
    record({
      notRun: "not run: the host's app instance never reached the host",
      handshakes: [{ participantId: "p1", ms: null, reason: "no SDK" }],
      phases: [
        { name: "load", window: { from: 0, to: 50 }, screenshots: [], notes: {}, events: [] },
      ],
    }),
  );
  assert.equal(caseGraders["A1.load.reaches-host"](ctx).grading.grade, "FAILED");
  for (const id of [
    "A3.start.host-succeeds",
    "A3.event.join",
    "A3.leave.rejoin",
    "A3.convergence.digest",
  ] as const) {
    const { grading } = caseGraders[id](ctx);
    assert.equal(grading.grade, "UNIMPLEMENTED", id);
    assert.match(grading.message, /never reached the host/, id);
  }
});

test("caseGraders: decided cases come from their phase, with that phase's evidence", () => {
  const shot = { file: "screenshots/left.png", caption: "left" };
  const ctx = gradingContext(
    record({
      phases: [
        {
          name: "leave",
          window: { from: 10, to: 20 },
          screenshots: [shot],
          notes: { "A3.leave.closes-cleanly": { grade: "FAILED", message: "p3 did not close" } },
          events: [
            {
              action: "leave",
              expected: ["p1", "p2"],
              received: ["p1"],
              handled: ["p1"],
              reacted: [],
              errors: [],
            },
          ],
        },
      ],
    }),
  );
  const left = caseGraders["A3.leave.closes-cleanly"](ctx);
  assert.equal(left.grading.message, "p3 did not close");
  assert.deepEqual(left.evidence, { phases: ["leave"], screenshots: ["leave"] });
  assert.match(caseGraders["A3.event.leave"](ctx).grading.message, /p2 did not receive/);
  assert.equal(caseGraders["A3.end.closes-all"](ctx).grading.grade, "UNIMPLEMENTED");
});
