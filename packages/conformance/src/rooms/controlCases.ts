/**
 * Contract cases of MeetingControl (§5.3), Invite (§5.4), the Share rules (§5.6) and the
 * device's bytes and envelope (§2).
 *
 * @module
 */

import { call, expectCode, fail, isObj, someMember, versioned } from "./caseHelpers.ts";
import type { RoomsCase } from "./cases.ts";

const control: RoomsCase[] = [
  {
    name: "§5.3 RequestRecord when not in a meeting → 10000",
    given: ["notInMeeting"],
    send: call("MeetingControl", "RequestRecord"),
    expect: { error_code: 10000 },
  },
  {
    name: "§5.3 RequestRecord as host → 0 and Event/MeetingControl RequestRecord; again → 50003",
    run: async (ctx) => {
      await ctx.ensure(["hostMeeting"]);
      await ctx.expectEvent("MeetingControl", "RequestRecord", () =>
        expectCode(ctx, "Call/MeetingControl", call("MeetingControl", "RequestRecord").params, 0),
      );
      await expectCode(
        ctx,
        "Call/MeetingControl",
        call("MeetingControl", "RequestRecord").params,
        50003,
      );
    },
  },
  {
    name: "§5.3 RequestRecord as an attendee → 0 (a request goes to the host), RequestRecord event",
    run: async (ctx) => {
      await ctx.ensure(["attendeeMeeting"]);
      await ctx.expectEvent("MeetingControl", "RequestRecord", () =>
        expectCode(ctx, "Call/MeetingControl", call("MeetingControl", "RequestRecord").params, 0),
      );
    },
  },
  {
    name: "§5.3 StartRecord without mobile_address → 8",
    given: ["hostMeeting"],
    send: call("MeetingControl", "StartRecord"),
    expect: { error_code: 8 },
  },
  {
    name: "§5.3 StartRecord when not in a meeting → 10000",
    given: ["notInMeeting"],
    send: call("MeetingControl", "StartRecord", { mobile_address: "it@example.com" }),
    expect: { error_code: 10000 },
  },
  {
    name: "§5.3 StartRecord as host → 0",
    given: ["hostMeeting"],
    send: call("MeetingControl", "StartRecord", { mobile_address: "it@example.com" }),
    expect: { error_code: 0 },
  },
  {
    name: "§5.3 StartRecord as an attendee → 50004 (request recording first)",
    decision: true,
    given: ["attendeeMeeting"],
    send: call("MeetingControl", "StartRecord", { mobile_address: "it@example.com" }),
    expect: { error_code: 50004 },
  },
  {
    name: "§5.3 MuteAll without audio_allow_unmute_by_self → 8",
    given: ["hostMeeting"],
    send: call("MeetingControl", "MuteAll"),
    expect: { error_code: 8 },
  },
  {
    name: "§5.3 MuteAll when not in a meeting → 10000",
    decision: true,
    given: ["notInMeeting"],
    send: call("MeetingControl", "MuteAll", { audio_allow_unmute_by_self: true }),
    expect: { error_code: 10000 },
  },
  {
    name: "§5.3 MuteAll as an attendee → 10022",
    decision: true,
    given: ["attendeeMeeting"],
    send: call("MeetingControl", "MuteAll", { audio_allow_unmute_by_self: true }),
    expect: { error_code: 10022 },
  },
  {
    name: "§5.3 MuteAll as host → 0 and Event/MeetingControl MuteAll",
    run: async (ctx) => {
      await ctx.ensure(["hostMeeting"]);
      await ctx.expectEvent("MeetingControl", "MuteAll", () =>
        expectCode(
          ctx,
          "Call/MeetingControl",
          call("MeetingControl", "MuteAll", { audio_allow_unmute_by_self: false }).params,
          0,
        ),
      );
    },
  },
  {
    name: "§5.3 ListMemberIds (sync) → 0 with data: an array of user id strings",
    given: ["inMeeting"],
    send: call("MeetingControl", "ListMemberIds", { begin_count: 0, type: 1, end_count: 1 }),
    expect: {
      error_code: 0,
      check: (r) =>
        Array.isArray(r.data) && r.data.length > 0 && r.data.every((x) => typeof x === "string")
          ? undefined
          : "result.data must be a non-empty array of user id strings",
    },
  },
  {
    name: "§5.3 ListMemberIds without begin_count → 8",
    given: ["inMeeting"],
    send: call("MeetingControl", "ListMemberIds", { type: 1, end_count: 1 }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.3 MuteMember with an unknown user_id → 50000",
    decision: true,
    given: ["hostMeeting"],
    send: call("MeetingControl", "MuteMember", { user_id: "no-such-user" }),
    expect: { error_code: 50000 },
  },
  {
    name: "§5.3 MuteMember as host → 0",
    run: async (ctx) => {
      await ctx.ensure(["hostMeeting"]);
      await expectCode(
        ctx,
        "Call/MeetingControl",
        call("MeetingControl", "MuteMember", { user_id: await someMember(ctx) }).params,
        0,
      );
    },
  },
  {
    name: "§5.3 StopVideo without user_id → 8",
    given: ["hostMeeting"],
    send: call("MeetingControl", "StopVideo"),
    expect: { error_code: 8 },
  },
  {
    name: "§5.3 StopVideo as host → 0",
    run: async (ctx) => {
      await ctx.ensure(["hostMeeting"]);
      await expectCode(
        ctx,
        "Call/MeetingControl",
        call("MeetingControl", "StopVideo", { user_id: await someMember(ctx) }).params,
        0,
      );
    },
  },
  {
    name: "§5.3 RemoveMember without allow_join → 8",
    given: ["hostMeeting"],
    send: call("MeetingControl", "RemoveMember", { user_id: "x" }),
    expect: { error_code: 8 },
  },
  {
    name: "§5.3 RemoveMember as host → 0, and the member is gone from ListMemberIds",
    run: async (ctx) => {
      await ctx.ensure(["hostMeeting"]);
      const id = await someMember(ctx);
      await expectCode(
        ctx,
        "Call/MeetingControl",
        call("MeetingControl", "RemoveMember", { user_id: id, allow_join: true }).params,
        0,
      );
      const r = await ctx.request(
        "Call/MeetingControl",
        call("MeetingControl", "ListMemberIds", { begin_count: 0, end_count: 50, type: 1 }).params,
      );
      if (Array.isArray(r.data) && r.data.includes(id))
        fail(`${id} is still listed after RemoveMember`);
    },
  },
];

const invite: RoomsCase[] = [
  {
    name: "§5.4 DialPstn with a malformed number → 40007",
    decision: true,
    given: ["notInMeeting"],
    send: call("Invite", "DialPstn", { phone_number: "call-me" }),
    expect: { error_code: 40007 },
  },
  {
    name: "§5.4 HangUpPstn without a call → 40006",
    decision: true,
    send: call("Invite", "HangUpPstn"),
    expect: { error_code: 40006 },
  },
  {
    name: "§5.4 DialPstn → 0 (dial_ui_state becomes 1 or 2); HangUpPstn → 0",
    decision: true,
    run: async (ctx) => {
      await ctx.ensure(["notInMeeting"]);
      await expectCode(
        ctx,
        "Call/Invite",
        call("Invite", "DialPstn", { phone_number: "+8613800000000" }).params,
        0,
      );
      const r = await ctx.request("Query", { path: ["Invite"] });
      const state =
        isObj(r.data) && isObj(r.data.pstn) && isObj(r.data.pstn.PtsnInfo)
          ? r.data.pstn.PtsnInfo.dial_ui_state
          : undefined;
      if (state !== "1" && state !== "2")
        fail(`dial_ui_state must be "1" or "2" while calling, got ${JSON.stringify(state)}`);
      await expectCode(ctx, "Call/Invite", call("Invite", "HangUpPstn").params, 0);
    },
  },
  {
    name: "§5.4 AcceptInvite without an invitation → 10002",
    decision: true,
    given: ["notInMeeting"],
    send: call("Invite", "AcceptInvite"),
    expect: { error_code: 10002 },
  },
  {
    name: "§5.4 RejectInvite without an invitation → 10002",
    decision: true,
    send: call("Invite", "RejectInvite"),
    expect: { error_code: 10002 },
  },
];

const rules: RoomsCase[] = [
  {
    name: "§5.6 StopWindowShare while the Rooms shares a capture device → 1 (use StopShare)",
    decision: true,
    given: ["inMeeting", "notSharing"],
    run: async (ctx) => {
      await ctx.ensure(["inMeeting", "notSharing"]);
      await expectCode(
        ctx,
        "Call/Share",
        call("Share", "StartShare", { share_type: 1, fluency_first: true }).params,
        0,
      );
      await expectCode(ctx, "Call/Share", call("Share", "StopWindowShare").params, 1);
      await expectCode(ctx, "Call/Share", call("Share", "StopShare").params, 0);
    },
  } as RoomsCase,
  {
    name: "§2.2 a call to a query-only module (Ability) → 9",
    decision: true,
    send: call("Ability", "Anything"),
    expect: { error_code: 9 },
  },
  {
    name: '§2.2 the device\'s bytes: {"jsonrpc": "2.0", "method": "Query", "id": …, "result": {"error_code": 0, … as the examples and drivers print them',
    decision: true,
    run: async (ctx) => {
      const id = ctx.nextId();
      const text = await ctx.requestText("Query", { path: ["Share", "CastCode"] }, id);
      const start = `{"jsonrpc": "2.0", "method": "Query", "id": "${id}", "result": {"error_code": 0, "message": `;
      if (!text.startsWith(start)) fail(`the answer must start ${start}; got ${text}`);
    },
  },
  {
    name: "§2.1 a notification (no id) gets no answer (JSON-RPC 2.0 §4.1)",
    decision: true,
    run: async (ctx) => {
      const id = ctx.nextId();
      const frames = await ctx.sendAndCollect(
        [
          '{"jsonrpc": "2.0", "method": "Query", "params": {"path": ["Share"]}}',
          JSON.stringify({
            jsonrpc: "2.0",
            id,
            method: "Query",
            params: { path: ["Share", "CastCode"] },
          }),
        ],
        300,
      );
      const answers = frames.filter(
        (f) => isObj(f.json) && !String(f.json.method ?? "").startsWith("Event/"),
      );
      if (answers.length !== 1 || !isObj(answers[0]?.json) || answers[0].json.id !== id)
        fail(`expected only the answer to ${id}, got ${answers.map((f) => f.text).join(" | ")}`);
    },
  },
  {
    name: "§2.1 a binary frame is refused with a JSON-RPC error -32600 that says to send text",
    decision: true,
    run: async (ctx) => {
      const frame = await ctx.sendBinary(
        new TextEncoder().encode(
          '{"jsonrpc":"2.0","id":"bin","method":"Query","params":{"path":["Share"]}}',
        ),
      );
      const err = isObj(frame?.json) && isObj(frame.json.error) ? frame.json.error : undefined;
      if (err?.code !== -32600) fail(`expected a JSON-RPC error -32600, got ${frame?.text}`);
    },
  },
];

/** MeetingControl, Invite and §2 cases. */
export const controlContractCases: readonly RoomsCase[] = [...control, ...invite, ...rules].map(
  versioned,
);
