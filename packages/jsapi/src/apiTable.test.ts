import assert from "node:assert/strict";
import { test } from "node:test";
import { HOST_METHODS, JSAPI_EVENTS, JSAPI_TABLE } from "./apiTable.ts";
import { describeVersions, firstVersion, isVersionSupported } from "./versionRanges.ts";

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
  const gap = [{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }];
  assert.equal(isVersionSupported("3.29.0", gap), true);
  assert.equal(isVersionSupported("3.30.0", gap), false, "the upper bound is exclusive");
  assert.equal(isVersionSupported("3.31.0", gap), false);
  assert.equal(isVersionSupported("3.36.0", gap), true);
  assert.equal(isVersionSupported("2.9", gap), false);
  assert.equal(isVersionSupported("0.0.1", null), true, "null: never gated");
  assert.equal(describeVersions(gap), "3.0.0 up to (not incl.) 3.30.0 or 3.36.0+");
  assert.equal(describeVersions([{ from: "3.12.0" }]), "3.12.0", "one open range: the since");
});

test("ui.exitFullscreen (§5 UI, EXITFS): 3.29.x patch and build clients have it; only 3.30–3.35 lack it", () => {
  const { versions } = JSAPI_TABLE.uiExitFullscreen;
  for (const v of ["3.0.0", "3.29.0", "3.29.1", "3.29.0.500", "3.29.99", "3.36.0", "3.40.1"])
    assert.equal(isVersionSupported(v, versions), true, v);
  for (const v of ["2.99.0", "3.30.0", "3.30.0.100", "3.33.2", "3.35.9.900"])
    assert.equal(isVersionSupported(v, versions), false, v);
});

test("every closed range of the table has an exclusive upper bound that is a .0 release", () => {
  for (const e of Object.values(JSAPI_TABLE))
    for (const r of e.versions ?? []) {
      assert.equal("to" in r, false, `${e.name}: write the upper bound as before (exclusive)`);
      if (r.before !== undefined) assert.match(r.before, /^\d+\.\d+\.0$/, e.name);
    }
});
