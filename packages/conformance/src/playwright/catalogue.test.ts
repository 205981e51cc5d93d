import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CertCaseResult } from "../cert/CertCaseResult.ts";
import { CertError } from "../cert/CertError.ts";
import type { CertifyOutcome } from "../node/certify.ts";
import { parseCatalogue, resolveAppUrl, withDefaults } from "./catalogue.ts";
import { verdictLine } from "./verdictLine.ts";

/** The message of the CertError `fn` throws (fails when it throws nothing or another error). */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof CertError, String(error));
    return `${error.code}: ${error.message}`;
  }
  return assert.fail("did not throw");
}

describe("parseCatalogue", () => {
  test("a catalogue with defaults, every kind of entry, and entry values winning", () => {
    const catalogue = parseCatalogue(
      JSON.stringify({
        defaults: { profile: "collab-basic", participants: 2, timeout: 10 },
        apps: [
          { name: "demo", url: "demo" },
          { name: "board", url: "https://board.example/", participants: 4, budget: "2m" },
          {
            name: "quiz",
            url: "quiz/",
            setup: "./quiz.setup.mjs",
            allowOrigins: ["https://api.example"],
          },
          {
            name: "legacy",
            url: "legacy.html",
            expect: "not-certified",
            expectations: "./legacy.json",
          },
        ],
      }),
      { source: "catalogue.json" },
    );
    assert.deepEqual(
      catalogue.apps.map((a) => a.name),
      ["demo", "board", "quiz", "legacy"],
    );
    const board = withDefaults(catalogue, catalogue.apps[1] as never);
    assert.equal(board.participants, 4);
    assert.equal(board.profile, "collab-basic");
    assert.equal(board.timeout, 10);
    assert.equal(catalogue.apps[3]?.expect, "not-certified");
  });

  test("inline expectations are checked like a yiqi-expectations.json", () => {
    const input = {
      apps: [
        {
          name: "a",
          url: "demo",
          expectations: {
            app: "a",
            expectations: [{ id: "A3.event.strat", grade: "FAILED", reason: "r" }],
          },
        },
      ],
    };
    assert.match(
      errorOf(() => parseCatalogue(input)),
      /EXPECTATIONS_UNKNOWN_ID: apps\[0\]\.expectations.*A3\.event\.start/,
    );
  });

  const bad: [string, unknown, RegExp][] = [
    ["not JSON", "{apps:", /^BAD_OPTIONS: cat\.json: not JSON/],
    ["no apps", { apps: [] }, /apps: needs at least one entry/],
    [
      "an unknown top-level key",
      { apps: [{ name: "a", url: "demo" }], app: 1 },
      /cat\.json: app: unknown key/,
    ],
    [
      "a duplicate name",
      {
        apps: [
          { name: "a", url: "demo" },
          { name: "a", url: "demo" },
        ],
      },
      /apps\[1\]\.name: "a" is already used/,
    ],
    ["no URL", { apps: [{ name: "a" }] }, /apps\[0\]\.url: the app's URL is required/],
    [
      "a file URL",
      { apps: [{ name: "a", url: "file:///x.html" }] },
      /apps\[0\]\.url: .*not an http\(s\) URL/,
    ],
    [
      "an unknown entry key",
      { apps: [{ name: "a", url: "demo", participant: 2 }] },
      /apps\[0\]\.participant: unknown key; use name, url/,
    ],
    [
      "a bad profile",
      { apps: [{ name: "a", url: "demo", profile: "full" }] },
      /apps\[0\]\.profile: unknown profile "full"/,
    ],
    [
      "too many participants",
      { apps: [{ name: "a", url: "demo", participants: 9 }] },
      /apps\[0\]\.participants: .*2 to 8/,
    ],
    [
      "participants as text",
      { apps: [{ name: "a", url: "demo", participants: "3" }] },
      /apps\[0\]\.participants: a number/,
    ],
    [
      "a bad budget",
      { apps: [{ name: "a", url: "demo", budget: "soon" }] },
      /apps\[0\]\.budget: budget must be a duration/,
    ],
    [
      "a bad origin",
      { apps: [{ name: "a", url: "demo", allowOrigins: "https://x" }] },
      /apps\[0\]\.allowOrigins: a list of origins/,
    ],
    [
      "a bad verdict",
      { apps: [{ name: "a", url: "demo", expect: "fail" }] },
      /apps\[0\]\.expect: use "certified" or "not-certified"/,
    ],
    [
      "a bad default",
      { defaults: { timeout: 0 }, apps: [{ name: "a", url: "demo" }] },
      /defaults\.timeout: timeout must be a number of seconds/,
    ],
  ];
  for (const [what, input, re] of bad)
    test(`refuses ${what}, naming the entry`, () => {
      assert.match(
        errorOf(() => parseCatalogue(input, { source: "cat.json" })),
        re,
      );
    });
});

test("resolveAppUrl: demo and absolute URLs as they are, relative ones against the base", () => {
  assert.equal(resolveAppUrl("demo", undefined, "a"), "demo");
  assert.equal(resolveAppUrl("https://x.example/a", undefined, "a"), "https://x.example/a");
  assert.equal(
    resolveAppUrl("no-call.html", "http://127.0.0.1:5/apps/", "a"),
    "http://127.0.0.1:5/apps/no-call.html",
  );
  assert.match(
    errorOf(() => resolveAppUrl("no-call.html", undefined, "broken")),
    /broken: the URL "no-call.html" is relative and there is no base URL/,
  );
});

describe("verdictLine", () => {
  const result = (id: string, level: "MUST" | "SHOULD", grade: CertCaseResult["grade"]) =>
    ({ id, level, grade }) as CertCaseResult;
  const outcome = (
    results: CertCaseResult[],
    failedMust: string[],
    exitCode: 0 | 1,
    why?: string,
  ) =>
    ({
      run: { results },
      verdict: { certified: failedMust.length === 0, label: "", failedMust },
      exitCode,
      ...(why ? { why } : {}),
    }) as unknown as CertifyOutcome;

  test("certified: the profile and the counts", () => {
    const line = verdictLine(
      outcome([result("A", "MUST", "OK"), result("B", "SHOULD", "NON-STRICT")], [], 0),
      "collab-basic",
    );
    assert.equal(line, "CERTIFIED under collab-basic: 1 OK, 1 NON-STRICT");
  });

  test("not certified: why, the counts and the failed MUST cases; expected failures are said", () => {
    const results = [result("A3.event.join", "MUST", "FAILED"), result("B", "MUST", "OK")];
    const failing = outcome(results, ["A3.event.join"], 1, "the app made no wemeet call.");
    assert.equal(
      verdictLine(failing, "collab-full"),
      "NOT CERTIFIED under collab-full — the app made no wemeet call. 1 OK, 1 FAILED; failed MUST: A3.event.join",
    );
    const expected = outcome(results, ["A3.event.join"], 0, "x");
    assert.match(
      verdictLine(expected, "collab-basic"),
      /\(every MUST failure is expected by the expectations file\)$/,
    );
  });
});
