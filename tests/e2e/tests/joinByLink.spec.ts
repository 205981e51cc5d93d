/**
 * Joining the meeting `yiqi harness` runs from another browser or a phone (decisions 0038,
 * 0039): the harness server runs the one meeting in its process; the meeting panel of the
 * harness page lists each participant's view page link with a copy button and a QR code; a
 * phone-sized context opens a link from there and plays along with another participant; over
 * the harness's LAN address each participant's app gets a port of its own while the meeting
 * sees the participants' own origins.
 */
import { expect, type Frame, type Page, test } from "@playwright/test";
import { HARNESS_READY_SELECTOR } from "@yiqi/harness";
import { bundledAssets, type HarnessServer, startHarnessServer } from "@yiqi/harness/node";
import { appFrame, type HarnessWindow, openView } from "./harness.fixtures.ts";

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/**
 * p1 starts 一起用 in its app, p2 (the phone) joins from its client through the server's driver,
 * and a cell painted on the phone shows up in p1's app (the demo syncs over the harness relay).
 */
async function playAlong(server: HarnessServer, hostApp: Frame, phone: Page): Promise<void> {
  const meeting = server.meetingCore?.meeting;
  if (!meeting) throw new Error("the harness server runs no meeting of its own");
  await hostApp.getByRole("button", { name: "Play together" }).click();
  await expect.poll(() => meeting.session()?.starterId).toBe("p1");
  await expect.poll(() => meeting.view("p2").invitation !== null).toBe(true);
  expect(meeting.ui.join("p2").ok).toBe(true);
  await expect(phone.locator("#together")).toHaveText("一起用 · together");
  const session = phone.frameLocator("#app");
  await expect(session.locator("body")).toHaveAttribute("data-scene", "inCollaboration");
  await expect(session.locator("#channel")).toHaveText(/relay/);
  await expect(session.locator("#log")).not.toContainText("INVALID_ARGUMENT");
  expect(meeting.session()?.joined).toEqual(["p2"]);
  const before = await session.locator("body").getAttribute("data-digest");
  await session.getByRole("button", { name: "cell 5", exact: true }).tap();
  const digest = await session.locator("body").getAttribute("data-digest");
  expect(digest).toBeTruthy();
  expect(digest).not.toBe(before);
  await expect(hostApp.locator("body")).toHaveAttribute("data-digest", digest as string);
}

test.describe("on this machine", () => {
  let server: HarnessServer;
  test.beforeAll(async () => {
    server = await startHarnessServer({ port: 0, participants: 2, ...bundledAssets() });
  });
  test.afterAll(async () => {
    await server?.close();
  });

  test("a phone opens its link from the meeting panel and plays along with the harness page", async ({
    browser,
  }) => {
    const deskContext = await browser.newContext();
    const phoneContext = await browser.newContext(PHONE);
    try {
      const harnessPage = await deskContext.newPage();
      await harnessPage.goto(`${server.url}?participants=2&tab=meeting`);
      await harnessPage.waitForSelector(HARNESS_READY_SELECTOR);
      const panel = harnessPage.getByRole("region", {
        name: "Join from another browser or a phone",
      });
      await expect(panel).toBeVisible();
      const links = panel.getByRole("textbox", { name: /^Join link of / });
      await expect(links).toHaveCount(2);
      const phoneLink = await links.nth(1).inputValue();
      expect(phoneLink).toBe(`${server.viewUrl("p2")}&takeover=1`);
      // The QR code is the same link.
      await panel
        .getByRole("button", { name: /QR code of .*'s link/ })
        .nth(1)
        .click();
      await expect(panel.getByRole("img", { name: `QR code: ${phoneLink}` })).toHaveAttribute(
        "data-qr",
        phoneLink,
      );
      // Copy puts the link on the clipboard.
      await deskContext.grantPermissions(["clipboard-read", "clipboard-write"]);
      await panel.getByRole("button", { name: "Copy" }).nth(1).click();
      await expect(panel.getByRole("button", { name: "Copied" })).toBeVisible();
      expect(await harnessPage.evaluate(() => navigator.clipboard.readText())).toBe(phoneLink);

      // The harness page holds p2; the panel's link moves p2 to the phone (takeover=1).
      expect(new URL(phoneLink).searchParams.get("takeover")).toBe("1");
      const phone = await phoneContext.newPage();
      await phone.goto(phoneLink);
      await expect(phone.locator("body")).toHaveAttribute("data-state", "ready");
      const phoneApp = await (
        await phone.waitForSelector('iframe[data-participant="p2"]')
      ).contentFrame();
      await phoneApp?.waitForFunction(
        () => (document.body.dataset.scene ?? "unknown") !== "unknown",
      );
      expect(new URL(phone.frames()[1]?.url() ?? "").hostname).toBe("p2.demo.localhost");
      await expect(harnessPage.getByText(/on another device/)).toBeVisible();
      // The move is what the link is for: the timeline notes it; the ⚠ badge does not count it.
      await expect
        .poll(() =>
          harnessPage.evaluate(() =>
            (globalThis as HarnessWindow).yiqiHarness
              .timeline()
              .filter((e) => e.name === "participant.moved")
              .map((e) => [e.participantId, (e.data as { message?: string }).message]),
          ),
        )
        .toEqual([["p2", "p2 moved to another device"]]);
      await expect(harnessPage.locator(".problems")).toHaveCount(0);

      // The harness page's host plays with the phone.
      const hostApp = await appFrame(harnessPage, "p1");
      await playAlong(server, hostApp, phone);

      // A plain link (no takeover) to a participant another view holds is refused with the
      // choice to move it here; choosing it moves p2 to this tab.
      const tablet = await phoneContext.newPage();
      await tablet.goto(server.viewUrl("p2"));
      await expect(tablet.getByRole("alert")).toHaveAttribute("data-refused", "PARTICIPANT_TAKEN");
      await expect(tablet.getByRole("heading")).toHaveText("Open on another device");
      await tablet.getByRole("button", { name: "Use it on this device" }).tap();
      await expect(tablet.locator("body")).toHaveAttribute("data-state", "ready");
      await tablet.waitForSelector('iframe[data-participant="p2"]');
    } finally {
      await phoneContext.close();
      await deskContext.close();
    }
  });

  test("an app frame cannot reach the meeting, and a link without the token is refused", async ({
    page,
  }) => {
    const response = await page.goto(server.viewUrl("p2").replace(/\?token=.*/, ""));
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("alert")).toHaveAttribute("data-refused", "BAD_TOKEN");
    const app = await openView(page, server.viewUrl("p2"), "p2");
    const fromApp = await app.evaluate(
      (url) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.onopen = () => resolve("open");
          ws.onerror = () => resolve("refused");
        }),
      server.joinLink,
    );
    expect(fromApp).toBe("refused");
  });
});

test.describe("over the LAN address (--host)", () => {
  // 127.0.0.2 stands for the machine's LAN address: an address other than the loopback names,
  // without exposing the test server to a network.
  const LAN = "127.0.0.2";
  let server: HarnessServer;
  test.beforeAll(async () => {
    server = await startHarnessServer({
      port: 0,
      host: LAN,
      participants: 2,
      ...bundledAssets(),
    });
  });
  test.afterAll(async () => {
    await server?.close();
  });

  test("phones load their app on a port of their own; the meeting sees the participants' origins", async ({
    browser,
  }) => {
    expect(new URL(server.viewUrl("p2")).hostname).toBe(LAN);
    const deskContext = await browser.newContext(PHONE);
    const phoneContext = await browser.newContext(PHONE);
    try {
      const desk = await deskContext.newPage();
      const hostApp = await openView(desk, server.viewUrl("p1"), "p1");
      const phone = await phoneContext.newPage();
      await openView(phone, server.viewUrl("p2"), "p2");
      const appOrigin = (p: Page): URL => new URL(p.frames()[1]?.url() ?? "");
      expect(appOrigin(phone).hostname).toBe(LAN);
      expect(appOrigin(phone).port).not.toBe(String(server.port));
      expect(appOrigin(phone).port).not.toBe(appOrigin(desk).port);
      await expect(desk.locator("#together")).toHaveText("一起用 · off");
      await playAlong(server, hostApp, phone);
      await expect(desk.locator("#together")).toHaveText("一起用 · together");
      // The phone's session app is on its own LAN port; the meeting knows p1's own origin.
      expect(appOrigin(phone).port).not.toBe(appOrigin(desk).port);
      expect(new URL(server.meetingCore?.meeting.session()?.url ?? "").hostname).toBe(
        "p1.demo.localhost",
      );
    } finally {
      await phoneContext.close();
      await deskContext.close();
    }
  });

  test("another Host is refused on the LAN ports too (DNS rebinding)", async ({ request }) => {
    const response = await request.get(server.viewUrl("p2"), {
      headers: { host: `rebound.example:${server.port}` },
    });
    expect(response.status()).toBe(421);
  });
});
