/**
 * The emulated webview's user agent against reference §2 (Loading and environment, PRE): the Mac
 * UA is PRE's example byte for byte; Windows is Chrome 77 (decision 0120).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { userAgentFor } from "./userAgent.ts";

test("UA (§2 Loading and environment, PRE): Mac is the documented example byte for byte", () => {
  assert.equal(
    userAgentFor({ platform: "Mac", clientVersion: "2.19.0.5", district: 0 }),
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) arch/x86_64 app/tencent_wemeet os_name/Mac os_version/10.15.7 app_version/2.19.0.5 c_district/0",
  );
});

test("UA (§2 Loading and environment, PRE): Windows uses Chrome 77, so its UA carries Chrome/77", () => {
  const ua = userAgentFor({ platform: "Windows", clientVersion: "3.14.0.400", district: 1 });
  assert.equal(
    ua,
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/77.0.3865.120 Safari/537.36 arch/x86_64 app/tencent_wemeet os_name/Windows os_version/10.0 app_version/3.14.0.400 c_district/1",
  );
  // What an app that gates features on the engine reads.
  assert.equal(/\bChrome\/(\d+)/.exec(ua)?.[1], "77");
});
