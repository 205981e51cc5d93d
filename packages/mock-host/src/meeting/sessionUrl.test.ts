import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppHandleRespType, RoleType, WemeetErrorCode } from "@yiqi/jsapi";
import { openHeadlessApp } from "../headless.ts";
import { MeetingError } from "./errors.ts";
import { createMeeting, type Meeting } from "./meeting.ts";
import { appUrlProblem } from "./sessionUrl.ts";

const URL0 = "https://app.example.com/";

/** Every way to smuggle a non-http(s) URL into a frame that the WHATWG parser normalises. */
const HOSTILE = [
  "javascript:parent.yiqiPwned=1",
  "JaVaScRiPt:parent.yiqiPwned=1",
  " javascript:parent.yiqiPwned=1",
  "\u0000\u001fjavascript:parent.yiqiPwned=1",
  "java\tscr\nipt:parent.yiqiPwned=1",
  "data:text/html,<script>parent.yiqiPwned=1</script>",
  "blob:https://app.example.com/0b5c8a4e-1c1f-4b8e-9d3c-2f5a8b1c0d9e",
  "about:blank",
  "about:srcdoc",
  "file:///etc/passwd",
  "vbscript:msgbox(1)",
  "ws://app.example.com/",
];

function meetingWithApps(): { meeting: Meeting; pid: string } {
  const meeting = createMeeting({
    participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
  });
  meeting.ui.openApp("p1");
  return { meeting, pid: "p1" };
}

const openHost = (meeting: Meeting) =>
  meeting.openInstance("p1", { url: URL0, origin: new URL(URL0).origin });

describe("which URLs may become an app frame's URL (decision 0107)", () => {
  test("only absolute http(s) URLs without credentials pass", () => {
    for (const url of HOSTILE) assert.ok(appUrlProblem(url, "url"), url);
    assert.match(
      appUrlProblem(HOSTILE[2], "url") ?? "",
      /must be an http\(s\) URL, got a javascript: URL/,
    );
    assert.match(
      appUrlProblem("/room/1", "url") ?? "",
      /absolute http\(s\) URL.*new URL\(path, location\.href\)/,
    );
    assert.match(
      appUrlProblem("https://u:p@app.example.com/", "url") ?? "",
      /user name or password/,
    );
    assert.match(
      appUrlProblem(`https://a.example/${"x".repeat(5000)}`, "url") ?? "",
      /limit is 4096/,
    );
    assert.match(appUrlProblem("", "url") ?? "", /non-empty/);
    assert.match(appUrlProblem(42, "url") ?? "", /non-empty string/);
    assert.equal(appUrlProblem("https://app.example.com/room?x=1#y", "url"), undefined);
    assert.equal(appUrlProblem("HTTP://App.Example.com", "url"), undefined);
    assert.match(
      appUrlProblem("https://evil.example/", "pageUrl", "https://app.example.com") ?? "",
      /not on the app's origin/,
    );
  });

  test("collaboration.start({ url }) with any other scheme is INVALID_ARGUMENT and starts nothing", async () => {
    const { meeting } = meetingWithApps();
    const inst = openHost(meeting);
    for (const url of HOSTILE) {
      const r = await inst.api.collaborationStart({ url, pageUrl: URL0 });
      assert.equal(r.ok, false, url);
      assert.equal(!r.ok && r.error.errCode, WemeetErrorCode.INVALID_ARGUMENT, url);
      assert.match(!r.ok ? r.error.errMsg : "", /collaboration\.start: url must be/);
      assert.equal(meeting.session(), null);
    }
  });

  test("setCollaborationConfig({ url }) cannot change what joiners open to another scheme", async () => {
    const { meeting } = meetingWithApps();
    const inst = openHost(meeting);
    assert.equal((await inst.api.collaborationStart({ pageUrl: URL0 })).ok, true);
    for (const url of HOSTILE) {
      const r = await inst.api.collaborationSetConfig({ url, pageUrl: URL0 });
      assert.equal(!r.ok && r.error.errCode, WemeetErrorCode.INVALID_ARGUMENT, url);
      assert.match(!r.ok ? r.error.errMsg : "", /setCollaborationConfig: url must be/);
    }
    assert.equal(meeting.session()?.url, URL0);
    assert.equal(meeting.ui.join("p2").ok, true);
    assert.equal(meeting.view("p2").app?.url, URL0);
  });

  test("a pageUrl must be http(s) on the instance's origin; a bad one is refused, not recorded", async () => {
    const { meeting } = meetingWithApps();
    const inst = openHost(meeting);
    for (const pageUrl of [...HOSTILE, "https://elsewhere.example/"]) {
      const r = await inst.api.collaborationStart({ pageUrl });
      assert.equal(!r.ok && r.error.errCode, WemeetErrorCode.INVALID_ARGUMENT, pageUrl);
      assert.match(!r.ok ? r.error.errMsg : "", /^collaboration\.start: pageUrl/);
    }
    assert.equal(meeting.instances()[0]?.url, URL0);
    const ok = await inst.api.collaborationStart({ pageUrl: `${URL0}page?x=1` });
    assert.equal(ok.ok, true);
    assert.equal(meeting.session()?.url, `${URL0}page?x=1`);
  });

  test("the driver API refuses such URLs too (openApp, openInstance, the app config)", () => {
    const { meeting } = meetingWithApps();
    const r = meeting.ui.openApp("p2", "javascript:parent.yiqiPwned=1");
    assert.equal(!r.ok && r.error.errCode, WemeetErrorCode.INVALID_ARGUMENT);
    assert.equal(meeting.view("p2").app, null);
    assert.throws(
      () => meeting.openInstance("p2", { url: "data:text/html,x" }),
      (e: unknown) => e instanceof MeetingError && e.code === "INVALID_ARGUMENT",
    );
    assert.throws(() => createMeeting({ app: { url: "javascript:1" } }), MeetingError);
    assert.throws(() => meeting.updateApp({ url: "file:///x" }), MeetingError);
  });

  test("through the official client: start rejects and the callback says FAILED", async () => {
    const meeting = createMeeting({
      participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Ann" }],
    });
    const app = openHeadlessApp(meeting, "p1");
    const statuses: unknown[] = [];
    await assert.rejects(
      app.wemeet.collaboration.start({
        url: " JavaScript:parent.yiqiPwned=1",
        callback: (resp) => statuses.push(resp.status),
      }),
      (e: { errCode?: number; errMsg?: string }) =>
        e.errCode === WemeetErrorCode.INVALID_ARGUMENT && /http\(s\) URL/.test(e.errMsg ?? ""),
    );
    assert.deepEqual(statuses, [AppHandleRespType.FAILED]);
    await assert.rejects(
      app.wemeet.collaboration.setCollaborationConfig({ url: "data:text/html,x" }),
      (e: { errCode?: number }) => e.errCode === WemeetErrorCode.INVALID_ARGUMENT,
    );
    assert.equal(meeting.session(), null);
    app.close();
  });
});
