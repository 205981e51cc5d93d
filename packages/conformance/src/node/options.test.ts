import assert from "node:assert/strict";
import { test } from "node:test";
import { CertError } from "../cert/CertError.ts";
import {
  CERTIFY_DEFAULTS,
  checkAppUrl,
  checkParticipants,
  checkProfile,
  checkTimeoutSeconds,
  parseDuration,
  runConfig,
} from "./options.ts";

const base = { startHarness: () => Promise.reject(new Error("unused")), shim: "" };
const badOptions = (fn: () => unknown, message: RegExp): void =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof CertError && e.code === "BAD_OPTIONS" && message.test(e.message),
  );

test("runConfig: defaults", () => {
  const cfg = runConfig(base);
  assert.equal(cfg.app, "demo");
  assert.equal(cfg.profile, CERTIFY_DEFAULTS.profile);
  assert.equal(cfg.participants, 3);
  assert.equal(cfg.timeoutMs, 30_000);
  assert.equal(cfg.settleMs, 600);
  assert.equal(cfg.reportDir, undefined);
});

test("runConfig: every option is checked (BAD_OPTIONS, with what to pass)", () => {
  badOptions(
    () => runConfig({ ...base, profile: "collab-max" }),
    /unknown profile "collab-max": use collab-basic or collab-full/,
  );
  badOptions(
    () => runConfig({ ...base, participants: 9 }),
    /participants must be a whole number from 2 to 8 \(got 9\)/,
  );
  badOptions(() => runConfig({ ...base, timeoutMs: 0 }), /the timeout must be a positive number/);
  badOptions(
    () => runConfig({ ...base, allowOrigins: ["https://x.example/path"] }),
    /--allow-origin/,
  );
  badOptions(() => runConfig({ ...base, appUrl: "file:///tmp/app.html" }), /not an http\(s\) URL/);
  badOptions(
    () => runConfig({ ...base, appUrl: "localhost:5173" }),
    /not an http\(s\) URL|not a URL/,
  );
});

test("the checks the CLI shares name its flags", () => {
  assert.equal(checkProfile("collab-full"), "collab-full");
  assert.equal(checkParticipants("4", "--participants"), 4);
  badOptions(
    () => checkParticipants("abc", "--participants"),
    /^--participants must be a whole number from 2 to 8 \(got abc\)/,
  );
  assert.equal(checkTimeoutSeconds("2.5"), 2500);
  badOptions(
    () => checkTimeoutSeconds("0.5"),
    /^--timeout must be a number of seconds from 1 to 600 \(got 0\.5\)$/,
  );
  assert.equal(checkAppUrl("http://localhost:5173/").port, "5173");
  badOptions(() => checkAppUrl("nope"), /"nope" is not a URL: pass the app's full address/);
});

test("parseDuration: 90s, 5m, 1m30s, plain seconds; nonsense and out of range say the form", () => {
  assert.equal(parseDuration("90s"), 90_000);
  assert.equal(parseDuration("5m"), 300_000);
  assert.equal(parseDuration("1m30s"), 90_000);
  assert.equal(parseDuration("120"), 120_000);
  assert.equal(parseDuration("1h"), 3_600_000);
  for (const bad of ["", "soon", "5x", "3s", "25h", "-1m"])
    badOptions(() => parseDuration(bad), /--budget must be a duration from 10s to 24h/);
});
