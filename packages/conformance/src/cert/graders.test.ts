import assert from "node:assert/strict";
import { test } from "node:test";
import { certResult } from "./CertCaseResult.ts";
import { certCases } from "./certCases.ts";
import { gradeArgumentsMatchSpec } from "./gradeArgumentsMatchSpec.ts";
import { gradeConvergence } from "./gradeConvergence.ts";
import { gradeEventDelivery } from "./gradeEventDelivery.ts";
import { gradeNegativeCase } from "./gradeNegativeCase.ts";
import { gradeNoUncaughtErrors } from "./gradeNoUncaughtErrors.ts";
import { gradeReachesHost } from "./gradeReachesHost.ts";
import { gradeResponsive } from "./gradeResponsive.ts";
import { gradeUnknownCalls } from "./gradeUnknownCalls.ts";
import { describePageError, stackLocation } from "./PageError.ts";
import { recordedCallsFromTrace } from "./RecordedCall.ts";

test("gradeNoUncaughtErrors: none is OK, errors FAIL with who and what", () => {
  assert.equal(gradeNoUncaughtErrors([]).grade, "OK");
  const g = gradeNoUncaughtErrors([
    { participantId: "p2", name: "TypeError", message: "x is undefined" },
    { participantId: "p3", kind: "unhandledrejection", message: "[object Object]" },
    { kind: "crash", message: "renderer gone" },
    { message: "four" },
  ]);
  assert.equal(g.grade, "FAILED");
  assert.match(
    g.message,
    /^4 uncaught errors while loading: p2: TypeError: x is undefined; p3: unhandled rejection: \[object Object\]; page crashed: renderer gone \(and 1 more\)$/,
  );
});

test("gradeReachesHost: late and missing instances fail, with reasons", () => {
  assert.equal(gradeReachesHost([{ participantId: "p1", ms: 100 }], 5000).grade, "OK");
  const g = gradeReachesHost(
    [
      { participantId: "p1", ms: 100 },
      { participantId: "p2", ms: null, reason: "SDK script never requested" },
      { participantId: "p3", ms: 6000 },
    ],
    5000,
  );
  assert.equal(g.grade, "FAILED");
  assert.equal(
    g.message,
    "p2 never reached the host (SDK script never requested); p3 took 6000 ms (timeout 5000 ms)",
  );
  assert.equal(gradeReachesHost([], 5000).grade, "FAILED");
});

test("gradeEventDelivery: missing deliveries and errors after the event fail", () => {
  assert.equal(gradeEventDelivery([]).grade, "UNIMPLEMENTED");
  const ok = gradeEventDelivery([
    {
      action: "join",
      expected: ["p1", "p2"],
      received: ["p2", "p1"],
      handled: ["p1", "p2"],
      reacted: [],
      errors: [],
    },
  ]);
  assert.equal(ok.grade, "OK");
  // Delivered to the shim but no listener of the app ran: not handled, not OK.
  const unhandled = gradeEventDelivery([
    {
      action: "join",
      expected: ["p1", "p2", "p3"],
      received: ["p1", "p2", "p3"],
      handled: ["p2"],
      reacted: ["p3"],
      errors: [],
    },
  ]);
  assert.equal(unhandled.grade, "FAILED");
  assert.match(
    unhandled.message,
    /^p1 received collaboration-change join but the app did not handle it/,
  );
  const bad = gradeEventDelivery([
    {
      action: "join",
      expected: ["p1", "p2"],
      received: ["p1"],
      handled: ["p1"],
      reacted: [],
      errors: [{ participantId: "p1", message: "boom" }],
    },
  ]);
  assert.equal(bad.grade, "FAILED");
  assert.equal(bad.message, "p2 did not receive collaboration-change join; after join, p1: boom");
});

test("gradeArgumentsMatchSpec: host-protocol and app forms are checked against the documented types", () => {
  const good = gradeArgumentsMatchSpec([
    { method: "getEnvironment", args: [] },
    { method: "collaborationStart", args: [{ url: "https://a/", pageUrl: "https://a/x" }] },
    { method: "collaborationStart", args: [{ pageUrl: "https://a/x" }] },
    { method: "collaboration.start", args: [{ url: "https://a/", callback: () => {} }] },
    { method: "collaborationEnd", args: [{}] },
    { method: "collaborationJoin", args: [] },
    { method: "collaborationSetConfig", args: [{ visible: false, pageUrl: "https://a/" }] },
    {
      method: "permissionAgentConfig",
      args: [
        {
          sdkId: "s",
          corpId: "c",
          signature: "x",
          nonceStr: "n",
          timestamp: "1",
          pageUrl: "https://a/",
        },
      ],
    },
    { method: "invokeUnknown", args: [{ path: "ui.setWebModalAction", args: [] }] },
  ]);
  assert.equal(good.grade, "OK", good.message);
  assert.match(good.message, /^7 call\(s\) match/);

  const bad = gradeArgumentsMatchSpec([
    {
      method: "collaborationStart",
      participantId: "p1",
      args: [{ url: 42, pageUrl: "https://a/" }],
    },
    { method: "collaboration.start", participantId: "p2", args: ["https://a/"] },
    { method: "collaborationSetConfig", args: [{ visible: "yes", extra: 1 }] },
    { method: "permissionConfig", args: [{ sdkId: "s" }] },
    { method: "collaborationJoin", args: [], error: { code: "INVALID_ARGUMENT", errMsg: "nope" } },
  ]);
  assert.equal(bad.grade, "FAILED");
  assert.match(bad.message, /p1: collaboration\.start: url must be string, got number/);
  assert.match(bad.message, /p2: collaboration\.start: the argument must be an object, got string/);
  assert.match(bad.message, /visible must be boolean, got string/);
  assert.match(bad.message, /keys the reference does not define: extra/);
  // §3 AuthConfigParam: timestamp is a String, corpId is required by permission.config too.
  assert.match(bad.message, /permission\.config: corpId is required \(string\)/);
  assert.match(bad.message, /^5 of 5 call/);

  assert.equal(gradeArgumentsMatchSpec([]).grade, "UNIMPLEMENTED");
  const noted = gradeArgumentsMatchSpec([{ method: "collaboration.join", args: ["x"] }]);
  assert.equal(noted.grade, "OK");
  assert.match(noted.message, /takes no arguments; 1 ignored/);
});

test("recordedCallsFromTrace reads a Yiqi trace, with errors and unknown calls", () => {
  const calls = recordedCallsFromTrace([
    {
      t: 1,
      kind: "call",
      name: "environment",
      participantId: "p1",
      data: { clientVersion: "3.12.0" },
    },
    {
      t: 2,
      kind: "call",
      name: "collaboration.start",
      participantId: "p1",
      data: { url: 7, pageUrl: "https://a/" },
    },
    {
      t: 3,
      kind: "error",
      name: "collaboration.start",
      participantId: "p1",
      data: { code: "INVALID_ARGUMENT", errCode: 1008, errMsg: "url must be a string" },
    },
    {
      t: 4,
      kind: "call",
      name: "ui.setWebModalAction",
      participantId: "p2",
      data: { unknown: true, args: [1] },
    },
    { t: 5, kind: "call", name: "collaboration.join", participantId: "p2", data: null },
    { t: 6, kind: "result", name: "collaboration.join", participantId: "p2", data: null },
  ]);
  assert.deepEqual(
    calls.map((c) => c.method),
    ["getEnvironment", "collaborationStart", "invokeUnknown", "collaborationJoin"],
  );
  assert.deepEqual(calls[1]?.error, {
    code: "INVALID_ARGUMENT",
    errCode: 1008,
    errMsg: "url must be a string",
  });
  assert.deepEqual(calls[2]?.args, [{ path: "ui.setWebModalAction", args: [1] }]);
  assert.deepEqual(calls[3]?.args, []);
  assert.equal(gradeArgumentsMatchSpec(calls).grade, "FAILED");
});

test("gradeUnknownCalls lists each path with counts and callers (INFORMATIONAL)", () => {
  const call = (path: string, participantId: string) => ({
    method: "invokeUnknown",
    participantId,
    args: [{ path, args: [] }],
  });
  const g = gradeUnknownCalls([
    call("ui.setWebModalAction", "p1"),
    call("ui.setWebModalAction", "p2"),
    call("app.getLocation", "p1"),
    { method: "collaborationJoin", args: [] },
  ]);
  assert.equal(g.grade, "INFORMATIONAL");
  assert.equal(
    g.message,
    "2 APIs outside the emulated surface: app.getLocation ×1, ui.setWebModalAction ×2",
  );
  assert.deepEqual(g.unknown[1], {
    path: "ui.setWebModalAction",
    count: 2,
    participants: ["p1", "p2"],
  });
  assert.equal(gradeUnknownCalls([]).grade, "OK");
  const c = certCases.find((x) => x.id === "A4.unknown.calls-listed");
  assert.ok(c);
  assert.equal(certResult(c, g).grade, "INFORMATIONAL");
});

test("gradeConvergence: same digest in bound is OK, divergence NON-STRICT, no hook UNIMPLEMENTED", () => {
  const s = (participantId: string, digest: string | null, t: number) => ({
    participantId,
    digest,
    t,
  });
  assert.equal(gradeConvergence([], 1000).grade, "UNIMPLEMENTED");
  assert.equal(gradeConvergence([s("p1", null, 0), s("p2", null, 0)], 1000).grade, "UNIMPLEMENTED");
  assert.equal(gradeConvergence([s("p1", "a", 0)], 1000).grade, "UNIMPLEMENTED");
  // p2 is stale at first, catches up within the bound.
  const ok = gradeConvergence([s("p1", "a", 100), s("p2", "b", 100), s("p2", "a", 600)], 1000, {
    lastActionAt: 50,
  });
  assert.equal(ok.grade, "OK", ok.message);
  // p2 catches up too late: after the bound.
  const late = gradeConvergence([s("p1", "a", 100), s("p2", "b", 100), s("p2", "a", 1600)], 1000, {
    lastActionAt: 50,
  });
  assert.equal(late.grade, "NON-STRICT");
  assert.equal(late.message, 'digests differ 1000 ms after the last action (p1: "a"; p2: "b")');
  const missing = gradeConvergence(
    [s("p1", "a", 100), s("p2", null, 100), s("p3", "a", 5000)],
    1000,
    { lastActionAt: 0 },
  );
  assert.equal(missing.grade, "NON-STRICT");
  assert.match(missing.message, /p2 has no digest hook; p3 reported no digest within 1000 ms/);
  // Samples before the last action do not count.
  assert.equal(
    gradeConvergence(
      [s("p1", "x", 10), s("p2", "y", 10), s("p1", "a", 200), s("p2", "a", 210)],
      500,
      { lastActionAt: 100 },
    ).grade,
    "OK",
  );
});

test("gradeNegativeCase: survival decides, a different code is mentioned", () => {
  const scenario = {
    api: "collaboration.start",
    hostMethod: "collaborationStart",
    condition: { kind: "role", role: "attendee" },
    error: "NOT_PERMITTED",
    status: "FAILED",
  } as const;
  assert.equal(gradeNegativeCase(scenario, { called: false, errors: [] }).grade, "UNIMPLEMENTED");
  assert.equal(
    gradeNegativeCase(scenario, { called: true, code: "NOT_PERMITTED", errors: [] }).grade,
    "OK",
  );
  const crashed = gradeNegativeCase(scenario, {
    called: true,
    code: "NOT_PERMITTED",
    errors: [
      { participantId: "p3", kind: "unhandledrejection", message: "WemeetError: only the host…" },
    ],
  });
  assert.equal(crashed.grade, "FAILED");
  assert.match(crashed.message, /p3: unhandled rejection/);
  assert.equal(
    gradeNegativeCase(scenario, {
      called: true,
      code: "NOT_PERMITTED",
      errors: [],
      responsive: false,
    }).grade,
    "FAILED",
  );
  assert.match(
    gradeNegativeCase(scenario, { called: true, code: "SESSION_ACTIVE", errors: [] }).message,
    /expected NOT_PERMITTED/,
  );
});

test("certResult normalises a grader's FAILED onto a SHOULD case", () => {
  const rejoin = certCases.find((c) => c.id === "A3.leave.rejoin");
  assert.ok(rejoin);
  const r = certResult(rejoin, { grade: "FAILED", message: "no" }, {}, 12);
  assert.equal(r.grade, "NON-STRICT");
  assert.deepEqual(r.evidence, { trace: {}, screenshots: [] });
  assert.equal(r.durationMs, 12);
});

test("stackLocation: the app's own frame (file:line:column), not Tencent's SDK", () => {
  const stack = [
    "TypeError: roster[e.msOpenId] is undefined",
    "    at https://cdn.meeting.tencent.com/jssdk/wemeet-js-sdk-1.0.70.js:1:2048",
    "    at onChange (http://p2.ab12cd34.localhost:7100/app.js:12:5)",
  ].join("\n");
  assert.equal(stackLocation(stack), "http://p2.ab12cd34.localhost:7100/app.js:12:5");
  assert.equal(stackLocation(undefined), undefined);
  assert.equal(
    describePageError({ participantId: "p2", name: "TypeError", message: "x", stack }),
    "p2: TypeError: x (at http://p2.ab12cd34.localhost:7100/app.js:12:5)",
  );
});

test("gradeResponsive: a hang or the budget fails with the watchdog's reason; silence at the end fails", () => {
  const stopped = { kind: "hang" as const, at: 1, reason: "p1's app frame stopped answering" };
  assert.deepEqual(gradeResponsive({ stopped, responsive: new Map() }), {
    grade: "FAILED",
    message: "p1's app frame stopped answering",
  });
  const silent = gradeResponsive({ stopped: null, responsive: new Map([["p2", false]]) });
  assert.equal(silent.grade, "FAILED");
  assert.match(silent.message, /^p2's instance did not answer/);
  assert.equal(gradeResponsive({ stopped: null, responsive: new Map([["p1", true]]) }).grade, "OK");
});
