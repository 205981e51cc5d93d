/**
 * `@yiqi/jsapi` and `@yiqi/rooms-rpc` sit side by side in the layers and cannot import each
 * other; the simulator implements both, so it checks here that they share one vocabulary
 * (docs/decisions/0109-api-table.md).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { compareVersions as bridgeCompare } from "@yiqi/bridge";
import { RoleType as JsapiRoleType, compareVersions as jsapiCompare } from "@yiqi/jsapi";
import { RoleType as RoomsRoleType, compareVersions as roomsCompare } from "@yiqi/rooms-rpc";
import { compareVersions } from "./version.ts";

test("one RoleType: the same names and values in the JSAPI and the Rooms API", () => {
  assert.deepEqual({ ...RoomsRoleType }, { ...JsapiRoleType });
  assert.equal(JsapiRoleType.COHOST, 2);
});

test("one version comparison: @yiqi/bridge's, re-exported by jsapi, rooms-rpc and mock-host", () => {
  assert.equal(jsapiCompare, bridgeCompare);
  assert.equal(roomsCompare, bridgeCompare);
  assert.equal(compareVersions, bridgeCompare);
});
