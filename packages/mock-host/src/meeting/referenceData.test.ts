/**
 * Every call of reference §2 (loading and environment), §3 (permission / auth) and §4 (meeting
 * data) through the real client and the simulator: one test per call, titled with its name and
 * section, plus the auth flow (AUTH_REQUIRED until agentConfig / config succeeds).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AuthorizeBizCode,
  JSAPI_CLIENT_CALLS,
  JSAPI_TABLE,
  JsApiConfigData,
  MeetingType,
  RoleType,
  VersionCompareType,
} from "@yiqi/jsapi";
import { computeSignature } from "./signature.ts";
import {
  type ReferenceCase,
  referenceNames,
  testReferenceCases,
} from "./testing/referenceFixture.ts";

const CASES: Record<string, ReferenceCase> = {
  isInWemeet: [
    "true inside the client",
    async (f) => {
      const app = f.open("p1");
      await app.wemeet.app.getAppInfo();
      assert.equal(app.wemeet.isInWemeet, true);
    },
  ],
  "app.version": [
    "the client version: callable (VER's example app.version()) and a string (a GET returning a String)",
    async (f) => {
      const app = f.open("p1");
      await app.wemeet.app.getAppInfo();
      assert.equal(app.wemeet.app.version(), "3.36.0");
      assert.equal(String(app.wemeet.app.version), "3.36.0");
      assert.equal(`${app.wemeet.app.version}`, "3.36.0");
    },
  ],
  "app.compare": [
    "resolves a Promise of VersionCompareType",
    async (f) => {
      const app = f.open("p1");
      const r = app.wemeet.app.compare("3.12.0");
      assert.ok(r instanceof Promise);
      assert.equal(await r, VersionCompareType.GREATER);
    },
  ],
  "app.getRunningContext": [
    "scene inMeeting with the 3.14 ids",
    async (f) => {
      const ctx = await f.open("p1").wemeet.app.getRunningContext();
      assert.equal(ctx.scene, "inMeeting");
      assert.equal(ctx.msMeetingId, f.meeting.id);
      assert.equal(typeof ctx.deviceId, "string");
    },
  ],
  "app.getAppInfo": [
    "instanceId is the device-type id (Mac 2, Windows 1, iOS 4)",
    async (f) => {
      assert.deepEqual(await f.open("p1").wemeet.app.getAppInfo(), {
        appVersion: "3.36.0",
        clientLanguage: "zh-CN",
        instanceId: 2,
      });
      assert.equal((await f.open("p2").wemeet.app.getAppInfo()).instanceId, 1);
      assert.equal((await f.open("p3").wemeet.app.getAppInfo()).instanceId, 4);
    },
  ],
  "permission.agentConfig": [
    "a signature over a ticket issued to another user is TICKET_INVALID; uppercase hex is refused",
    async (f) => {
      const app = f.open("p1");
      const { sdkId, corpId, url } = f.meeting.app();
      const base = { sdkId, corpId, nonceStr: "n", timestamp: "1" };
      const other = f.meeting.auth.issueTicket("someone-else");
      const sig = await computeSignature({ ...base, url, ticket: other.ticket });
      await assert.rejects(app.wemeet.permission.agentConfig({ ...base, signature: sig }), {
        code: "TICKET_INVALID",
      });
      const mine = f.meeting.auth.issueTicket();
      const upper = (await computeSignature({ ...base, url, ticket: mine.ticket })).toUpperCase();
      await assert.rejects(app.wemeet.permission.agentConfig({ ...base, signature: upper }), {
        code: "SIGNATURE_INVALID",
      });
      await f.authorize(app);
      assert.equal(f.meeting.instances().at(-1)?.authorized, true);
    },
  ],
  "permission.config": [
    "self-built apps: the same fields as agentConfig (CONFIG-MD), corpId required, timestamp a String",
    async (f) => {
      const app = f.open("p1");
      const { sdkId, corpId, url } = f.meeting.app();
      const { ticket } = f.meeting.auth.issueTicket();
      const base = { sdkId, nonceStr: "n", timestamp: "5" };
      const signature = await computeSignature({ ...base, corpId, url, ticket });
      const noCorp = { ...base, signature } as unknown as Parameters<
        typeof app.wemeet.permission.config
      >[0];
      await assert.rejects(app.wemeet.permission.config(noCorp), {
        code: "INVALID_ARGUMENT",
        message: /corpId is required/,
      });
      const numeric = { ...base, corpId, signature, timestamp: 5 } as unknown as typeof noCorp;
      await assert.rejects(app.wemeet.permission.config(numeric), {
        code: "INVALID_ARGUMENT",
        message:
          /timestamp must be string, got number \(pass the timestamp your server signed as a string/,
      });
      assert.equal(await app.wemeet.permission.checkJsApiConfig(), JsApiConfigData.FAILED);
      await app.wemeet.permission.config({ ...base, corpId, signature });
      assert.equal(await app.wemeet.permission.checkJsApiConfig(), JsApiConfigData.SUCCESS);
    },
  ],
  "permission.checkJsApiConfig": [
    "0 before auth, 1 after",
    async (f) => {
      const app = f.open("p1");
      assert.equal(await app.wemeet.permission.checkJsApiConfig(), JsApiConfigData.FAILED);
      await f.authorize(app);
      assert.equal(await app.wemeet.permission.checkJsApiConfig(1000), JsApiConfigData.SUCCESS);
    },
  ],
  "permission.authorize": [
    "resolves undefined (Promise<void>), the code only via success({ authCode }); a refusal calls both fail and failure (Tencent's slip) with bizCode",
    async (f) => {
      const app = f.open("p2");
      const codes: string[] = [];
      const r = await app.wemeet.permission.authorize({ success: (x) => codes.push(x.authCode) });
      assert.equal(r, undefined, "AUTH3P-MD: Returns Promise<void>");
      assert.equal(codes.length, 1);
      assert.match(codes[0] ?? "", /\S/);
      assert.equal(f.meeting.participant("p2").authorized, true);
      f.meeting.setDecisions({ authorizeConsent: "reject" });
      const got: number[] = [];
      await assert.rejects(
        app.wemeet.permission.authorize({
          fail: (e) => got.push(e.bizCode),
          failure: (e) => got.push(e.bizCode),
        }),
        { code: "NOT_PERMITTED", apiCode: AuthorizeBizCode.REJECTED },
      );
      assert.deepEqual(got, [AuthorizeBizCode.REJECTED, AuthorizeBizCode.REJECTED]);
      f.meeting.updateParticipant("p2", { clientVersion: "3.15.0" });
      await assert.rejects(f.open("p2").wemeet.permission.authorize(), {
        code: "UNSUPPORTED_VERSION",
      });
    },
  ],
  "data.getPhoneNumber": [
    "AUTH_REQUIRED first; then a token; cancel is code 1",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(app.wemeet.data.getPhoneNumber(), { code: "AUTH_REQUIRED" });
      await f.authorize(app);
      const r = await app.wemeet.data.getPhoneNumber();
      assert.equal(r.code, 0);
      assert.deepEqual(f.meeting.auth.exchangePhoneToken(r.token), {
        ok: true,
        value: { phone_number: "13800138000", country_code: "86" },
      });
      assert.equal(f.meeting.auth.exchangePhoneToken(r.token).ok, false, "single use");
      f.meeting.setDecisions({ phoneNumberConsent: "cancel" });
      const failed: unknown[] = [];
      await assert.rejects(app.wemeet.data.getPhoneNumber({ fail: (e) => failed.push(e) }), {
        code: "CANCELED",
        apiCode: 1,
      });
      assert.deepEqual(failed, [{ code: 1, message: "get auto_code is canceled", token: "" }]);
    },
  ],
  "meeting.getUserInfo": [
    "needs auth; openId only once authorised; avatarUrl from the simulator",
    async (f) => {
      f.meeting.updateParticipant("p2", { avatarUrl: "https://a.example/p.png" });
      const app = f.open("p2");
      await assert.rejects(app.wemeet.meeting.getUserInfo(), { code: "AUTH_REQUIRED" });
      await f.authorize(app);
      const info = await app.wemeet.meeting.getUserInfo();
      assert.equal(info.openId, undefined);
      assert.equal(info.nickname, "Alice");
      assert.equal(info.avatarUrl, "https://a.example/p.png");
      assert.equal(info.roleType, RoleType.ATTENDEE);
      f.meeting.updateParticipant("p2", { authorized: true });
      assert.equal(typeof (await app.wemeet.meeting.getUserInfo()).openId, "string");
    },
  ],
  "meeting.getCustomerData": [
    "the participant's CustomerData; NOT_PERMITTED without enable_customer_data",
    async (f) => {
      const app = f.open("p2");
      assert.deepEqual(await app.wemeet.meeting.getCustomerData(), { customerData: "cd-1" });
      f.meeting.updateApp({ enableCustomerData: false });
      await assert.rejects(app.wemeet.meeting.getCustomerData(), { code: "NOT_PERMITTED" });
    },
  ],
  "meeting.getCurrMeetingInfo": [
    "the simulated meeting's data, editable through the host API",
    async (f) => {
      f.meeting.updateMeetingInfo({ meetingSubject: "Weekly", meetingType: MeetingType.WEBINAR });
      const app = f.open("p1");
      await f.authorize(app);
      const info = await app.wemeet.meeting.getCurrMeetingInfo();
      assert.equal(info.meetingSubject, "Weekly");
      assert.equal(info.meetingType, MeetingType.WEBINAR);
      assert.equal(info.meetingId, f.meeting.id);
      assert.equal(info.roleType, RoleType.HOST);
      assert.equal(info.isInMeeting, true);
    },
  ],
  "meeting.getUserList": [
    "host only; pages after index",
    async (f) => {
      f.meeting.setDecisions({ userListPageSize: 2 });
      const host = f.open("p1");
      await f.authorize(host);
      const first = await host.wemeet.meeting.getUserList();
      assert.deepEqual(
        first.userList.map((u) => u.nickname),
        ["Host", "Alice"],
      );
      assert.equal(first.hasMore, true);
      const next = await host.wemeet.meeting.getUserList({ index: first.userList[1]?.index });
      assert.deepEqual(
        next.userList.map((u) => u.nickname),
        ["Bob"],
      );
      assert.equal(next.hasMore, false);
      const alice = f.open("p2");
      await f.authorize(alice);
      await assert.rejects(alice.wemeet.meeting.getUserList(), { code: "NOT_PERMITTED" });
    },
  ],
};

const SECTIONS = new Set(["§2", "§3", "§4"]);
const mine = referenceNames().filter((n) => {
  const e =
    Object.values(JSAPI_TABLE).find((x) => x.name === n) ??
    JSAPI_CLIENT_CALLS.find((x) => x.name === n);
  return e !== undefined && SECTIONS.has(e.ref);
});

test("reference §2–§4: every call of the API table in these sections has a test here", () => {
  assert.deepEqual(Object.keys(CASES).sort(), mine.sort());
});

testReferenceCases(CASES);
