import assert from "node:assert/strict";
import { test } from "node:test";
import { compareVersions } from "./version.ts";

test("compareVersions: by numeric segment; missing and non-numeric segments read as 0", () => {
  assert.equal(compareVersions("3.12.0.400", "3.12"), 1);
  assert.equal(compareVersions("3.9.0", "3.13.190"), -1, "numeric, not lexical");
  assert.equal(compareVersions("3.13.190", "3.13.190"), 0);
  assert.equal(compareVersions("3.12", "3.12.0.0"), 0);
  assert.equal(compareVersions("character.1.2", "0.1.2"), 0, "Tencent's own example");
  assert.equal(compareVersions("3.12.x", "3.12.0"), 0);
  assert.equal(compareVersions("3.190-beta", "3.0"), 0, "a segment with letters is not a number");
  assert.equal(compareVersions("", "0"), 0);
});
