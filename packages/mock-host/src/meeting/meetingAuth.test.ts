import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { createManualClock } from "./clock.ts";
import { createMeeting, type Meeting } from "./meeting.ts";
import { computeSignature, signaturePayload } from "./signature.ts";

const PAGE = "https://app.example.com/play?room=1";

async function signFor(meeting: Meeting, ticket: string, url = PAGE, nonceStr = "n0nce") {
  const app = meeting.app();
  const timestamp = "1700000000";
  const signature = await computeSignature({
    corpId: app.corpId,
    sdkId: app.sdkId,
    timestamp,
    nonceStr,
    url,
    ticket,
  });
  return { sdkId: app.sdkId, corpId: app.corpId, timestamp, nonceStr, signature };
}

describe("computeSignature", () => {
  test("is lowercase hex SHA-256 of the documented string, without the fragment", async () => {
    const input = {
      corpId: "c",
      sdkId: "s",
      timestamp: 1,
      nonceStr: "n",
      url: "https://a.example/p?x=1#frag",
      ticket: "t",
    };
    assert.equal(
      signaturePayload(input),
      "corp_id=c&sdk_id=s&timestamp=1&nonce_str=n&url=https://a.example/p?x=1&ticket=t",
    );
    // sha256 of that string, computed independently (printf ... | sha256sum).
    assert.equal(
      await computeSignature(input),
      "c2efbfafbb0a10b1db5c9e6adbfc94e7524ea4cf300637d050accbaa04cfb74a",
    );
    assert.match(await computeSignature(input), /^[0-9a-f]{64}$/);
  });
});

describe("permission.agentConfig / permission.config (SPEC A4)", () => {
  test("a good signature passes once; the ticket cannot be reused", async () => {
    const meeting = createMeeting({ participants: [{ nickname: "Ann" }] });
    const inst = meeting.openInstance("p1", { url: `${PAGE}#section` });
    const { ticket } = meeting.auth.issueTicket();
    const args = await signFor(meeting, ticket);
    assert.deepEqual(await inst.api.permissionAgentConfig({ ...args, pageUrl: `${PAGE}#x` }), {
      ok: true,
      value: null,
    });
    assert.equal(meeting.instances()[0]?.authorized, true);
    const again = await inst.api.permissionAgentConfig({ ...args, pageUrl: PAGE });
    assert.equal(!again.ok && again.error.code, "TICKET_INVALID");
    assert.match(!again.ok ? again.error.errMsg : "", /already used/);
  });

  test("a bad signature, a wrong url, a foreign sdkId or bad types are rejected", async () => {
    const meeting = createMeeting({ participants: [{ nickname: "Ann" }] });
    const inst = meeting.openInstance("p1", { url: PAGE });
    const { ticket } = meeting.auth.issueTicket();
    const good = await signFor(meeting, ticket);
    const bad = await inst.api.permissionAgentConfig({
      ...good,
      signature: "0".repeat(64),
      pageUrl: PAGE,
    });
    assert.equal(!bad.ok && bad.error.code, "SIGNATURE_INVALID");
    assert.match(!bad.ok ? bad.error.errMsg : "", /corp_id=200000001&sdk_id=10000000001/);
    const otherPage = await inst.api.permissionAgentConfig({
      ...good,
      pageUrl: "https://app.example.com/other",
    });
    assert.equal(!otherPage.ok && otherPage.error.code, "SIGNATURE_INVALID");
    const foreign = await inst.api.permissionConfig({ ...good, sdkId: "999", pageUrl: PAGE });
    assert.equal(!foreign.ok && foreign.error.code, "SIGNATURE_INVALID");
    const types = await inst.api.permissionConfig({
      ...good,
      nonceStr: 5 as unknown as string,
      pageUrl: PAGE,
    });
    assert.equal(!types.ok && types.error.code, "INVALID_ARGUMENT");
    // None of the failures consumed the ticket.
    assert.equal((await inst.api.permissionConfig({ ...good, pageUrl: PAGE })).ok, true);
  });

  test("an expired ticket is refused; permissive accepts anything", async () => {
    const clock = createManualClock();
    const meeting = createMeeting({ clock, participants: [{ nickname: "Ann" }] });
    const inst = meeting.openInstance("p1", { url: PAGE });
    const { ticket, expired_time, timestamp } = meeting.auth.issueTicket();
    assert.equal(expired_time - timestamp, 7200);
    clock.advance(7201_000);
    const r = await inst.api.permissionAgentConfig({
      ...(await signFor(meeting, ticket)),
      pageUrl: PAGE,
    });
    assert.equal(!r.ok && r.error.code, "TICKET_INVALID");
    assert.match(!r.ok ? r.error.errMsg : "", /expired/);
    meeting.setDecisions({ permissiveAuth: true });
    const any = await inst.api.permissionAgentConfig({
      sdkId: "x",
      corpId: "y",
      signature: "nope",
      nonceStr: "n",
      timestamp: "1",
      pageUrl: PAGE,
    });
    assert.equal(any.ok, true);
  });

  test("OAuth: auth codes only for authorised participants, single use", () => {
    const meeting = createMeeting({
      participants: [
        { nickname: "Host", role: RoleType.HOST, authorized: true },
        { nickname: "Ann" },
      ],
    });
    const denied = meeting.auth.issueAuthCode("p2");
    assert.equal(denied.ok, false);
    const code = meeting.auth.issueAuthCode("p1");
    assert.ok(code.ok);
    const app = meeting.app();
    const body = { sdk_id: app.sdkId, secret: app.secret, auth_code: code.value };
    const tokens = meeting.auth.exchangeAuthCode(body);
    assert.ok(tokens.ok);
    assert.equal(tokens.value.open_id, meeting.participant("p1").openId);
    assert.equal(
      meeting.auth.isValidAccessToken(tokens.value.access_token, tokens.value.open_id),
      true,
    );
    const reused = meeting.auth.exchangeAuthCode(body);
    assert.equal(!reused.ok && reused.code, 40005);
    const wrongSecret = meeting.auth.exchangeAuthCode({ ...body, secret: "x" });
    assert.equal(wrongSecret.ok, false);
    const refreshed = meeting.auth.refreshToken({
      sdk_id: app.sdkId,
      open_id: tokens.value.open_id,
      refresh_token: tokens.value.refresh_token,
    });
    assert.ok(refreshed.ok);
    assert.equal(meeting.auth.isValidAccessToken(tokens.value.access_token), false, "rotated");
    assert.equal(meeting.auth.exchangeAuthCode("garbage").ok, false);
  });
});
