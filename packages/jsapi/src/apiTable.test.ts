import assert from "node:assert/strict";
import { test } from "node:test";
import {
  describeVersions,
  firstVersion,
  HOST_METHODS,
  isVersionSupported,
  JSAPI_EVENTS,
  JSAPI_TABLE,
} from "./apiTable.ts";

test("HOST_METHODS is the table's methods, in table order", () => {
  assert.deepEqual(HOST_METHODS, Object.keys(JSAPI_TABLE));
  assert.equal(HOST_METHODS[0], "getEnvironment");
  assert.equal(HOST_METHODS.at(-1), "invokeUnknown");
});

test("the documented versions: collaboration 3.12.0, getRunningContext 3.11.0", () => {
  assert.equal(firstVersion(JSAPI_TABLE.collaborationStart.versions), "3.12.0");
  assert.equal(firstVersion(JSAPI_TABLE.appGetRunningContext.versions), "3.11.0");
  assert.equal(firstVersion(JSAPI_TABLE.getEnvironment.versions), null);
  assert.equal(JSAPI_EVENTS["collaboration-change"].since, "3.12.0");
  const needsAuth = Object.values(JSAPI_TABLE)
    .filter((e) => e.auth)
    .map((e) => e.name)
    .sort();
  assert.deepEqual(needsAuth, [
    "data.getPhoneNumber",
    "meeting.getCurrMeetingInfo",
    "meeting.getUserInfo",
    "meeting.getUserList",
    "ui.openExternalPage",
    "ui.openVirtualBackgroundSetting",
    "ui.setVirtualBackground",
    "ui.setVirtualBackgroundByType",
  ]);
});

test("version ranges: open, closed and with a gap (ui.exitFullscreen's shape)", () => {
  const gap = [{ from: "3.0.0", to: "3.29.0" }, { from: "3.36.0" }];
  assert.equal(isVersionSupported("3.29.0.100", gap), false, "3.29.0.100 is past 3.29.0");
  assert.equal(isVersionSupported("3.29.0", gap), true);
  assert.equal(isVersionSupported("3.31.0", gap), false);
  assert.equal(isVersionSupported("3.36.0", gap), true);
  assert.equal(isVersionSupported("2.9", gap), false);
  assert.equal(isVersionSupported("0.0.1", null), true, "null: never gated");
  assert.equal(describeVersions(gap), "3.0.0–3.29.0 or 3.36.0+");
  assert.equal(describeVersions([{ from: "3.12.0" }]), "3.12.0", "one open range: the since");
});
