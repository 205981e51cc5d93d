import assert from "node:assert/strict";
import { test } from "node:test";
import { PROFILES } from "./CertCase.ts";
import { CertError } from "./CertError.ts";
import { casesForProfile, certCases } from "./certCases.ts";
import { LEVELS } from "./Grade.ts";
import { generateNegativeCases } from "./generateNegativeCases.ts";
import { type ApiMetadata, JSAPI_METADATA, versionsOutside } from "./jsapiMetadata.ts";

const ID = /^A[1-4]\.[a-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

test("every case has a stable, unique id that starts with its section", () => {
  const all = [...certCases, ...generateNegativeCases()];
  const ids = all.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length, "duplicate ids");
  for (const c of all) {
    assert.match(c.id, ID, c.id);
    assert.ok(c.id.startsWith(`${c.section}.`), c.id);
    assert.ok(LEVELS.includes(c.level), c.id);
    assert.ok(c.profiles.length > 0 && c.profiles.every((p) => PROFILES.includes(p)), c.id);
    assert.ok(c.title.length > 10 && c.description.length > 10, c.id);
  }
});

test("the catalogue covers the cases the certification issue lists", () => {
  const ids = new Set(certCases.map((c) => c.id));
  for (const id of [
    "A1.load.no-uncaught-error",
    "A1.load.reaches-host",
    "A3.event.start",
    "A3.event.join",
    "A3.event.leave",
    "A3.event.end",
    "A3.join.session-url",
    "A3.start.failed-handled",
    "A3.start.canceled-handled",
    "A3.start.attendee-rejected",
    "A3.session.no-uncaught-error",
    "A3.leave.closes-cleanly",
    "A3.leave.rejoin",
    "A3.end.closes-all",
    "A3.reload.recovers",
    "A2.args.match-spec",
    "A4.unknown.calls-listed",
    "A3.convergence.digest",
  ])
    assert.ok(ids.has(id), id);
});

test("collab-full is a superset of collab-basic, and only full gets negatives", () => {
  const basic = casesForProfile("collab-basic", { usedApis: ["collaboration.start"] });
  const full = casesForProfile("collab-full", { usedApis: ["collaboration.start"] });
  const fullIds = new Set(full.map((c) => c.id));
  for (const c of basic) assert.ok(fullIds.has(c.id), c.id);
  assert.ok(basic.every((c) => !c.negative));
  assert.ok(full.some((c) => c.negative));
  assert.ok(full.length > basic.length);
});

test("an unknown profile is a coded error that names the profiles", () => {
  assert.throws(
    () => casesForProfile("collab-extreme"),
    (e: unknown) =>
      e instanceof CertError && e.code === "UNKNOWN_PROFILE" && /collab-basic/.test(e.message),
  );
});

test("negatives are generated for the APIs the app used, by role, version and state", () => {
  const cases = generateNegativeCases(["collaborationStart", "collaboration.join", "nope.nothing"]);
  assert.deepEqual(
    cases.map((c) => c.id),
    [
      "A3.neg.collaboration-start.client-3-11-0",
      "A3.neg.collaboration-start.as-attendee",
      "A3.neg.collaboration-start.session-active",
      "A3.neg.collaboration-join.client-3-11-0",
      "A3.neg.collaboration-join.no-session",
      "A3.neg.collaboration-join.already-joined",
    ],
  );
  const attendee = cases[1];
  assert.equal(
    attendee?.title,
    "collaboration.start as an attendee reports FAILED and rejects NOT_PERMITTED; the app survives",
  );
  assert.deepEqual(attendee?.negative, {
    api: "collaboration.start",
    hostMethod: "collaborationStart",
    condition: { kind: "role", role: "attendee" },
    error: "NOT_PERMITTED",
    status: "FAILED",
  });
  assert.deepEqual(cases[0]?.negative?.condition, { kind: "clientVersion", version: "3.11.0" });
  assert.equal(cases[0]?.negative?.error, "UNSUPPORTED_VERSION");
  assert.ok(cases.every((c) => c.level === "MUST" && c.profiles.join() === "collab-full"));
  assert.equal(cases[4]?.decision, true);
});

test("every metadata row yields one negative per version gap, missing platform, auth and precondition", () => {
  const platforms = new Set(JSAPI_METADATA.flatMap((m) => m.platforms));
  for (const m of JSAPI_METADATA) {
    const n = generateNegativeCases([m.api]).length;
    const missing = [...platforms].filter((p) => !m.platforms.includes(p)).length;
    const outside = m.versions ? versionsOutside(m.versions).length : 0;
    assert.equal(n, outside + missing + (m.auth ? 1 : 0) + m.requires.length, m.api);
  }
  assert.equal(
    generateNegativeCases(["app.getRunningContext"])[0]?.negative?.condition.kind,
    "clientVersion",
  );
  assert.match(generateNegativeCases(["app.getRunningContext"])[0]?.id ?? "", /client-3-10-0$/);
  assert.deepEqual(generateNegativeCases([]), []);
});

test("negatives from the API table: a version gap, a platform that lacks it, missing auth", () => {
  const base: ApiMetadata = JSAPI_METADATA[0] as ApiMetadata;
  const table: ApiMetadata[] = [
    {
      ...base,
      api: "ui.exitFullscreen",
      hostMethod: "uiExitFullscreen",
      ref: "docs/reference/jsapi.md#wemeet-ui-exitFullscreen",
      since: "3.0.0",
      versions: [{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }],
      platforms: ["Windows", "Mac"],
      auth: false,
      requires: [],
    },
    {
      ...base,
      api: "meeting.getUserList",
      hostMethod: "meetingGetUserList",
      ref: "docs/reference/jsapi.md#wemeet-meeting-getUserList",
      since: "3.2.0",
      versions: [{ from: "3.2.0" }],
      platforms: ["Windows", "Mac", "iOS", "Android"],
      auth: true,
      requires: [],
    },
  ];
  const ids = generateNegativeCases(["ui.exitFullscreen", "meeting.getUserList"], table).map(
    (c) => c.id,
  );
  assert.deepEqual(ids, [
    "A3.neg.ui-exitFullscreen.client-2-99-0",
    "A3.neg.ui-exitFullscreen.client-3-30-0",
    "A3.neg.ui-exitFullscreen.on-ios",
    "A3.neg.ui-exitFullscreen.on-android",
    "A3.neg.meeting-getUserList.client-3-1-0",
    "A3.neg.meeting-getUserList.no-auth",
  ]);
  const [, gap, ios] = generateNegativeCases(["ui.exitFullscreen"], table);
  assert.match(
    gap?.title ?? "",
    /client 3\.30\.0 rejects UNSUPPORTED_VERSION \(needs 3\.0\.0 up to \(not incl\.\) 3\.30\.0 or 3\.36\.0\+\)/,
  );
  assert.deepEqual(ios?.negative?.condition, { kind: "platform", platform: "iOS" });
  assert.equal(ios?.negative?.error, "UNSUPPORTED_PLATFORM");
  assert.equal(ios?.ref, "docs/reference/jsapi.md#wemeet-ui-exitFullscreen");
  // A gap too narrow for a version inside it yields none: before 3.30.0, then 3.30.0.
  assert.deepEqual(versionsOutside([{ from: "3.0.0", before: "3.30.0" }, { from: "3.30.0" }]), [
    "2.99.0",
  ]);
});
