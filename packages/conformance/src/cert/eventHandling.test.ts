import assert from "node:assert/strict";
import { test } from "node:test";
import { handlingReports } from "./eventHandling.ts";
import { type EventDeliveryObservation, gradeEventDelivery } from "./gradeEventDelivery.ts";
import type { SimTraceEntry } from "./RunRecord.ts";

let seq = 0;
const entry = (
  kind: string,
  name: string,
  participantId: string,
  instanceId: string,
  data: unknown,
  t = 100,
): SimTraceEntry => ({ seq: ++seq, t, kind, name, participantId, instanceId, data });

/** p1 (i1) and p2 (i2) report handling; p3 (i3) runs a client that predates reports. */
function sampleTrace(): { trace: SimTraceEntry[]; seqs: Record<string, number> } {
  seq = 0;
  const trace: SimTraceEntry[] = [
    entry("state", "client.reportsHandling", "p1", "i1", { protocol: 1 }, 10),
    entry("state", "client.reportsHandling", "p2", "i2", { protocol: 1 }, 10),
    entry("state", "listener.add", "p1", "i1", { event: "collaboration-change", count: 1 }, 20),
  ];
  const seqs: Record<string, number> = {};
  for (const [p, i] of [
    ["p1", "i1"],
    ["p2", "i2"],
    ["p3", "i3"],
  ] as const) {
    const d = entry("event", "collaboration-change", p, i, { action: "join" });
    seqs[p] = d.seq;
    trace.push(d);
  }
  trace.push(
    entry("state", "event.handled", "p1", "i1", {
      event: "collaboration-change",
      eventSeq: seqs.p1,
      listeners: 1,
      threw: 0,
    }),
    // A report of p1's delivery claimed by another instance is not p2's report.
    entry("state", "event.handled", "p2", "i2", {
      event: "collaboration-change",
      eventSeq: seqs.p1,
      listeners: 1,
      threw: 0,
    }),
  );
  return { trace, seqs };
}

const obs = (extra: Partial<EventDeliveryObservation>): EventDeliveryObservation => ({
  action: "join",
  expected: ["p1", "p2", "p3"],
  received: ["p1", "p2", "p3"],
  handled: [],
  reacted: [],
  errors: [],
  ...extra,
});

test("handlingReports: per delivery of the action, from the entries naming its seq and instance", () => {
  const { trace, seqs } = sampleTrace();
  const all = { from: 0, to: Number.POSITIVE_INFINITY };
  assert.deepEqual(handlingReports({ action: "join", expected: ["p1", "p2", "p3"] }, all, trace), [
    { participantId: "p1", listeners: 1, threw: 0, errors: [] },
    { participantId: "p2", listeners: null, threw: 0, errors: [] },
  ]);
  trace.push(
    entry("state", "event.handled", "p2", "i2", {
      event: "collaboration-change",
      eventSeq: seqs.p2,
      listeners: 1,
      threw: 1,
    }),
    entry("state", "event.handlerError", "p2", "i2", {
      event: "collaboration-change",
      eventSeq: seqs.p2,
      name: "TypeError",
      message: "board is null",
      stack: "TypeError: board is null\n    at onChange (app.js:12:3)\n    at dispatch",
    }),
  );
  const only2 = handlingReports({ action: "join", expected: ["p2"] }, all, trace);
  assert.equal(only2.length, 1, "only the expected participants");
  const [r2] = only2;
  assert.equal(r2?.threw, 1);
  assert.equal(r2?.errors[0]?.message, "board is null");
  assert.deepEqual(handlingReports({ action: "leave", expected: ["p1"] }, all, trace), []);
  assert.deepEqual(
    handlingReports({ action: "join", expected: ["p1"] }, { from: 200, to: 300 }, trace),
    [],
    "outside the window",
  );
});

test("gradeEventDelivery from reports: OK, no listener, threw (with the stack), report missing", () => {
  const ok = gradeEventDelivery([
    obs({
      expected: ["p1"],
      received: ["p1"],
      reports: [{ participantId: "p1", listeners: 2, threw: 0, errors: [] }],
    }),
  ]);
  assert.equal(ok.grade, "OK");
  assert.match(ok.message, /the app's listener ran without throwing, as its client reported\)/);
  assert.doesNotMatch(ok.message, /fallback/);

  const none = gradeEventDelivery([
    obs({
      expected: ["p1"],
      received: ["p1"],
      reacted: ["p1"],
      reports: [{ participantId: "p1", listeners: 0, threw: 0, errors: [] }],
    }),
  ]);
  assert.equal(none.grade, "FAILED", "a report outranks a DOM change");
  assert.match(none.message, /^p1 registers no listener for collaboration-change \(join/);

  const threw = gradeEventDelivery([
    obs({
      expected: ["p1"],
      received: ["p1"],
      reports: [
        {
          participantId: "p1",
          listeners: 1,
          threw: 1,
          errors: [
            {
              name: "TypeError",
              message: "board is null",
              stack: "TypeError: board is null\n    at onChange (app.js:12:3)",
            },
          ],
        },
      ],
    }),
  ]);
  assert.equal(threw.grade, "FAILED");
  assert.equal(
    threw.message,
    "p1's collaboration-change listener threw on join (1 of 1 listener(s)): TypeError: board is null\n    at onChange (app.js:12:3)",
  );

  const missing = gradeEventDelivery([
    obs({
      expected: ["p1"],
      received: ["p1"],
      reports: [{ participantId: "p1", listeners: null, threw: 0, errors: [] }],
    }),
  ]);
  assert.equal(missing.grade, "FAILED");
  assert.match(missing.message, /p1's client reports handling but sent no report/);
});

test("gradeEventDelivery: a client that predates reports is graded by the labelled fallback", () => {
  const g = gradeEventDelivery([
    obs({
      expected: ["p1", "p3"],
      received: ["p1", "p3"],
      reacted: ["p3"],
      reports: [{ participantId: "p1", listeners: 1, threw: 0, errors: [] }],
    }),
  ]);
  assert.equal(g.grade, "OK");
  assert.match(g.message, /for p3 only by the weaker fallback evidence \(a client that predates/);
  const bad = gradeEventDelivery([obs({ expected: ["p3"], received: ["p3"] })]);
  assert.equal(bad.grade, "FAILED");
  assert.match(bad.message, /^p3 received collaboration-change join but the app did not handle it/);
});
