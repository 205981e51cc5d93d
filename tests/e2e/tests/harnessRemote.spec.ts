/**
 * The harness page as a view of the meeting server `yiqi harness` runs (decisions 0036, 0038):
 * the page resets the server's meeting and serves every participant; the 一起玩 flow and a
 * scenario run over the server; a second browser with `?view=shared` adopts the running meeting
 * (no reset) and joins with a participant of its own, which the first page shows as on another
 * device; `claim=pN` takes a participant over.
 */
import type { Page } from "@playwright/test";
import { HARNESS_READY_SELECTOR } from "@yiqi/harness";
import {
  appFrame,
  expect,
  type HarnessWindow,
  openHarness,
  pane,
  test,
} from "./harness.fixtures.ts";

/** This page's view id and who holds each participant, from the page's replica. */
const holding = (page: Page): Promise<{ view: string | null; holders: Record<string, string> }> =>
  page.evaluate(() => {
    const m = (globalThis as HarnessWindow).yiqiHarness.meeting as unknown as {
      viewId?: string;
      holders?: () => Record<string, string>;
    };
    return { view: m.viewId ?? null, holders: m.holders?.() ?? {} };
  });

test("the page is a view of the server's meeting: start, join in the demo, a scenario", async ({
  page,
  harness,
}) => {
  await openHarness(page, harness);
  const { view } = await holding(page);
  expect(view, "remote mode: the page is a view of the server").toMatch(/^v\d+$/);
  await expect
    .poll(async () => (await holding(page)).holders)
    .toEqual({ p1: view, p2: view, p3: view });
  // The server's meeting is the page's: its simulator has the page's participants.
  expect(harness.meetingCore?.meeting.participants().map((p) => p.nickname)).toEqual([
    "Host",
    "Alice",
    "Bob",
  ]);

  await appFrame(page, "p1");
  await pane(page, "Host").getByRole("button", { name: "一起玩" }).click();
  await pane(page, "Alice").getByRole("button", { name: "加入", exact: true }).click();
  const alice = await appFrame(page, "p2");
  await expect
    .poll(() => alice.evaluate(() => document.body.dataset.scene))
    .toBe("inCollaboration");
  expect(harness.meetingCore?.meeting.session()?.joined).toEqual(["p2"]);

  const result = await page.evaluate(() =>
    (globalThis as HarnessWindow).yiqiHarness.runScenario("basic-flow"),
  );
  expect(result.error ?? null).toBeNull();
  expect(result.passed).toBe(true);
});

test("a second browser with ?view=shared joins the running meeting; claim= takes one over", async ({
  page,
  browser,
  harness,
}) => {
  await openHarness(page, harness);
  const first = (await holding(page)).view;
  await appFrame(page, "p1");
  await pane(page, "Host").getByRole("button", { name: "一起玩" }).click();

  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await second.goto(`${harness.url}?view=shared&join=1`);
    await second.waitForSelector(HARNESS_READY_SELECTOR);
    const { view } = await holding(second);
    expect(view).not.toBe(first);
    // Adopted, not reset: the session the first page started is still on, with a 4th person.
    await expect
      .poll(async () => (await holding(second)).holders)
      .toEqual({ p1: first, p2: first, p3: first, p4: view });
    expect(harness.meetingCore?.meeting.session()?.starterId).toBe("p1");
    // Each page serves its own participants and shows the others' as elsewhere.
    await expect(second.locator('iframe[data-participant="p1"]')).toHaveCount(0);
    await expect(pane(second, "Host").getByText(`on another device (view ${first})`)).toBeVisible();
    const newcomer = await second.evaluate(
      () => (globalThis as HarnessWindow).yiqiHarness.meeting.participant("p4").nickname,
    );
    await expect(pane(page, newcomer)).toBeVisible();
    // The newcomer's client shows the invitation; joining it from the second page works.
    await pane(second, newcomer).getByRole("button", { name: "加入", exact: true }).click();
    await expect.poll(() => harness.meetingCore?.meeting.session()?.joined).toEqual(["p4"]);
    expect(await (await appFrame(second, "p4")).evaluate(() => document.body.dataset.scene)).toBe(
      "inCollaboration",
    );

    // claim=p3: a third view takes Bob over from the first page.
    const third = await other.newPage();
    await third.goto(`${harness.url}?view=shared&claim=p3`);
    await third.waitForSelector(HARNESS_READY_SELECTOR);
    const thirdView = (await holding(third)).view;
    await expect.poll(async () => (await holding(page)).holders.p3).toBe(thirdView);
    await expect(
      pane(page, "Bob").getByText(`on another device (view ${thirdView})`),
    ).toBeVisible();
  } finally {
    await other.close();
  }
});

test("?local=1 simulates the meeting in the page and leaves the server's alone", async ({
  page,
  harness,
}) => {
  // The core replaces its meeting object on every reset: the same object means no reset.
  const before = harness.meetingCore?.meeting;
  await openHarness(page, harness, "?local=1&participants=2");
  expect((await holding(page)).view).toBeNull();
  await appFrame(page, "p1");
  const people = await page.evaluate(
    () => (globalThis as HarnessWindow).yiqiHarness.meeting.participants().length,
  );
  expect(people).toBe(2);
  expect(harness.meetingCore?.meeting).toBe(before);
});

test("a second full page resets the meeting and serves it; the first one says so and stops claiming", async ({
  page,
  browser,
  harness,
}) => {
  await openHarness(page, harness);
  const other = await browser.newContext();
  try {
    const second = await other.newPage();
    await openHarness(second, harness, "?participants=2");
    const view = (await holding(second)).view;
    await expect.poll(async () => (await holding(page)).holders).toEqual({ p1: view, p2: view });
    await expect(pane(page, "Host").getByText(`on another device (view ${view})`)).toBeVisible();
    await expect(page.locator(".problems")).toHaveAttribute(
      "title",
      /the meeting was reset from another view/,
    );
  } finally {
    await other.close();
  }
});
