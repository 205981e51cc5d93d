import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { callAnchor, eventAnchor, renderReferenceDoc } from "../scripts/referenceDoc.ts";
import { JSAPI_CLIENT_CALLS, JSAPI_EVENTS, JSAPI_TABLE } from "./apiTable.ts";

const checkedIn = (): string =>
  readFileSync(new URL("../../../docs/reference/jsapi.md", import.meta.url), "utf8");

test("docs/reference/jsapi.md is what the API table generates (run `pnpm --filter @yiqi/jsapi gen:reference`)", () => {
  assert.equal(checkedIn(), renderReferenceDoc());
});

test("the generated reference has one anchor per call and event, and #scenes, #versions, #error-codes", () => {
  const doc = renderReferenceDoc();
  const calls = [
    ...JSAPI_CLIENT_CALLS.map((e) => e.name),
    ...Object.values(JSAPI_TABLE)
      .map((e) => e.name)
      .filter((n) => n !== "environment" && n !== "unknown"),
  ];
  assert.equal(calls.length, 40, "the reference documents 40 calls");
  for (const name of calls) assert.ok(doc.includes(`<a id="${callAnchor(name)}"></a>`), name);
  assert.equal(Object.keys(JSAPI_EVENTS).length, 6, "and 6 events");
  for (const name of Object.keys(JSAPI_EVENTS))
    assert.ok(doc.includes(`<a id="${eventAnchor(name)}"></a>`), name);
  for (const id of ["scenes", "versions", "error-codes"])
    assert.ok(doc.includes(`<a id="${id}"></a>`), id);
  assert.ok(doc.includes('<a id="wemeet-app-compare"></a>'));
});
