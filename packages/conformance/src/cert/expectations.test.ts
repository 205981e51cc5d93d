import assert from "node:assert/strict";
import { test } from "node:test";
import { applyExpectations, ciExitCode } from "./applyExpectations.ts";
import { type CertCaseResult, certResult } from "./CertCaseResult.ts";
import { CertError, type CertErrorCode } from "./CertError.ts";
import { certCases } from "./certCases.ts";
import type { Grade } from "./Grade.ts";
import { parseExpectations } from "./parseExpectations.ts";
import { expectationsFromRun, formatExpectations } from "./updateExpectations.ts";

const throwsCode = (input: unknown, code: CertErrorCode, pattern: RegExp, cases = certCases) =>
  assert.throws(
    () => parseExpectations(input, { source: "x.json", cases }),
    (e: unknown) => {
      assert.ok(e instanceof CertError, String(e));
      assert.equal(e.code, code, e.message);
      assert.match(e.message, /^x\.json: /);
      assert.match(e.message, pattern);
      return true;
    },
  );

test("a good file parses and trims", () => {
  const e = parseExpectations(
    JSON.stringify({
      app: " Pixel Party ",
      expectations: [
        { id: "A3.leave.rejoin", grade: "NON-STRICT", reason: " state arrives late " },
      ],
    }),
    { cases: certCases },
  );
  assert.deepEqual(e, {
    app: "Pixel Party",
    expectations: [{ id: "A3.leave.rejoin", grade: "NON-STRICT", reason: "state arrives late" }],
  });
  // Ids of other profiles or generated cases are allowed.
  assert.equal(
    parseExpectations({
      app: "a",
      expectations: [
        { id: "A3.neg.collaboration-start.as-attendee", grade: "FAILED", reason: "r" },
      ],
    }).expectations.length,
    1,
  );
});

test("bad files give coded errors that say where and how to fix", () => {
  throwsCode("{ not json", "EXPECTATIONS_NOT_JSON", /not valid JSON/);
  throwsCode("[]", "EXPECTATIONS_SHAPE", /JSON object/);
  throwsCode({ expectations: [] }, "EXPECTATIONS_SHAPE", /"app"/);
  throwsCode({ app: "a" }, "EXPECTATIONS_SHAPE", /"expectations" must be an array/);
  throwsCode(
    { app: "a", expectations: [1] },
    "EXPECTATIONS_SHAPE",
    /expectations\[0\] must be an object/,
  );
  throwsCode(
    { app: "a", expectations: [{ id: "leave", grade: "OK", reason: "r" }] },
    "EXPECTATIONS_BAD_ID",
    /expectations\[0\]\.id/,
  );
  throwsCode(
    { app: "a", expectations: [{ id: "A3.leave.rejoin", grade: "PASS", reason: "r" }] },
    "EXPECTATIONS_BAD_GRADE",
    /one of OK, NON-STRICT/,
  );
  throwsCode(
    { app: "a", expectations: [{ id: "A3.leave.rejoin", grade: "OK", reason: " " }] },
    "EXPECTATIONS_NO_REASON",
    /why/,
  );
  throwsCode(
    {
      app: "a",
      expectations: [
        { id: "A3.leave.rejoin", grade: "OK", reason: "r" },
        { id: "A3.leave.rejoin", grade: "OK", reason: "r" },
      ],
    },
    "EXPECTATIONS_DUPLICATE",
    /expectations\[1\]: A3\.leave\.rejoin appears twice/,
  );
  throwsCode(
    { app: "a", expectations: [{ id: "A3.event.join", grade: "NON-STRICT", reason: "r" }] },
    "EXPECTATIONS_GRADE_NOT_ALLOWED",
    /MUST case and cannot be NON-STRICT; use one of OK, FAILED, UNIMPLEMENTED/,
  );
  throwsCode(
    { app: "a", expectations: [{ id: "A3.event.join", grade: "OK", reason: "r", note: 1 }] },
    "EXPECTATIONS_SHAPE",
    /unknown keys note/,
  );
});

const result = (id: string, grade: Grade): CertCaseResult => {
  const c = certCases.find((x) => x.id === id);
  assert.ok(c, id);
  return certResult(c, { grade, message: "m" });
};

test("applyExpectations: met, better, worse, unrecorded failures, stale entries", () => {
  const results = [
    result("A3.leave.rejoin", "NON-STRICT"), // expected NON-STRICT: met
    result("A3.reload.recovers", "OK"), // expected FAILED: better (report, don't fail)
    result("A3.event.join", "FAILED"), // expected FAILED: met, does not fail CI
    result("A3.event.end", "FAILED"), // nothing recorded: unexpected MUST failure
    result("A1.load.no-console-error", "NON-STRICT"), // nothing recorded: worse, not fatal
    result("A3.start.canceled-handled", "UNIMPLEMENTED"), // nothing recorded: not a change
  ];
  const applied = applyExpectations(results, [
    { id: "A3.leave.rejoin", grade: "NON-STRICT", reason: "r1" },
    { id: "A3.reload.recovers", grade: "FAILED", reason: "r2" },
    { id: "A3.event.join", grade: "FAILED", reason: "r3" },
    { id: "A9.gone", grade: "OK", reason: "r4" },
  ]);
  assert.deepEqual(
    applied.results.map((r) => r.expectation?.status ?? "-"),
    ["met", "better", "met", "-", "-", "-"],
  );
  assert.deepEqual(
    applied.changes.map((c) => [c.id, c.status, c.expected, c.actual]),
    [
      ["A3.reload.recovers", "better", "FAILED", "OK"],
      ["A3.event.end", "worse", "OK", "FAILED"],
      ["A1.load.no-console-error", "worse", "OK", "NON-STRICT"],
    ],
  );
  assert.match(applied.changes[0]?.message ?? "", /update the expectations file/);
  assert.deepEqual(applied.unexpectedFailures, ["A3.event.end"]);
  assert.deepEqual(
    applied.stale.map((e) => e.id),
    ["A9.gone"],
  );
  assert.equal(ciExitCode(applied), 1);

  const onlyExpected = applyExpectations(
    results.filter((r) => r.id !== "A3.event.end"),
    [{ id: "A3.event.join", grade: "FAILED", reason: "r3" }],
  );
  assert.equal(ciExitCode(onlyExpected), 0);
});

test("a typo'd case id is an error naming the nearest id", () => {
  throwsCode(
    { app: "a", expectations: [{ id: "A3.event.joined", grade: "FAILED", reason: "r" }] },
    "EXPECTATIONS_UNKNOWN_ID",
    /expectations\[0\]\.id "A3\.event\.joined" is not a case .*did you mean "A3\.event\.join"\?/,
  );
  // Without the list of cases the id's form alone is checked (nothing to compare with).
  assert.equal(
    parseExpectations({
      app: "a",
      expectations: [{ id: "A3.event.joined", grade: "FAILED", reason: "r" }],
    }).expectations.length,
    1,
  );
});

test("setup: an optional path; an unknown top-level key is an error ($ keys are allowed)", () => {
  const e = parseExpectations(
    { $schema: "x", app: "a", setup: " ./certify.setup.mjs ", expectations: [] },
    { cases: certCases },
  );
  assert.equal(e.setup, "./certify.setup.mjs");
  throwsCode({ app: "a", setpu: "./s.mjs", expectations: [] }, "EXPECTATIONS_SHAPE", /setpu/);
  throwsCode({ app: "a", setup: 3, expectations: [] }, "EXPECTATIONS_SHAPE", /"setup" must be/);
});

test("expectationsFromRun: one entry per deviation, reasons already written are kept", () => {
  const byId = (id: string) => certCases.find((c) => c.id === id) as (typeof certCases)[number];
  const results = [
    certResult(byId("A3.event.join"), { grade: "FAILED", message: "p1 threw\n twice" }),
    certResult(byId("A3.leave.rejoin"), { grade: "NON-STRICT", message: "late" }),
    certResult(byId("A1.load.reaches-host"), { grade: "OK", message: "ok" }),
    certResult(byId("A3.start.canceled-handled"), { grade: "UNIMPLEMENTED", message: "n/a" }),
  ];
  const next = expectationsFromRun(results, {
    previous: {
      app: "Pixel Party",
      setup: "./s.mjs",
      expectations: [{ id: "A3.leave.rejoin", grade: "NON-STRICT", reason: "issue #42" }],
    },
    app: "ignored",
    date: "2026-11-30",
  });
  assert.deepEqual(next, {
    app: "Pixel Party",
    setup: "./s.mjs",
    expectations: [
      {
        id: "A3.event.join",
        grade: "FAILED",
        reason: "recorded by --update-expectations on 2026-11-30: p1 threw twice",
      },
      { id: "A3.leave.rejoin", grade: "NON-STRICT", reason: "issue #42" },
    ],
  });
  // What it writes parses back, and applied to the same run nothing is unexpected.
  const again = parseExpectations(formatExpectations(next), { cases: certCases });
  assert.equal(ciExitCode(applyExpectations(results, again.expectations)), 0);
});
