/**
 * A realistic fake run for renderer tests and for looking at the reports by eye: several grades,
 * a trace excerpt per participant, screenshots, an app error message carrying markup, and an
 * expectations file applied. Named `*.test.ts` so no build or published package carries it;
 * it holds no tests itself.
 *
 * @module
 */
import { applyExpectations } from "./applyExpectations.ts";
import type { CertCase } from "./CertCase.ts";
import { type CertCaseResult, certResult, type TraceExcerptEntry } from "./CertCaseResult.ts";
import type { CertRun } from "./CertRun.ts";
import { casesForProfile } from "./certCases.ts";
import type { Grade } from "./Grade.ts";

/** The hostile string an app's error might contain. */
export const HOSTILE = `</summary><script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" 'too' ]]> \u0007bell`;

const T0 = Date.parse("2025-03-14T09:26:53.000Z");

const trace = (pid: string, entries: [number, string, string, unknown?][]): TraceExcerptEntry[] =>
  entries.map(([t, kind, name, data]) => ({
    t,
    kind,
    name,
    participantId: pid,
    ...(data === undefined ? {} : { data }),
  }));

const START_TRACE: Record<string, TraceExcerptEntry[]> = {
  p1: trace("p1", [
    [1203, "call", "collaboration.start", { pageUrl: "https://pixel-party.example/app/?room=7" }],
    [1240, "result", "collaboration.start", { status: 0, message: "ok" }],
    [
      1241,
      "event",
      "collaboration-change",
      { action: "start", activeId: "act-1", msOpenId: "ms-alice", timestamp: 1741944414241 },
    ],
  ]),
  p2: trace("p2", [
    [
      1241,
      "event",
      "collaboration-change",
      { action: "start", activeId: "act-1", msOpenId: "ms-alice", timestamp: 1741944414241 },
    ],
  ]),
  p3: trace("p3", [
    [
      1241,
      "event",
      "collaboration-change",
      { action: "start", activeId: "act-1", msOpenId: "ms-alice", timestamp: 1741944414241 },
    ],
  ]),
};

interface Plan {
  grade: Grade;
  message: string;
  trace?: Record<string, TraceExcerptEntry[]>;
  shots?: string[];
}

const PLAN: Record<string, Plan> = {
  "A1.load.no-uncaught-error": { grade: "OK", message: "no uncaught error while loading" },
  "A1.load.reaches-host": {
    grade: "OK",
    message: "3 instance(s) reached the host, the slowest in 412 ms (timeout 10000 ms)",
    trace: {
      p1: trace("p1", [
        [388, "call", "environment", { clientVersion: "3.12.0.400", platform: "Mac" }],
      ]),
      p2: trace("p2", [
        [401, "call", "environment", { clientVersion: "3.12.0.400", platform: "Windows" }],
      ]),
      p3: trace("p3", [
        [412, "call", "environment", { clientVersion: "3.11.0", platform: "Android" }],
      ]),
    },
  },
  "A1.load.no-console-error": {
    grade: "NON-STRICT",
    message:
      "p3: console.error: Failed to load resource: net::ERR_NAME_NOT_RESOLVED (https://analytics.example/x.js)",
  },
  "A2.args.match-spec": {
    grade: "FAILED",
    message:
      "1 of 9 call(s) do not match the documented types (docs/reference/jsapi.md): p1: collaboration.setCollaborationConfig: visible must be boolean, got string.",
    trace: {
      p1: trace("p1", [
        [
          1502,
          "call",
          "collaboration.setCollaborationConfig",
          { visible: "yes", pageUrl: "https://pixel-party.example/app/?room=7" },
        ],
        [
          1503,
          "error",
          "collaboration.setCollaborationConfig",
          {
            errCode: 1008,
            errMsg: "setCollaborationConfig: visible must be a boolean",
            code: "INVALID_ARGUMENT",
          },
        ],
      ]),
    },
  },
  "A3.start.host-succeeds": {
    grade: "OK",
    message: "the session act-1 started; p1 has no page error",
    trace: START_TRACE,
    shots: ["screenshots/A3.start-p1.png"],
  },
  "A3.event.start": {
    grade: "OK",
    message: "1 event(s) delivered to 3 instance(s), no page error after",
    trace: START_TRACE,
  },
  "A3.event.join": {
    grade: "FAILED",
    message: `after join, p2: TypeError: Cannot read properties of undefined (reading 'board') ${HOSTILE}`,
    trace: {
      p1: trace("p1", [
        [
          2210,
          "event",
          "collaboration-change",
          { action: "join", activeId: "act-1", msOpenId: "ms-bob", timestamp: 1741944415210 },
        ],
      ]),
      p2: trace("p2", [
        [2190, "call", "collaboration.join", null],
        [2209, "result", "collaboration.join", null],
        [
          2210,
          "event",
          "collaboration-change",
          { action: "join", activeId: "act-1", msOpenId: "ms-bob", timestamp: 1741944415210 },
        ],
        [
          2214,
          "pageerror",
          "TypeError",
          {
            message: "Cannot read properties of undefined (reading 'board')",
            stack:
              "TypeError: Cannot read properties of undefined (reading 'board')\n    at onChange (https://pixel-party.example/app/main.js:118:22)",
          },
        ],
      ]),
    },
    shots: ["screenshots/A3.event.join-p2.png", "javascript:alert(1)"],
  },
  "A3.event.leave": {
    grade: "OK",
    message: "1 event(s) delivered to 2 instance(s), no page error after",
  },
  "A3.event.end": {
    grade: "OK",
    message: "1 event(s) delivered to 3 instance(s), no page error after",
  },
  "A3.join.session-url": {
    grade: "OK",
    message: "p2 and p3 opened https://pixel-party.example/app/?room=7 in scene inCollaboration",
  },
  "A3.start.canceled-handled": {
    grade: "UNIMPLEMENTED",
    message: "the app never calls collaboration.start itself (it relies on the 一起用 button)",
  },
  "A3.start.attendee-rejected": {
    grade: "UNIMPLEMENTED",
    message: "the app never calls collaboration.start itself",
  },
  "A3.start.failed-handled": {
    grade: "UNIMPLEMENTED",
    message: "the app never calls collaboration.start itself",
  },
  "A2.start.status-handled": {
    grade: "UNIMPLEMENTED",
    message: "the app never calls collaboration.start itself",
  },
  "A3.leave.closes-cleanly": {
    grade: "OK",
    message: "p3's instance closed with no page error; p1 and p2 kept working",
  },
  "A3.leave.rejoin": {
    grade: "NON-STRICT",
    message: "p3 rejoined and reached the host, but the board was empty until the next move",
  },
  "A3.end.closes-all": {
    grade: "OK",
    message: "p2's and p3's instances closed cleanly; p1 keeps working",
  },
  "A3.end.no-calls-after-close": { grade: "OK", message: "no call arrived from a closed instance" },
  "A3.reload.recovers": {
    grade: "OK",
    message: "p2 reloaded, reached the host in 233 ms and shows scene inCollaboration",
  },
  "A3.convergence.digest": {
    grade: "NON-STRICT",
    message: 'digests differ 2000 ms after the last action (p1, p2: "9f2c"; p3: "77aa")',
    trace: {
      p1: trace("p1", [[9100, "digest", "yiqiDigest", "9f2c"]]),
      p2: trace("p2", [[9102, "digest", "yiqiDigest", "9f2c"]]),
      p3: trace("p3", [[9104, "digest", "yiqiDigest", "77aa"]]),
    },
  },
  "A4.unknown.calls-listed": {
    grade: "INFORMATIONAL",
    message: "2 APIs outside the emulated surface: app.getLocation ×1, ui.setWebModalAction ×3",
  },
  "A4.unknown.survives-rejection": {
    grade: "OK",
    message: "the NOT_EMULATED rejections were handled",
  },
};

/** The cases of the sample run: collab-full with negatives for the APIs the sample app used. */
export const sampleCases: CertCase[] = casesForProfile("collab-full", {
  usedApis: ["collaboration.join", "collaboration.setCollaborationConfig"],
});

/** The sample results, without expectations. */
export const sampleResults: CertCaseResult[] = sampleCases.map((c, i) => {
  const plan: Plan = PLAN[c.id] ?? {
    grade: c.id.endsWith("already-joined") ? "FAILED" : "OK",
    message: c.id.endsWith("already-joined")
      ? "collaboration.join rejected ALREADY_JOINED and the app did not survive: p2: unhandled rejection: [object Object]"
      : `${c.negative?.api ?? "the call"} rejected ${c.negative?.error ?? "?"} and the app kept working`,
  };
  return certResult(
    c,
    plan,
    {
      trace: plan.trace ?? {},
      screenshots: (plan.shots ?? []).map((file) => ({
        file,
        participantId: /-(p\d)\.png$/.exec(file)?.[1] ?? "p1",
        caption: "after the action",
      })),
    },
    80 + ((i * 137) % 900),
  );
});

/** The sample run with an expectations file applied (A3.leave.rejoin recorded as NON-STRICT). */
export function sampleRun(): CertRun {
  const applied = applyExpectations(sampleResults, [
    {
      id: "A3.leave.rejoin",
      grade: "NON-STRICT",
      reason: "board state arrives with the next move (issue #42)",
    },
    { id: "A2.args.match-spec", grade: "FAILED", reason: "visible: 'yes' until v2.1 ships" },
    { id: "A1.load.no-console-error", grade: "OK", reason: "analytics blocked in CI" },
    { id: "A3.retired.case", grade: "OK", reason: "kept for history" },
  ]);
  return {
    info: {
      yiqiVersion: "0.1.0",
      appUrl: "https://pixel-party.example/app/?room=7&lang=zh-CN",
      browser: { name: "chromium", version: "131.0.6778.85" },
      profile: "collab-full",
      participants: 3,
      startedAt: new Date(T0),
      endedAt: new Date(T0 + 24_317),
    },
    results: applied.results,
    expectations: {
      app: "Pixel Party <dev>",
      changes: applied.changes,
      stale: applied.stale,
      unexpectedFailures: applied.unexpectedFailures,
    },
  };
}
