/**
 * The certification's JSAPI metadata repeats names from `@yiqi/jsapi` and versions from the
 * simulator as plain strings (so `@yiqi/conformance` has no runtime dependency on them). This
 * suite stops the copies drifting: every API, host method, version and error code named there
 * must be what the emulator actually has.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { JSAPI_METADATA } from "@yiqi/conformance";
import { WemeetErrorCode } from "@yiqi/jsapi";
import { API_GATES } from "@yiqi/mock-host";

test("every API in the metadata is a host method with the simulator's name and version gate", () => {
  assert.ok(JSAPI_METADATA.length >= 8, "the metadata lists the SPEC's APIs");
  for (const m of JSAPI_METADATA) {
    const gate = (API_GATES as Record<string, { name: string; since: string | null }>)[
      m.hostMethod
    ];
    assert.ok(gate, `${m.api}: ${m.hostMethod} is a WemeetHostApi method`);
    assert.equal(gate.name, m.api, `${m.hostMethod}: public name`);
    assert.equal(m.since, gate.since, `${m.api}: first client version`);
  }
});

test("every gated API of the simulator is in the metadata (none escapes negative cases)", () => {
  const covered = new Set(JSAPI_METADATA.map((m) => m.hostMethod));
  const missing = Object.entries(API_GATES)
    .filter(([method, gate]) => gate.since !== null && !covered.has(method))
    .map(([method]) => method);
  assert.deepEqual(missing, []);
});

test("every error a precondition names is a WemeetErrorCode", () => {
  for (const m of JSAPI_METADATA)
    for (const r of m.requires)
      assert.ok(Object.hasOwn(WemeetErrorCode, r.error), `${m.api}: ${r.kind} -> ${r.error}`);
});
