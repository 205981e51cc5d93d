/**
 * The Rooms control API contract, as data: each case states its preconditions, what it sends and
 * what the device must answer. A few cases need a script (auth, events) and carry a `run`.
 *
 * Cases marked `decision` check an emulator decision of SPEC B (the real behaviour is
 * undocumented); a real device may legitimately differ there.
 *
 * @module
 */
import { authProtocol, type RoomsResult } from "@yiqi/rooms-rpc";
import { isObj } from "./caseHelpers.ts";
import type { CaseContext } from "./context.ts";
import { controlContractCases } from "./controlCases.ts";
import { moduleContractCases } from "./moduleCases.ts";

/** A state the runner establishes before a case. */
export type Given =
  | "inMeeting"
  | "notInMeeting"
  /** A fresh instant meeting the Rooms started, so it is host. */
  | "hostMeeting"
  /** A meeting the Rooms joined by code, so it is an attendee. */
  | "attendeeMeeting"
  | "cameraOn"
  | "cameraOff"
  | "micOn"
  | "micOff"
  | "sharing"
  | "notSharing"
  | "guideOpen"
  | "guideClosed";

/** What a request case expects. */
export type Expectation =
  | {
      /** The in-band `result.error_code`. */
      error_code: number;
      /** Extra check of the result; returns a problem or `undefined`. */
      check?: (result: RoomsResult) => string | undefined;
      /** State that must hold afterwards (checked with `Query ["Share"]`). */
      after?: { sharing?: boolean };
    }
  | {
      /** A JSON-RPC `error.code` (-32700, -32600). */
      jsonrpc_error: number;
    };

/** A data-driven case: establish `given`, send one frame, compare the answer. */
export interface RequestCase {
  name: string;
  /** Checks an emulator decision rather than documented behaviour. */
  decision?: boolean;
  given?: readonly Given[];
  /** A request (id added by the runner unless given) or a raw frame. */
  send:
    | { method: string; params?: Record<string, unknown>; id?: string | number }
    | { raw: string };
  expect: Expectation;
}

/** A scripted case: throws (or rejects) to fail. */
export interface ScriptCase {
  name: string;
  decision?: boolean;
  run(ctx: CaseContext): Promise<void>;
}

/** One contract case. */
export type RoomsCase = RequestCase | ScriptCase;

const call = (action: string, action_params?: Record<string, unknown>) => ({
  method: "Call/Share",
  params: action_params === undefined ? { action } : { action, action_params },
});

const checkShareQuery = (r: RoomsResult): string | undefined => {
  const share = isObj(r.data) ? r.data.share : undefined;
  if (!isObj(share)) return 'data.share is missing (Query ["Share"] wraps its data in "share")';
  const info = share.share_info;
  if (!isObj(info)) return "data.share.share_info is missing";
  if (typeof info.is_sharing !== "boolean") return "share_info.is_sharing must be a boolean";
  if (![0, 1, 2].includes(info.quick_casting_state as number))
    return "share_info.quick_casting_state must be 0, 1 or 2";
  if (info.is_sharing && !isObj(info.share_user_info))
    return "share_info.share_user_info must be present while sharing";
  if (!info.is_sharing && info.share_user_info !== undefined)
    return "share_info.share_user_info must be absent when nobody shares";
  if (typeof share.cast_code !== "string") return "data.share.cast_code must be a string";
  if (!Array.isArray(share.capture_device_list))
    return "data.share.capture_device_list must be an array";
  return undefined;
};

const START_DESKTOP = { share_type: 0, share_voice: false, fluency_first: true, select_index: 0 };
const START_WINDOW = { share_voice: false, fluency_first: true, select_index: 0 };

const preconditionCases = (action: string, params?: Record<string, unknown>): RequestCase[] => [
  {
    name: `${action}: not in a meeting → 10000`,
    given: ["notInMeeting"],
    send: call(action, params),
    expect: { error_code: 10000 },
  },
];

/** Every case of the Rooms control API contract, in run order. */
export const roomsContractCases: readonly RoomsCase[] = [
  // ---- envelope, echo, transport ----
  {
    name: 'Query ["Share"]: answers share_info, cast_code, capture_device_list inside "share"; echoes id and method',
    send: { method: "Query", params: { path: ["Share"] } },
    expect: { error_code: 0, check: checkShareQuery },
  },
  {
    name: "a numeric id is echoed as a number",
    send: {
      method: "Query",
      params: { path: ["Share"] },
      id: 700_000_000 + Math.floor(Math.random() * 99_999_999),
    },
    expect: { error_code: 0 },
  },
  {
    name: "a frame that is not JSON → JSON-RPC error -32700",
    decision: true,
    send: { raw: '{"jsonrpc":"2.0","id":' },
    expect: { jsonrpc_error: -32700 },
  },
  {
    name: "JSON that is not a JSON-RPC request → JSON-RPC error -32600",
    decision: true,
    send: { raw: '{"hello":"world"}' },
    expect: { jsonrpc_error: -32600 },
  },
  {
    name: "a request without method → JSON-RPC error -32600",
    decision: true,
    send: { raw: '{"jsonrpc":"2.0","id":"no-method-1","params":{}}' },
    expect: { jsonrpc_error: -32600 },
  },
  // ---- Query paths ----
  {
    name: 'Query ["Share", "CastCode"]: flat { cast_code }',
    send: { method: "Query", params: { path: ["Share", "CastCode"] } },
    expect: {
      error_code: 0,
      check: (r) =>
        isObj(r.data) && typeof r.data.cast_code === "string" && !("share" in r.data)
          ? undefined
          : "data must be the flat { cast_code: string }",
    },
  },
  {
    name: "Query of an unknown sub-node → 6",
    send: { method: "Query", params: { path: ["Share", "NoSuchNode"] } },
    expect: { error_code: 6 },
  },
  {
    name: "Query of an unknown module → 6",
    send: { method: "Query", params: { path: ["NoSuchModule"] } },
    expect: { error_code: 6 },
  },
  {
    name: "Query without path → 8",
    decision: true,
    send: { method: "Query", params: {} },
    expect: { error_code: 8 },
  },
  // ---- Call envelope ----
  {
    name: "Call/Share with an unknown action → 9",
    send: call("NoSuchAction"),
    expect: { error_code: 9 },
  },
  {
    name: "Call to an unknown module → 6",
    decision: true,
    send: { method: "Call/NoSuchModule", params: { action: "Anything" } },
    expect: { error_code: 6 },
  },
  {
    name: "Call/Share without action → 8",
    decision: true,
    send: { method: "Call/Share", params: {} },
    expect: { error_code: 8 },
  },
  // ---- Meeting (sets up the Share preconditions) ----
  {
    name: "JoinMeeting while in a meeting → 10001",
    decision: true,
    given: ["inMeeting"],
    send: {
      method: "Call/Meeting",
      params: { action: "JoinMeeting", action_params: { meeting_code: "100200300" } },
    },
    expect: { error_code: 10001 },
  },
  {
    name: "LeaveMeeting while not in a meeting → 10000",
    decision: true,
    given: ["notInMeeting"],
    send: { method: "Call/Meeting", params: { action: "LeaveMeeting" } },
    expect: { error_code: 10000 },
  },
  // ---- StartShare ----
  ...preconditionCases("StartShare", START_DESKTOP),
  {
    name: "StartShare without share_type → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { fluency_first: true }),
    expect: { error_code: 8 },
  },
  {
    name: "StartShare without fluency_first → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { share_type: 0 }),
    expect: { error_code: 8 },
  },
  {
    name: "StartShare with share_type 7 → 8",
    decision: true,
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { share_type: 7, fluency_first: true }),
    expect: { error_code: 8 },
  },
  {
    name: "StartShare with a mistyped share_voice → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { share_type: 0, fluency_first: true, share_voice: "yes" }),
    expect: { error_code: 8 },
  },
  {
    name: "StartShare type 0 (desktop) in a meeting → 0, sharing",
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", START_DESKTOP),
    expect: { error_code: 0, after: { sharing: true } },
  },
  {
    name: "StartShare type 1 (capture device, default device) → 0, sharing",
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { share_type: 1, fluency_first: false, share_voice: true }),
    expect: { error_code: 0, after: { sharing: true } },
  },
  {
    name: "StartShare type 1 with an unknown device_id → 8",
    decision: true,
    given: ["inMeeting", "notSharing"],
    send: call("StartShare", { share_type: 1, fluency_first: false, device_id: "no-such-device" }),
    expect: { error_code: 8 },
  },
  {
    name: "StartShare while already sharing → 17",
    decision: true,
    given: ["inMeeting", "sharing"],
    send: call("StartShare", START_DESKTOP),
    expect: { error_code: 17 },
  },
  // ---- StopShare ----
  ...preconditionCases("StopShare"),
  {
    name: "StopShare while sharing → 0, not sharing",
    given: ["inMeeting", "sharing"],
    send: call("StopShare"),
    expect: { error_code: 0, after: { sharing: false } },
  },
  {
    name: "StopShare in a meeting with nothing shared → 0",
    decision: true,
    given: ["inMeeting", "notSharing"],
    send: call("StopShare"),
    expect: { error_code: 0, after: { sharing: false } },
  },
  // ---- StartWindowShare / StopWindowShare ----
  ...preconditionCases("StartWindowShare", START_WINDOW),
  {
    name: "StartWindowShare without share_voice → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartWindowShare", { fluency_first: true }),
    expect: { error_code: 8 },
  },
  {
    name: "StartWindowShare without fluency_first → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartWindowShare", { share_voice: true }),
    expect: { error_code: 8 },
  },
  {
    name: "StartWindowShare with a mistyped select_index → 8",
    given: ["inMeeting", "notSharing"],
    send: call("StartWindowShare", {
      share_voice: true,
      fluency_first: true,
      select_index: "first",
    }),
    expect: { error_code: 8 },
  },
  {
    name: "StartWindowShare in a meeting → 0, sharing",
    given: ["inMeeting", "notSharing"],
    send: call("StartWindowShare", START_WINDOW),
    expect: { error_code: 0, after: { sharing: true } },
  },
  {
    name: "StartWindowShare while already sharing → 17",
    decision: true,
    given: ["inMeeting", "sharing"],
    send: call("StartWindowShare", START_WINDOW),
    expect: { error_code: 17 },
  },
  ...preconditionCases("StopWindowShare"),
  {
    name: "StopWindowShare in a meeting without a share → 1",
    given: ["inMeeting", "notSharing"],
    send: call("StopWindowShare"),
    expect: { error_code: 1 },
  },
  {
    name: "StopWindowShare while sharing → 0, not sharing",
    given: ["inMeeting", "sharing"],
    send: call("StopWindowShare"),
    expect: { error_code: 0, after: { sharing: false } },
  },
  // ---- EndQuickShare / CancelQuickShare ----
  ...(["EndQuickShare", "CancelQuickShare"] as const).flatMap((action): RequestCase[] => [
    ...preconditionCases(action, { meeting_type: "castMeeting" }),
    {
      name: `${action} in a meeting without a share → 1`,
      given: ["inMeeting", "notSharing"],
      send: call(action, { meeting_type: "castMeeting" }),
      expect: { error_code: 1 },
    },
    {
      name: `${action} while sharing (meeting_type in action_params) → 0, not sharing`,
      given: ["inMeeting", "sharing"],
      send: call(action, { meeting_type: "castMeeting" }),
      expect: { error_code: 0, after: { sharing: false } },
    },
    {
      name: `${action} while sharing (meeting_type directly in params, as the seed sample) → 0`,
      given: ["inMeeting", "sharing"],
      send: { method: "Call/Share", params: { action, meeting_type: "castMeeting" } },
      expect: { error_code: 0, after: { sharing: false } },
    },
  ]),
  // ---- share guide ----
  {
    name: "OpenShareGuide (needs no meeting) → 0",
    given: ["notInMeeting", "guideClosed"],
    send: call("OpenShareGuide"),
    expect: { error_code: 0 },
  },
  {
    name: "OpenShareGuide when open → 17",
    decision: true,
    given: ["guideOpen"],
    send: call("OpenShareGuide"),
    expect: { error_code: 17 },
  },
  {
    name: "CloseShareGuide when open → 0",
    given: ["guideOpen"],
    send: call("CloseShareGuide"),
    expect: { error_code: 0 },
  },
  {
    name: "CloseShareGuide when closed → 17",
    decision: true,
    given: ["guideClosed"],
    send: call("CloseShareGuide"),
    expect: { error_code: 17 },
  },
  // ---- scripted ----
  {
    name: "a wrong password is refused (handshake refused, or 16/5 in band)",
    run: async (ctx) => ctx.expectAuthRefused([authProtocol("wrong-password-yiqi")]),
  },
  {
    name: "a connection without the auth- subprotocol is refused (handshake refused, or 5/16 in band)",
    run: async (ctx) => ctx.expectAuthRefused([]),
  },
  {
    name: 'Subscribe ["Share"] → Event/Share ShareInfoChanged on StartShare; none after Unsubscribe',
    decision: true,
    run: async (ctx) => ctx.expectShareEvents(),
  },
  {
    name: "Subscribe to an unknown module → 7",
    decision: true,
    run: async (ctx) => {
      const result = await ctx.request("Subscribe", { path: ["NoSuchModule"] });
      if (result.error_code !== 7)
        throw new Error(`expected error_code 7, got ${result.error_code}`);
    },
  },
  ...moduleContractCases,
  ...controlContractCases,
];
