/**
 * Every call of reference §5 (UI) and §6 (in-app screen share and "share this app") through the
 * real client and the simulator: one test per call, titled with its name and section.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  BackgroundType,
  HeaderMenuItem,
  JSAPI_TABLE,
  MatterContentType,
  ScreenShareMode,
  WebAppPosition,
  WindowShareMode,
} from "@yiqi/jsapi";
import {
  type ReferenceCase,
  type ReferenceMeeting,
  testReferenceCases,
  tick,
} from "./testing/referenceFixture.ts";

const states = (f: ReferenceMeeting, name: string): unknown[] =>
  f.meeting.trace
    .entries()
    .filter((e) => e.kind === "state" && e.name === name)
    .map((e) => e.data);

const CASES: Record<string, ReferenceCase> = {
  "ui.closeLoading": [
    "resolves and is traced; from 3.0.0 (2.99.0 is refused)",
    async (f) => {
      await f.open("p1").wemeet.ui.closeLoading();
      assert.equal(states(f, "instance.loadingClosed").length, 1);
      f.meeting.updateParticipant("p1", { clientVersion: "2.99.0" });
      await assert.rejects(f.open("p1").wemeet.ui.closeLoading(), {
        code: "UNSUPPORTED_VERSION",
      });
      f.meeting.updateParticipant("p1", { clientVersion: "3.0.0" });
      await f.open("p1").wemeet.ui.closeLoading();
      assert.equal(states(f, "instance.loadingClosed").length, 2);
    },
  ],
  "ui.exitFullscreen": [
    "3.0.0 - 3.29.0 (3.29.x patch clients too) and 3.36.0+; absent in 3.30–3.35; Windows/Mac only",
    async (f) => {
      const on = async (clientVersion: string) => {
        f.meeting.updateParticipant("p1", { clientVersion });
        return f.open("p1").wemeet.ui.exitFullscreen();
      };
      for (const v of ["3.36.0", "3.0.0", "3.29.0", "3.29.1", "3.29.0.500", "3.40.0"]) await on(v);
      assert.equal(states(f, "instance.fullscreenExited").length, 6);
      for (const v of ["2.99.0", "3.30.0", "3.31.0", "3.35.9.900"])
        await assert.rejects(on(v), {
          code: "UNSUPPORTED_VERSION",
          message: /3\.0\.0 up to \(not incl\.\) 3\.30\.0 or 3\.36\.0\+/,
        });
      await assert.rejects(f.open("p3").wemeet.ui.exitFullscreen(), {
        code: "UNSUPPORTED_PLATFORM",
      });
    },
  ],
  "ui.changeWebAppPosition": [
    "moves the app and sends sidebar-position-changed; bad positions are INVALID_ARGUMENT",
    async (f) => {
      const app = f.open("p2");
      const got: number[] = [];
      app.wemeet.addEventListener("sidebar-position-changed", (e) => got.push(e.WebAppPosition));
      await app.wemeet.ui.changeWebAppPosition({ position: "popup" });
      await tick();
      assert.deepEqual(got, [WebAppPosition.POPUP]);
      assert.equal(f.meeting.instances().at(-1)?.position, "popup");
      // CHGPOS types position as Number: the flag works too.
      await app.wemeet.ui.changeWebAppPosition({ position: WebAppPosition.MAJOR_MEETING });
      assert.equal(f.meeting.instances().at(-1)?.position, "major_meeting");
      await assert.rejects(app.wemeet.ui.changeWebAppPosition({ position: "nowhere" as "popup" }), {
        code: "INVALID_ARGUMENT",
      });
    },
  ],
  "ui.getWebAppPosition": [
    "iOS/Android only: position and supportPosition flags",
    async (f) => {
      const r = await f.open("p3").wemeet.ui.getWebAppPosition();
      assert.equal(r.position, WebAppPosition.SIDEBAR);
      assert.equal(r.supportPosition & WebAppPosition.POPUP, WebAppPosition.POPUP);
      await assert.rejects(f.open("p1").wemeet.ui.getWebAppPosition(), {
        code: "UNSUPPORTED_PLATFORM",
      });
    },
  ],
  "ui.setWindowShareMode": [
    "popup view only",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(app.wemeet.ui.setWindowShareMode({ mode: WindowShareMode.ENABLE }), {
        code: "NOT_PERMITTED",
      });
      await app.wemeet.ui.changeWebAppPosition({ position: "popup" });
      await app.wemeet.ui.setWindowShareMode({ mode: WindowShareMode.ENABLE });
    },
  ],
  "ui.setMoreMenu": [
    "HeaderMenuItem values only",
    async (f) => {
      const app = f.open("p1");
      await app.wemeet.ui.setMoreMenu({ menuList: [HeaderMenuItem.COPY_URL] });
      assert.deepEqual(states(f, "instance.moreMenu"), [{ menuList: [HeaderMenuItem.COPY_URL] }]);
      await assert.rejects(app.wemeet.ui.setMoreMenu({ menuList: [99 as 1] }), {
        code: "INVALID_ARGUMENT",
      });
    },
  ],
  "ui.openExternalPage": [
    "needs auth; HTTPS (2011) in a trusted domain (2009)",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(app.wemeet.ui.openExternalPage({ url: "https://board.example/x" }), {
        code: "AUTH_REQUIRED",
      });
      await f.authorize(app);
      await app.wemeet.ui.openExternalPage({ url: "https://board.example/x" });
      const fails: unknown[] = [];
      await assert.rejects(
        app.wemeet.ui.openExternalPage({
          url: "http://board.example/x",
          fail: (e) => fails.push(e),
        }),
        { apiCode: 2011 },
      );
      assert.equal(fails.length, 1);
      await assert.rejects(app.wemeet.ui.openExternalPage({ url: "https://evil.example/" }), {
        apiCode: 2009,
      });
    },
  ],
  "ui.setVirtualBackground": [
    "needs auth; both callback spellings are called; bad contentType is code 1",
    async (f) => {
      const app = f.open("p1");
      await f.authorize(app);
      const calls: string[] = [];
      await app.wemeet.ui.setVirtualBackground({
        contentType: MatterContentType.PNG,
        url: "https://board.example/bg.png",
        success: () => calls.push("success"),
        successCallback: () => calls.push("successCallback"),
      });
      assert.deepEqual(calls, ["success", "successCallback"]);
      const failed: unknown[] = [];
      await assert.rejects(
        app.wemeet.ui.setVirtualBackground({
          contentType: "image/gif" as "image/png",
          url: "u",
          failedCallback: (e) => failed.push(e),
        }),
        { code: "INVALID_ARGUMENT", apiCode: 1 },
      );
      assert.equal((failed[0] as { Code: number }).Code, 1);
    },
  ],
  "ui.setVirtualBackgroundByType": [
    "needs auth; BackgroundType values",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(
        app.wemeet.ui.setVirtualBackgroundByType({ backgroundType: BackgroundType.BLUR }),
        { code: "AUTH_REQUIRED" },
      );
      await f.authorize(app);
      await app.wemeet.ui.setVirtualBackgroundByType({ backgroundType: BackgroundType.BLUR });
    },
  ],
  "ui.openVirtualBackgroundSetting": [
    "needs auth",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(app.wemeet.ui.openVirtualBackgroundSetting(), { code: "AUTH_REQUIRED" });
      await f.authorize(app);
      await app.wemeet.ui.openVirtualBackgroundSetting();
    },
  ],
  "app.shareWebAppWindow": [
    "Windows/Mac; mode checked (code 1); a canceled share is code 3 through fail and the Promise",
    async (f) => {
      const app = f.open("p1");
      await app.wemeet.app.shareWebAppWindow({ mode: ScreenShareMode.SCREEN_ONLY });
      assert.equal(f.meeting.instances().at(-1)?.windowShared, true);
      await assert.rejects(app.wemeet.app.shareWebAppWindow({ mode: 7 as 1 }), { apiCode: 1 });
      f.meeting.setDecisions({ confirmWindowShare: "cancel" });
      const failed: unknown[] = [];
      await assert.rejects(
        app.wemeet.app.shareWebAppWindow({ mode: 1, fail: (e) => failed.push(e) }),
        { code: "CANCELED", apiCode: 3 },
      );
      assert.equal(failed.length, 1);
      await assert.rejects(f.open("p3").wemeet.app.shareWebAppWindow({ mode: 1 }), {
        code: "UNSUPPORTED_PLATFORM",
        apiCode: 2,
      });
    },
  ],
  "app.configShareWebAppWindow": [
    "shareButton 1 or 2",
    async (f) => {
      const app = f.open("p1");
      await app.wemeet.app.configShareWebAppWindow({ shareButton: 2 });
      await assert.rejects(app.wemeet.app.configShareWebAppWindow({ shareButton: 3 as 1 }), {
        apiCode: 1,
      });
    },
  ],
  "app.stopShareWebAppWindow": [
    "since 3.10.5; NOT_PERMITTED (4) when nothing is shared",
    async (f) => {
      const app = f.open("p1");
      await assert.rejects(app.wemeet.app.stopShareWebAppWindow(), { apiCode: 4 });
      await app.wemeet.app.shareWebAppWindow({ mode: 1 });
      await app.wemeet.app.stopShareWebAppWindow();
      assert.equal(f.meeting.instances().at(-1)?.windowShared, false);
      f.meeting.updateParticipant("p1", { clientVersion: "3.10.4" });
      await assert.rejects(f.open("p1").wemeet.app.stopShareWebAppWindow(), {
        code: "UNSUPPORTED_VERSION",
      });
    },
  ],
  "ui.shareUserScreen": [
    "iOS/Android only, from 3.10.0 (3.9.x is refused)",
    async (f) => {
      await f.open("p3").wemeet.ui.shareUserScreen();
      await assert.rejects(f.open("p2").wemeet.ui.shareUserScreen(), {
        code: "UNSUPPORTED_PLATFORM",
      });
      f.meeting.updateParticipant("p3", { clientVersion: "3.9.9" });
      await assert.rejects(f.open("p3").wemeet.ui.shareUserScreen(), {
        code: "UNSUPPORTED_VERSION",
      });
      f.meeting.updateParticipant("p3", { clientVersion: "3.10.0" });
      await f.open("p3").wemeet.ui.shareUserScreen();
    },
  ],
  "app.setShareOpenAppConfig": [
    "since 3.3.0, no auth (a real app calls it): kept per instance; urls must be http(s)",
    async (f) => {
      const app = f.open("p2");
      await app.wemeet.app.setShareOpenAppConfig({ shareEnable: true, title: "Come" });
      assert.deepEqual(f.meeting.instances().at(-1)?.shareOpenAppConfig, {
        shareEnable: true,
        title: "Come",
      });
      await assert.rejects(app.wemeet.app.setShareOpenAppConfig({ pcUrl: "ftp://x" }), {
        code: "INVALID_ARGUMENT",
      });
      f.meeting.updateParticipant("p2", { clientVersion: "3.2.9" });
      await assert.rejects(f.open("p2").wemeet.app.setShareOpenAppConfig({ shareEnable: true }), {
        code: "UNSUPPORTED_VERSION",
      });
    },
  ],
  "app.shareOpenApp": [
    "records the share card: Tencent's defaults (desc: the app's description), then the config over them",
    async (f) => {
      f.meeting.updateApp({ description: "A shared whiteboard" });
      const app = f.open("p2");
      await app.wemeet.app.shareOpenApp();
      await app.wemeet.app.setShareOpenAppConfig({ desc: "Draw together" });
      await app.wemeet.app.shareOpenApp();
      const [plain, card] = states(f, "app.shared") as Record<string, unknown>[];
      assert.equal(plain?.desc, "A shared whiteboard", "SOA-MD: desc defaults to the description");
      assert.equal(plain?.title, "邀请您使用【Board】");
      assert.equal(plain?.confirmBtnText, "打开应用");
      assert.equal(card?.title, "邀请您使用【Board】");
      assert.equal(card?.desc, "Draw together");
      assert.equal(card?.pcUrl, "https://board.example/app");
    },
  ],
};

const SECTIONS = new Set(["§5", "§6"]);
test("reference §5–§6: every call of the API table in these sections has a test here", () => {
  const names = Object.values(JSAPI_TABLE)
    .filter((e) => SECTIONS.has(e.ref))
    .map((e) => e.name);
  assert.deepEqual(Object.keys(CASES).sort(), names.sort());
});

testReferenceCases(CASES);
