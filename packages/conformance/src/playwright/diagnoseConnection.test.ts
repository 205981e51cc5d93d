import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type ConnectionFacts, diagnoseConnection, finalVerdict } from "./diagnoseConnection.ts";

/** Host's app: open, framed, loaded with HTTP 200, nothing else seen. */
const facts = (patch: Partial<ConnectionFacts> = {}): ConnectionFacts => ({
  participantId: "p1",
  nickname: "Host",
  appOpen: true,
  frameUrl: "http://p1.abc.localhost:7100/",
  navigation: { status: 200, statusText: "OK" },
  sdkRequested: false,
  bridgeSeen: false,
  refusals: [],
  answers: null,
  lastRefusedUi: null,
  ...patch,
});

describe("why an app did not connect", () => {
  test("a refused handshake is final and carries the bridge's code and message", () => {
    const v = finalVerdict(
      facts({ refusals: [{ code: "PROTOCOL_MISMATCH", message: "the app speaks x@2" }] }),
    );
    assert.deepEqual(v, {
      code: "HANDSHAKE_REFUSED",
      reason: "PROTOCOL_MISMATCH",
      message:
        "Host (p1): the host refused the app's handshake: PROTOCOL_MISMATCH: the app speaks x@2",
    });
  });

  test("an HTTP error or a network error is final: APP_UNREACHABLE with the status and why", () => {
    const http = finalVerdict(
      facts({
        navigation: {
          status: 502,
          statusText: "Bad Gateway",
          body: "Yiqi could not reach the app at http://127.0.0.1:5173: ECONNREFUSED\nStart it",
        },
      }),
    );
    assert.equal(http?.code, "APP_UNREACHABLE");
    assert.match(
      http?.message ?? "",
      /^Host \(p1\): the app page http:\/\/p1\.abc\.localhost:7100\/ answered HTTP 502 Bad Gateway \(Yiqi could not reach the app at http:\/\/127\.0\.0\.1:5173: ECONNREFUSED\)/,
    );
    const net = finalVerdict(facts({ navigation: { failure: "net::ERR_CONNECTION_REFUSED" } }));
    assert.equal(net?.code, "APP_UNREACHABLE");
    assert.match(net?.message ?? "", /network error net::ERR_CONNECTION_REFUSED/);
  });

  test("a page that loaded, or is loading, is not final: it may still connect", () => {
    assert.equal(finalVerdict(facts()), undefined);
    assert.equal(finalVerdict(facts({ navigation: null })), undefined);
    assert.equal(finalVerdict(facts({ navigation: { status: 304, statusText: "" } })), undefined);
  });

  test("at the timeout: no SDK when the page never requested it and the bridge saw nothing", () => {
    const v = diagnoseConnection(facts(), 15_000);
    assert.equal(v.code, "NO_SDK");
    assert.match(
      v.message,
      /^Host \(p1\): the app page loaded \(HTTP 200\) but never loaded the wemeet SDK within 15 s/,
    );
    assert.doesNotMatch(v.message, /busy loop/);
    assert.match(diagnoseConnection(facts({ answers: false }), 15_000).message, /busy loop/);
  });

  test("at the timeout: an app that bundles the SDK (a handshake seen) is not NO_SDK", () => {
    assert.equal(diagnoseConnection(facts({ bridgeSeen: true }), 1000).code, "NOT_CONNECTED");
    const loaded = diagnoseConnection(facts({ sdkRequested: true }), 1000);
    assert.equal(loaded.code, "NOT_CONNECTED");
    assert.match(
      loaded.message,
      /loaded the wemeet SDK but did not connect to the host within 1 s/,
    );
  });

  test("at the timeout: no app open, no frame, a page still loading each say so", () => {
    assert.match(
      diagnoseConnection(facts({ appOpen: false, frameUrl: null, navigation: null }), 1000).message,
      /Host \(p1\) has no app open within 1 s: open it \(meeting\.ui\("openApp", "Host"\)\)/,
    );
    assert.match(
      diagnoseConnection(facts({ frameUrl: null, navigation: null }), 1000).message,
      /no app frame/,
    );
    assert.match(
      diagnoseConnection(facts({ navigation: null }), 1000).message,
      /did not finish loading within 1 s/,
    );
  });

  test("at the timeout: the participant's latest refused UI action is named (a pane click)", () => {
    const v = diagnoseConnection(
      facts({
        nickname: "Alice",
        participantId: "p2",
        appOpen: false,
        frameUrl: null,
        navigation: null,
        lastRefusedUi: "ui.join: NO_ACTIVE_SESSION: Alice has no pending invitation",
      }),
      1000,
    );
    assert.equal(v.code, "NOT_CONNECTED");
    assert.match(
      v.message,
      /\(the client refused Alice's ui\.join: NO_ACTIVE_SESSION: Alice has no pending invitation\)$/,
    );
  });
});
