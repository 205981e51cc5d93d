import assert from "node:assert/strict";
import { test } from "node:test";
import { allowedGrades, GRADES, isGrade, normalizeGrade, violationGrade } from "./Grade.ts";

test("the grade set is closed and ordered best to worst", () => {
  assert.deepEqual(GRADES, ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED"]);
  assert.equal(isGrade("PASS"), false);
  assert.equal(isGrade("NON-STRICT"), true);
});

test("a MUST either holds or FAILED: NON-STRICT on a MUST is impossible", () => {
  assert.deepEqual(allowedGrades("MUST"), ["OK", "FAILED", "UNIMPLEMENTED"]);
  assert.equal(normalizeGrade("MUST", "NON-STRICT"), "FAILED");
  assert.equal(normalizeGrade("MUST", "INFORMATIONAL"), "FAILED");
  assert.equal(normalizeGrade("MUST", "UNIMPLEMENTED"), "UNIMPLEMENTED");
});

test("violations map to the level's grade", () => {
  assert.equal(violationGrade("SHOULD"), "NON-STRICT");
  assert.equal(violationGrade("MAY"), "INFORMATIONAL");
  assert.equal(normalizeGrade("SHOULD", "FAILED"), "NON-STRICT");
  assert.equal(normalizeGrade("MAY", "FAILED"), "INFORMATIONAL");
  assert.equal(normalizeGrade("MAY", "OK"), "OK");
});
