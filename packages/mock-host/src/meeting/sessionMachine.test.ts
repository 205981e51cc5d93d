/**
 * The session state machine alone (SPEC A3, decisions 0100–0104): a bare `MeetingState`, no
 * `Meeting` facade, host API, views or UI.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { HostResult, WemeetEventMessage } from "@yiqi/jsapi";
import { AppHandleRespType, RoleType } from "@yiqi/jsapi";
import { createManualClock } from "./clock.ts";
import { DEFAULT_DECISIONS, type EmulatorDecisions } from "./decisions.ts";
import { addInstance } from "./instances.ts";
import { createMeetingState, DEFAULT_APP, type IState, type MeetingState } from "./meetingState.ts";
import { addParticipant } from "./participants.ts";
import { createRandom } from "./random.ts";
import { endSession, joinSession, leaveSession, startSession } from "./sessionMachine.ts";
import { createTrace } from "./trace.ts";

const URL = "https://app.example.com/";

interface Fixture {
  st: MeetingState;
  /** p1 host, p2 co-host, p3 attendee, p4 attendee on client 3.11.0. */
  ps: (id: string) => NonNullable<ReturnType<MeetingState["people"]["get"]>>;
  /** Connect an instance for `id`; `events` lists `action:<acting participant>`. */
  open: (id: string) => { inst: IState; events: string[] };
}

function fixture(decisions: Partial<EmulatorDecisions> = {}): Fixture {
  const clock = createManualClock();
  const st = createMeetingState({
    clock,
    random: createRandom(1),
    trace: createTrace(clock),
    app: { ...DEFAULT_APP },
    decisions: { ...DEFAULT_DECISIONS, ...decisions },
    meetingId: "m1",
  });
  addParticipant(st, { nickname: "Host", role: RoleType.HOST });
  addParticipant(st, { nickname: "Co", role: RoleType.COHOST });
  addParticipant(st, { nickname: "Ann" });
  addParticipant(st, { nickname: "Old", clientVersion: "3.11.0" });
  const ps = (id: string) => {
    const p = st.people.get(id);
    assert.ok(p, id);
    return p;
  };
  const open = (id: string) => {
    const inst = addInstance(st, id, ps(id), URL, new globalThis.URL(URL).origin);
    const events: string[] = [];
    inst.events.add((m: WemeetEventMessage) => {
      if (m.name !== "collaboration-change") return;
      const actor = [...st.people.values()].find((o) => o.p.msOpenId === m.payload.msOpenId);
      events.push(`${m.payload.action}:${actor?.p.id}`);
    });
    return { inst, events };
  };
  return { st, ps, open };
}

const code = (r: HostResult<unknown>): string => (r.ok ? "ok" : r.error.code);

describe("start", () => {
  test("a host starts: a session, invitations for clients >= 3.12.0, a start event", async () => {
    const { st, ps, open } = fixture();
    const h = open("p1");
    const r = await startSession(st, ps("p1"), h.inst, undefined);
    assert.deepEqual(r, { ok: true, value: { status: AppHandleRespType.SUCCESS, message: "ok" } });
    assert.equal(st.session?.starterId, "p1");
    assert.equal(st.session?.url, URL, "the instance's page URL by default");
    const activeId = st.session?.activeId;
    assert.deepEqual(
      ["p1", "p2", "p3", "p4"].map((id) => ps(id).invitation),
      [null, activeId, activeId, null],
    );
    assert.deepEqual(h.events, ["start:p1"]);
  });

  test("only hosts and co-hosts; not twice; not while disabled; not without an app", async () => {
    const { st, ps, open } = fixture();
    assert.equal(
      code(await startSession(st, ps("p3"), open("p3").inst, undefined)),
      "NOT_PERMITTED",
    );
    assert.equal(code(await startSession(st, ps("p2"), null, undefined)), "NOT_PERMITTED");
    st.app = { ...st.app, collaboration: false };
    assert.equal(
      code(await startSession(st, ps("p1"), open("p1").inst, undefined)),
      "NOT_PERMITTED",
    );
    st.app = { ...st.app, collaboration: true };
    assert.equal(code(await startSession(st, ps("p2"), open("p2").inst, undefined)), "ok");
    assert.equal(
      code(await startSession(st, ps("p1"), open("p1").inst, undefined)),
      "SESSION_ACTIVE",
    );
    assert.equal(st.session?.starterId, "p2");
  });

  test("a non-http(s) url is refused and nothing changes (decision 0107)", async () => {
    const { st, ps, open } = fixture();
    const r = await startSession(st, ps("p1"), open("p1").inst, "javascript:alert(1)");
    assert.equal(code(r), "INVALID_ARGUMENT");
    assert.equal(st.session, null);
  });

  test("confirmStart cancel resolves CANCELED; ask waits and a second start is refused", async () => {
    const cancel = fixture({ confirmStart: "cancel" });
    const r = await startSession(cancel.st, cancel.ps("p1"), cancel.open("p1").inst, undefined);
    assert.deepEqual(r, {
      ok: true,
      value: { status: AppHandleRespType.CANCELED, message: "the user canceled" },
    });
    assert.equal(cancel.st.session, null);

    const { st, ps, open } = fixture({ confirmStart: "ask" });
    const pending = startSession(st, ps("p1"), open("p1").inst, undefined);
    assert.equal(ps("p1").confirmation?.kind, "start");
    const second = await startSession(st, ps("p2"), open("p2").inst, undefined);
    assert.equal(code(second), "SESSION_ACTIVE", "another start waits for its dialog");
    ps("p1").confirmation?.resolve(true);
    assert.equal(code(await pending), "ok");
    assert.equal(st.session?.starterId, "p1");
  });

  test("an answered dialog re-checks the state: closed app → CANCELED", async () => {
    const { st, ps, open } = fixture({ confirmStart: "ask" });
    const h = open("p1");
    const pending = startSession(st, ps("p1"), h.inst, undefined);
    h.inst.closed = true;
    ps("p1").confirmation?.resolve(true);
    const r = await pending;
    assert.ok(r.ok);
    assert.equal(r.value.status, AppHandleRespType.CANCELED);
    assert.equal(st.session, null);
  });
});

describe("join and leave", () => {
  test("join rules: no session, already joined (the starter counts), too old", async () => {
    const { st, ps, open } = fixture();
    assert.equal(code(joinSession(st, ps("p3"), null)), "NO_ACTIVE_SESSION");
    await startSession(st, ps("p1"), open("p1").inst, undefined);
    assert.equal(code(joinSession(st, ps("p1"), null)), "ALREADY_JOINED");
    assert.equal(code(joinSession(st, ps("p4"), null)), "UNSUPPORTED_VERSION");
    assert.equal(code(joinSession(st, ps("p3"), null)), "ok");
    assert.equal(code(joinSession(st, ps("p3"), null)), "ALREADY_JOINED");
  });

  test("joining from the client opens a new panel key at the session URL", async () => {
    const { st, ps, open } = fixture();
    await startSession(st, ps("p1"), open("p1").inst, `${URL}room`);
    const ann = open("p3");
    const before = ps("p3").slot?.key;
    joinSession(st, ps("p3"), null);
    assert.equal(ann.inst.closed, true, "the old instance is replaced");
    assert.equal(ps("p3").slot?.url, `${URL}room`);
    assert.notEqual(ps("p3").slot?.key, before);
  });

  test("leave: the joined instance closes after the event; a rejoin bar stays", async () => {
    const { st, ps, open } = fixture();
    const h = open("p1");
    await startSession(st, ps("p1"), h.inst, undefined);
    const ann = open("p3");
    assert.equal(code(joinSession(st, ps("p3"), ann.inst)), "ok", "joining by an app call");
    assert.deepEqual(h.events, ["start:p1", "join:p3"]);
    assert.equal(code(leaveSession(st, ps("p3"))), "ok");
    assert.deepEqual(ann.events, ["join:p3", "leave:p3"], "eventBeforeClose: true");
    assert.equal(ann.inst.closed, true);
    assert.equal(ps("p3").rejoin, st.session?.activeId);
    assert.equal(code(leaveSession(st, ps("p3"))), "NOT_JOINED");
  });

  test("eventBeforeClose false: the leaving instance closes first and misses its leave", async () => {
    const { st, ps, open } = fixture({ eventBeforeClose: false });
    await startSession(st, ps("p1"), open("p1").inst, undefined);
    const ann = open("p3");
    joinSession(st, ps("p3"), ann.inst);
    leaveSession(st, ps("p3"));
    assert.deepEqual(ann.events, ["join:p3"]);
  });

  test("starterLeave: reject (default) or end", async () => {
    const strict = fixture();
    await startSession(strict.st, strict.ps("p1"), strict.open("p1").inst, undefined);
    assert.equal(code(leaveSession(strict.st, strict.ps("p1"))), "NOT_PERMITTED");
    assert.ok(strict.st.session);

    const lax = fixture({ starterLeave: "end" });
    await startSession(lax.st, lax.ps("p1"), lax.open("p1").inst, undefined);
    assert.equal(code(leaveSession(lax.st, lax.ps("p1"))), "ok");
    assert.equal(lax.st.session, null);
  });
});

describe("end", () => {
  test("endPermission starter (default) or hosts", async () => {
    const strict = fixture();
    await startSession(strict.st, strict.ps("p1"), strict.open("p1").inst, undefined);
    assert.equal(code(await endSession(strict.st, strict.ps("p2"))), "NOT_PERMITTED");
    assert.equal(code(await endSession(strict.st, strict.ps("p1"))), "ok");
    assert.equal(code(await endSession(strict.st, strict.ps("p1"))), "NO_ACTIVE_SESSION");

    const hosts = fixture({ endPermission: "hosts" });
    await startSession(hosts.st, hosts.ps("p1"), hosts.open("p1").inst, undefined);
    assert.equal(code(await endSession(hosts.st, hosts.ps("p3"))), "NOT_PERMITTED");
    assert.equal(code(await endSession(hosts.st, hosts.ps("p2"))), "ok");
  });

  test("end closes joined instances, keeps the starter's, clears invitations", async () => {
    const { st, ps, open } = fixture();
    const h = open("p1");
    await startSession(st, ps("p1"), h.inst, undefined);
    const ann = open("p3");
    joinSession(st, ps("p3"), ann.inst);
    assert.equal(code(await endSession(st, ps("p1"))), "ok");
    assert.deepEqual(ann.events, ["join:p3", "end:p1"], "the acting participant is the ender");
    assert.equal(ann.inst.closed, true);
    assert.equal(h.inst.closed, false);
    assert.equal(ps("p2").invitation, null);
    assert.equal(st.session, null);
  });

  test("confirmEnd ask: the dialog's answer decides, and a cancel keeps the session", async () => {
    const { st, ps, open } = fixture({ confirmEnd: "ask" });
    await startSession(st, ps("p1"), open("p1").inst, undefined);
    const pending = endSession(st, ps("p1"));
    assert.equal(ps("p1").confirmation?.kind, "end");
    assert.equal(code(await endSession(st, ps("p1"))), "NOT_PERMITTED", "one dialog at a time");
    ps("p1").confirmation?.resolve(false);
    const r = await pending;
    assert.ok(r.ok);
    assert.equal(r.value.status, AppHandleRespType.CANCELED);
    assert.ok(st.session);
  });
});

test("the trace records each transition as a state entry", async () => {
  const { st, ps, open } = fixture();
  await startSession(st, ps("p1"), open("p1").inst, undefined);
  joinSession(st, ps("p3"), null);
  await endSession(st, ps("p1"));
  const names = st.trace
    .entries()
    .filter((e) => e.kind === "state" && e.name.startsWith("session."))
    .map((e) => e.name);
  assert.deepEqual(names, ["session.started", "session.joined", "session.ended"]);
});
