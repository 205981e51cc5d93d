/**
 * `@yiqi/jsapi`'s `JSAPI_TABLE` is the one source of the API's identity (host method, public
 * name, versions); the simulator's gates (`API_GATES`) and certification's metadata
 * (`JSAPI_METADATA`) are derived from it (docs/decisions/0109-api-table.md). This suite checks
 * the derivation in the built packages, as `yiqi certify` loads them: a gate or a metadata entry
 * written by hand again, or a package built from another table, fails here.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { JSAPI_METADATA } from "@yiqi/conformance";
import { firstVersion, HOST_METHODS, JSAPI_TABLE } from "@yiqi/jsapi";
import { API_GATES } from "@yiqi/mock-host";

test("the simulator's gates are JSAPI_TABLE's names and versions, for every host method", () => {
  assert.deepEqual(Object.keys(API_GATES), [...HOST_METHODS]);
  for (const method of HOST_METHODS) {
    const entry = JSAPI_TABLE[method];
    const gate = API_GATES[method];
    assert.equal(gate.name, entry.name, `${method}: public name`);
    assert.deepEqual(gate.versions, entry.versions, `${method}: versions`);
    assert.equal(gate.since, firstVersion(entry.versions), `${method}: first version`);
  }
});

test("certification's metadata is JSAPI_TABLE's gated APIs, in table order, none left out", () => {
  const gated = HOST_METHODS.filter((m) => JSAPI_TABLE[m].versions !== null);
  assert.deepEqual(
    JSAPI_METADATA.map((m) => m.hostMethod),
    gated,
  );
  for (const m of JSAPI_METADATA) {
    const entry = JSAPI_TABLE[m.hostMethod as keyof typeof JSAPI_TABLE];
    assert.equal(m.api, entry.name, `${m.hostMethod}: public name`);
    assert.equal(m.since, firstVersion(entry.versions), `${m.api}: first version`);
    assert.equal(m.section, entry.section, `${m.api}: SPEC section`);
  }
});
