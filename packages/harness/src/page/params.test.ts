import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { parseClientsBody } from "../node/participantClients.ts";
import {
  CLIENT_VERSION_PATTERN,
  defaultParticipants,
  formatParticipants,
  formatSetup,
  parseDecisions,
  parseParticipants,
  parseSetup,
  SetupError,
} from "./params.ts";

test("the default meeting is Host (host), Alice and Bob (attendees) on the demo", () => {
  const { setup, problems } = parseSetup("");
  assert.deepEqual(problems, []);
  assert.equal(setup.app, "demo");
  assert.equal(setup.scenario, null);
  assert.deepEqual(setup.participants, [
    { nickname: "Host", role: RoleType.HOST },
    { nickname: "Alice", role: RoleType.ATTENDEE },
    { nickname: "Bob", role: RoleType.ATTENDEE },
  ]);
});

test("participants as a count: a host then attendees, P<n> past the names", () => {
  const list = parseParticipants("10");
  assert.equal(list.length, 10);
  assert.equal(list[0]?.role, RoleType.HOST);
  assert.ok(list.slice(1).every((p) => p.role === RoleType.ATTENDEE));
  assert.equal(list[9]?.nickname, "P10");
  assert.equal(defaultParticipants(32).length, 32);
});

test("participants as name:role[:version], roles by name", () => {
  assert.deepEqual(parseParticipants("Ann:host, Ben:co-host,Cy:audience:3.11.0,Di"), [
    { nickname: "Ann", role: RoleType.HOST },
    { nickname: "Ben", role: RoleType.COHOST },
    { nickname: "Cy", role: RoleType.AUDIENCE, clientVersion: "3.11.0" },
    { nickname: "Di", role: RoleType.ATTENDEE },
  ]);
});

test("bad participants are refused with a message that says why", () => {
  assert.throws(
    () => parseParticipants("Ann:boss"),
    (e: unknown) => e instanceof SetupError && /unknown role "boss"/.test(e.message),
  );
  assert.throws(() => parseParticipants("Ann,Ann"), /appears twice/);
  assert.throws(() => parseParticipants("0"), /1\.\.128/);
  assert.throws(() => parseParticipants("Ann:host:x.y"), /bad client version/);
  assert.throws(() => parseParticipants(",Ann"), /has no name/);
});

test("a bad parameter falls back to its default and is reported", () => {
  const { setup, problems } = parseSetup("?participants=Ann:boss&app=ftp://x");
  assert.equal(setup.participants.length, 3);
  assert.equal(setup.app, "demo");
  assert.equal(problems.length, 2);
});

test("a copied link reads back as the same setup", () => {
  const setup = {
    app: "http://localhost:3000/app?x=1",
    participants: parseParticipants("Zoë Li:host,Bob:guest:3.12.0"),
    scenario: "late-joiner",
    decisions: { confirmStart: "cancel" as const, eventBeforeClose: false, ticketTtlSeconds: 60 },
  };
  assert.deepEqual(parseSetup(formatSetup(setup)).setup, setup);
});

test("decisions in the URL: typed by their defaults, unknown names and bad values refused", () => {
  assert.deepEqual(parseDecisions("confirmStart:cancel, permissiveAuth:true"), {
    confirmStart: "cancel",
    permissiveAuth: true,
  });
  assert.throws(() => parseDecisions("confirmStrat:cancel"), /unknown decision "confirmStrat"/);
  assert.throws(() => parseDecisions("permissiveAuth:yes"), /true or false/);
  assert.throws(() => parseDecisions("ticketTtlSeconds:soon"), /is a number/);
  assert.throws(() => parseDecisions("confirmStart:maybe"), /one of accept, cancel, ask/);
  const { setup, problems } = parseSetup("?decisions=nope:1");
  assert.equal(setup.decisions, undefined);
  assert.match(problems[0] ?? "", /unknown decision "nope"/);
});

describe("participants' OS and scene", () => {
  test("a version and an OS in either order, any case; the OS survives formatting", () => {
    const list = parseParticipants("Ann:host:3.11.0:windows,Bob:attendee:Android:3.12.0,Cy::iOS");
    assert.deepEqual(
      list.map((p) => [p.clientVersion, p.platform]),
      [
        ["3.11.0", "Windows"],
        ["3.12.0", "Android"],
        [undefined, "iOS"],
      ],
    );
    assert.deepEqual(parseParticipants(formatParticipants(list)), list);
  });

  test("an unknown OS or a second version is refused with what to give", () => {
    assert.throws(() => parseParticipants("Ann:host:3.11.0:BeOS"), /one of Windows, Mac/);
    assert.throws(
      () => parseParticipants("Ann:host:3.11.0:3.12.0"),
      /bad client version, OS or scene/,
    );
  });

  test("a scene the app opens in, by its exact name; it survives formatting", () => {
    const list = parseParticipants("Ann:host:3.18.0:inWaitingRoom,Bob:attendee:preMeetingDetail");
    assert.deepEqual(
      list.map((p) => p.scene),
      ["inWaitingRoom", "preMeetingDetail"],
    );
    assert.deepEqual(parseParticipants(formatParticipants(list)), list);
    assert.throws(() => parseParticipants("Ann:host:inCollaboration"), /one of inMeeting, /);
  });
});

test("a client version the server would refuse is refused in the URL (not every participant's UA lost)", () => {
  for (const bad of ["123456.0", "3.11.0.12345678", "3.1.2.3.4", "3", "3.x"]) {
    assert.throws(() => parseParticipants(`Ann:host:${bad}`), SetupError, bad);
  }
  // The page and the server agree on every version: one the page takes, the server takes.
  const samples = ["3.11.0", "3.14.0.400", "12345.1234567", "123456.0", "3.11.0.12345678", "3"];
  for (const v of samples) {
    const body = JSON.stringify({
      appId: "demo",
      clients: [{ participant: 1, platform: "Mac", clientVersion: v }],
    });
    let server = true;
    try {
      parseClientsBody(body);
    } catch {
      server = false;
    }
    assert.equal(CLIENT_VERSION_PATTERN.test(v), server, v);
  }
});

test("a name with a stray % is refused saying how to write it (not a bare URIError)", () => {
  assert.throws(
    () => parseParticipants("Ann:host,50%off"),
    (e: unknown) => {
      assert.ok(e instanceof SetupError);
      assert.match(e.message, /participant 2's name "50%off" has a stray %.*%25/);
      return true;
    },
  );
  assert.equal(parseParticipants("50%25off")[0]?.nickname, "50%off");
  const { problems } = parseSetup("?participants=Ann%3Ahost%2C50%25off");
  assert.match(problems[0] ?? "", /stray %/);
});
