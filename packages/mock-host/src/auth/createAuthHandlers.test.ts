import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { RoleType } from "@yiqi/jsapi";
import { setupServer } from "msw/node";
import { createMeeting } from "../meeting/meeting.ts";
import { computeSignature } from "../meeting/signature.ts";
import { createAuthHandlers } from "./createAuthHandlers.ts";

const API = "https://api.meeting.qq.com";
const OAUTH = "https://meeting.tencent.com/wemeet-webapi/v2/oauth2/oauth";
const PAGE = "https://app.example.com/";

const meeting = createMeeting({
  participants: [{ nickname: "Host", role: RoleType.HOST, authorized: true }],
});
const server = setupServer(...createAuthHandlers(meeting));

describe("msw auth handlers (SPEC A4)", () => {
  before(() => server.listen({ onUnhandledRequest: "error" }));
  after(() => server.close());

  test("an app server gets a token and a ticket; the client accepts its signature", async () => {
    const code = meeting.auth.issueAuthCode("p1");
    assert.ok(code.ok);
    const app = meeting.app();
    const tokenRes = await fetch(`${OAUTH}/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sdk_id: app.sdkId, secret: app.secret, auth_code: code.value }),
    });
    assert.equal(tokenRes.status, 200);
    const token = (await tokenRes.json()) as {
      code: number;
      data: { access_token: string; open_id: string };
    };
    assert.equal(token.code, 0);
    assert.equal(token.data.open_id, meeting.participant("p1").openId);

    const ticketRes = await fetch(`${API}/v1/jsapi/ticket`, {
      headers: { AccessToken: token.data.access_token, OpenId: token.data.open_id },
    });
    assert.equal(ticketRes.status, 200);
    const ticket = (await ticketRes.json()) as {
      ticket: string;
      timestamp: number;
      expired_time: number;
    };
    assert.equal(typeof ticket.ticket, "string");
    assert.equal(ticket.expired_time - ticket.timestamp, 7200);

    const inst = meeting.openInstance("p1", { url: PAGE });
    const signed = {
      sdkId: app.sdkId,
      corpId: app.corpId,
      timestamp: "1700000000",
      nonceStr: "abc",
    };
    const signature = await computeSignature({ ...signed, url: PAGE, ticket: ticket.ticket });
    const r = await inst.api.permissionAgentConfig({ ...signed, signature, pageUrl: PAGE });
    assert.deepEqual(r, { ok: true, value: null });

    const info = await fetch(`${OAUTH}/user_info`, {
      method: "POST",
      body: JSON.stringify({ access_token: token.data.access_token, open_id: token.data.open_id }),
    });
    assert.equal(((await info.json()) as { code: number }).code, 0);
  });

  test("missing or bad credentials and bad bodies get JSON errors", async () => {
    const none = await fetch(`${API}/v1/jsapi/ticket`);
    assert.equal(none.status, 401);
    const noneBody = (await none.json()) as { error_info: { message: string } };
    assert.match(noneBody.error_info.message, /AccessToken/);
    const forged = await fetch(`${API}/v1/jsapi/ticket`, {
      headers: { AccessToken: "forged", OpenId: "x" },
    });
    assert.equal(forged.status, 401);
    const selfBuilt = await fetch(`${API}/v1/jsapi/user`, { headers: { "X-TC-Key": "AKID" } });
    assert.equal(selfBuilt.status, 200);
    assert.equal(typeof ((await selfBuilt.json()) as { ticket: string }).ticket, "string");

    const notJson = await fetch(`${OAUTH}/access_token`, { method: "POST", body: "{oops" });
    assert.equal(notJson.status, 400);
    assert.equal(((await notJson.json()) as { code: number }).code, 40000);
    const missing = await fetch(`${OAUTH}/access_token`, { method: "POST", body: "{}" });
    assert.equal(missing.status, 400);
    assert.match(((await missing.json()) as { message: string }).message, /auth_code/);
    const badRefresh = await fetch(`${OAUTH}/refresh_token`, {
      method: "POST",
      body: JSON.stringify({ sdk_id: meeting.app().sdkId, open_id: "x", refresh_token: "y" }),
    });
    assert.equal(badRefresh.status, 400);
  });

  test("custom base URLs", async () => {
    const local = createMeeting();
    const custom = setupServer(
      ...createAuthHandlers(local, {
        baseUrl: "http://localhost:9999/",
        oauthBaseUrl: "http://localhost:9999",
      }),
    );
    server.close();
    custom.listen({ onUnhandledRequest: "error" });
    try {
      const r = await fetch("http://localhost:9999/v1/jsapi/ticket", {
        headers: { "X-TC-Key": "AKID" },
      });
      assert.equal(r.status, 200);
    } finally {
      custom.close();
      server.listen({ onUnhandledRequest: "error" });
    }
  });
});
