import assert from "node:assert/strict";
import { test } from "node:test";
import { describeValue } from "./describe.ts";

test("describeValue never throws: objects without a callable toString, deep nesting, long strings", () => {
  assert.equal(describeValue(JSON.parse('{"toString":1}')), '{"toString":1}');
  const deep = JSON.parse(`${"[".repeat(200_000)}${"]".repeat(200_000)}`);
  // V8 under Node overflows its stack here, Deno's does not: either way a short description.
  assert.ok(describeValue(deep).length <= 80);
  assert.equal(describeValue(undefined), "undefined");
  assert.equal(describeValue("x".repeat(500), 10), `"xxxxxxxx…`);
  assert.equal(describeValue(1e308), "1e+308");
});
