/**
 * Unmodified apps in the harness (issue 3 section 4): an app that tests the UA for
 * `app/tencent_wemeet` and loads Tencent's SDK URL runs with no change in an ordinary browser,
 * with no Playwright route and no UA override: the harness server presents each participant's
 * client UA and answers the SDK URL with the shim (decision 0008), and its proxy rewrites a
 * literal SDK URL to the shim.
 */
import { appFrame, expect, openHarness, pane, test } from "./harness.fixtures.ts";

test.describe("in a plain browser", () => {
  test("an app that loads the SDK lazily runs, joins and gets events", async ({
    page,
    harness,
    server,
  }) => {
    await openHarness(
      page,
      harness,
      `?app=${encodeURIComponent(server.appUrl("unmodified-app.html"))}&participants=2`,
    );
    const host = await appFrame(page, "p1");
    await expect.poll(() => host.evaluate(() => document.body.dataset.scene)).toBe("inMeeting");
    expect(await host.evaluate(() => location.hostname)).toMatch(/^p1\.[a-f0-9]{8}\.localhost$/);
    await pane(page, "Host").getByRole("button", { name: "一起用" }).click();
    await expect.poll(() => host.evaluate(() => document.body.dataset.last)).toBe("start");
    await pane(page, "Alice").getByRole("button", { name: "加入", exact: true }).click();
    const alice = await appFrame(page, "p2");
    await expect
      .poll(() => alice.evaluate(() => document.body.dataset.scene))
      .toBe("inCollaboration");
    await expect.poll(() => host.evaluate(() => document.body.dataset.last)).toBe("join");
  });
});

test("without Playwright's help, the proxy rewrites a literal SDK script tag to the shim", async ({
  page,
  harness,
  server,
}) => {
  await openHarness(
    page,
    harness,
    `?app=${encodeURIComponent(server.appUrl("literal-sdk-app.html"))}&participants=2`,
  );
  const host = await appFrame(page, "p1");
  await expect.poll(() => host.evaluate(() => document.body.dataset.scene)).toBe("inMeeting");
});

test("the same app opened outside the harness finds no UA marker and stays outside", async ({
  page,
  server,
}) => {
  await page.goto(server.appUrl("unmodified-app.html"));
  await expect.poll(() => page.evaluate(() => document.body.dataset.scene)).toBe("outside-wemeet");
});
