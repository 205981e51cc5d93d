import assert from "node:assert/strict";
import { test } from "node:test";
import { checkParams, FN, obj } from "./apiParams.ts";
import { JSAPI_TABLE } from "./apiTable.ts";

test("checkParams: required fields, documented values and URL schemes say what to pass", () => {
  const share = JSAPI_TABLE.appShareWebAppWindow;
  assert.match(
    checkParams(share.name, share.params, {}),
    /app\.shareWebAppWindow: mode is required/,
  );
  assert.match(
    checkParams(share.name, share.params, { mode: 3 }),
    /mode must be one of 1, 2, got 3/,
  );
  assert.equal(checkParams(share.name, share.params, { mode: 2 }), "");
  const soa = JSAPI_TABLE.appSetShareOpenAppConfig;
  assert.match(checkParams(soa.name, soa.params, { pcUrl: "ftp://x" }), /http:\/\/ or https:\/\//);
  assert.equal(checkParams(soa.name, soa.params, { pcUrl: "" }), "", "empty = not shown (SOA-MD)");
  assert.match(checkParams(soa.name, soa.params, "x"), /pass an options object/);
});

test("checkParams: the client checks only callbacks, the simulator only data; unknown keys pass", () => {
  const spec = obj({ url: { type: "string", required: true }, fail: FN });
  assert.equal(checkParams("x", spec, { fail: () => {} }, "data"), "", "url is the host's job");
  assert.match(checkParams("x", spec, { url: "u", fail: 1 }, "data"), /fail must be function/);
  assert.equal(checkParams("x", spec, { url: "u", extra: 1 }, "functions"), "");
  assert.match(checkParams("x", spec, {}, "functions"), /url is required/);
});

test("checkParams: value parameters (app.compare's version) and optional objects", () => {
  const value = {
    kind: "value",
    name: "version",
    field: { type: "string", required: true },
  } as const;
  assert.match(checkParams("app.compare", value, 3), /version must be string, got number/);
  const opt = JSAPI_TABLE.collaborationEnd.params;
  assert.equal(checkParams("collaboration.end", opt, undefined), "");
});
