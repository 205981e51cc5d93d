/**
 * Scenes and meeting data in the harness: a participant's app opens in the scene the URL or its
 * pane chooses (the demo reports the scene `getRunningContext` gave it), a waiting room on a
 * client before 3.18 is refused with the reason shown, and the meeting panel edits the data the
 * app reads.
 */
import { expect, type HarnessWindow, openHarness, pane, test } from "./harness.fixtures.ts";

/** The scene participant `pid`'s demo reports, once it has one. */
async function sceneOf(page: import("@playwright/test").Page, pid: string): Promise<string> {
  const handle = await page.waitForSelector(`iframe[data-participant="${pid}"]`, {
    state: "attached",
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${pid} has no app frame`);
  await frame.waitForFunction(
    () => document.body?.dataset.scene !== undefined && document.body.dataset.scene !== "unknown",
  );
  return frame.evaluate(() => document.body.dataset.scene ?? "");
}

test("the URL opens a 3.18 host's app in the waiting room; a pane opens another pre-meeting", async ({
  page,
  harness,
}) => {
  await openHarness(
    page,
    harness,
    `?participants=${encodeURIComponent("Host:host:3.18.0:inWaitingRoom,Alice:attendee,Bob:attendee:3.17.0")}`,
  );
  expect(await sceneOf(page, "p1")).toBe("inWaitingRoom");
  await expect(pane(page, "Host").getByText("inWaitingRoom", { exact: true })).toBeVisible();
  await expect(pane(page, "Host").getByRole("button", { name: "一起玩" })).toHaveCount(0);

  const alice = pane(page, "Alice");
  await alice.getByRole("combobox", { name: "Scene for Alice" }).selectOption("preMeetingDetail");
  await alice.getByRole("button", { name: "打开应用" }).click();
  expect(await sceneOf(page, "p2")).toBe("preMeetingDetail");

  const bob = pane(page, "Bob");
  await bob.getByRole("combobox", { name: "Scene for Bob" }).selectOption("inWaitingRoom");
  await bob.getByRole("button", { name: "打开应用" }).click();
  // The page lists its problems in the ⚠ marker's tooltip.
  await expect(page.locator(".problems")).toHaveAttribute(
    "title",
    /Bob's app did not open in inWaitingRoom: .*3\.18/,
  );
  expect(
    await page.evaluate(() => (globalThis as HarnessWindow).yiqiHarness.view("Bob").app),
  ).toBeNull();
});

test("the meeting panel edits the meeting data and a participant's data", async ({
  page,
  harness,
}) => {
  await openHarness(page, harness, "?tab=meeting");
  await page.getByRole("textbox", { name: "Meeting subject" }).fill("周会");
  await page.getByRole("textbox", { name: "Meeting subject" }).press("Enter");
  await page.getByRole("combobox", { name: "Meeting type" }).selectOption("WEBINAR");
  await page.getByRole("textbox", { name: "Phone number of Alice" }).fill("13912345678");
  await page.getByRole("textbox", { name: "Phone number of Alice" }).press("Enter");
  await page.getByRole("textbox", { name: "Customer data of Alice" }).fill("vip=1");
  await page.getByRole("textbox", { name: "Customer data of Alice" }).press("Enter");
  // Each edit is a change of the server's meeting: the page shows it once the server has it.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const h = (globalThis as HarnessWindow).yiqiHarness;
        const alice = h.meeting.participants().find((p) => p.nickname === "Alice");
        const info = h.meeting.meetingInfo();
        return [info.meetingSubject, info.meetingType, alice?.phoneNumber, alice?.customerData];
      }),
    )
    .toEqual(["周会", 6, "13912345678", "vip=1"]);
});
