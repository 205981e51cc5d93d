/**
 * The harness as a user sees it (issue 3): the demo with three participants, the 一起玩 flow by
 * clicking the client's buttons, per-participant origins and storage, every built-in scenario,
 * and an unmodified app that loads Tencent's SDK URL. Screenshots of the key steps are attached
 * to the report.
 */
import { HARNESS_READY_SELECTOR } from "@yiqi/harness";
import {
  appFrame,
  expect,
  type HarnessWindow,
  openHarness,
  pane,
  snap,
  test,
} from "./harness.fixtures.ts";

/** The built-in scenarios; the first test checks the harness offers exactly these. */
const SCENARIOS = [
  "basic-flow",
  "late-joiner",
  "leave-and-rejoin",
  "end-by-host",
  "attendee-tries-to-start",
  "start-while-active",
  "client-too-old",
  "scenes",
  "app-reloads",
  "collaboration-config",
  "confirm-start",
  "a3-flow",
];

test("opens the demo with a host and two attendees, each app at its own origin", async ({
  page,
  harness,
}, testInfo) => {
  await openHarness(page, harness);
  for (const name of ["Host", "Alice", "Bob"]) await expect(pane(page, name)).toBeVisible();
  await expect(pane(page, "Host").getByRole("button", { name: "一起玩" })).toBeVisible();
  const host = await appFrame(page, "p1");
  expect(await host.evaluate(() => location.origin)).toBe(
    `http://p1.demo.localhost:${harness.port}`,
  );
  expect(await host.evaluate(() => document.body.dataset.scene)).toBe("inMeeting");
  expect(await page.evaluate(() => (globalThis as HarnessWindow).yiqiHarness.scenarios)).toEqual(
    SCENARIOS,
  );
  await snap(page, testInfo, "default meeting");
});

test("decisions from the URL hold before the first app opens, and the copied link keeps them", async ({
  page,
  harness,
}) => {
  await openHarness(page, harness, "?decisions=confirmStart:cancel");
  await appFrame(page, "p1");
  // The host clicks 一起玩 while starts are dismissed: no session.
  await pane(page, "Host").getByRole("button", { name: "一起玩" }).click();
  await expect
    .poll(() =>
      page.evaluate(
        () => (globalThis as HarnessWindow).yiqiHarness.meeting.decisions().confirmStart,
      ),
    )
    .toBe("cancel");
  await expect(page.getByText("no session")).toBeVisible();
  // A decision changed in the panel is in the link too; the link reopens the same meeting.
  await page.evaluate(() =>
    (globalThis as HarnessWindow).yiqiHarness.meeting.setDecisions({ eventBeforeClose: false }),
  );
  const link = await page.evaluate(() => (globalThis as HarnessWindow).yiqiHarness.link());
  expect(new URL(link).searchParams.get("decisions")).toBe(
    "confirmStart:cancel,eventBeforeClose:false",
  );
  await page.goto(link);
  await page.waitForSelector(HARNESS_READY_SELECTOR);
  const d = await page.evaluate(() =>
    (globalThis as HarnessWindow).yiqiHarness.meeting.decisions(),
  );
  expect([d.confirmStart, d.eventBeforeClose]).toEqual(["cancel", false]);
});

test("一起玩 by clicking: join, paint together, leave, rejoin, end", async ({
  page,
  harness,
}, testInfo) => {
  await openHarness(page, harness);
  await appFrame(page, "p1");
  await pane(page, "Host").getByRole("button", { name: "一起玩" }).click();
  await expect(
    pane(page, "Alice").getByRole("button", { name: "加入", exact: true }),
  ).toBeVisible();
  await expect(pane(page, "Bob").getByText("Host is sharing")).toBeVisible();
  await snap(page, testInfo, "host started: invitations and share");

  await pane(page, "Alice").getByRole("button", { name: "加入", exact: true }).click();
  const alice = await appFrame(page, "p2");
  await expect
    .poll(() => alice.evaluate(() => document.body.dataset.scene))
    .toBe("inCollaboration");
  expect(await alice.evaluate(() => location.origin)).toBe(
    `http://p2.demo.localhost:${harness.port}`,
  );

  // Storage is per participant: the host's localStorage is not Alice's.
  const host = await appFrame(page, "p1");
  await host.evaluate(() => localStorage.setItem("who", "host"));
  expect(await alice.evaluate(() => localStorage.getItem("who"))).toBeNull();

  // The demo keeps instances in sync through the relay: both boards converge.
  await host.click("#board button:nth-child(3)");
  await alice.click("#board button:nth-child(40)");
  await expect
    .poll(async () => [
      await host.evaluate(() => document.body.dataset.digest),
      await alice.evaluate(() => document.body.dataset.digest),
    ])
    .toEqual([expect.any(String), expect.any(String)]);
  await expect
    .poll(
      async () =>
        (await host.evaluate(() => document.body.dataset.digest)) ===
        (await alice.evaluate(() => document.body.dataset.digest)),
    )
    .toBe(true);
  expect(await host.evaluate(() => document.body.dataset.digest)).not.toBe("00000000");
  await snap(page, testInfo, "alice joined and painted");

  await pane(page, "Alice").getByRole("button", { name: "离开" }).click();
  await expect(pane(page, "Alice").getByRole("button", { name: "重新加入" })).toBeVisible();
  await expect(page.locator('iframe[data-participant="p2"]')).toHaveCount(0);
  await snap(page, testInfo, "alice left: rejoin bar");

  await pane(page, "Alice").getByRole("button", { name: "重新加入" }).click();
  const again = await appFrame(page, "p2");
  await expect
    .poll(() => again.evaluate(() => document.body.dataset.scene))
    .toBe("inCollaboration");
  await expect
    .poll(
      async () =>
        (await host.evaluate(() => document.body.dataset.digest)) ===
        (await again.evaluate(() => document.body.dataset.digest)),
    )
    .toBe(true);

  await pane(page, "Host").getByRole("button", { name: "结束" }).click();
  await expect(page.locator('iframe[data-participant="p2"]')).toHaveCount(0);
  await expect(pane(page, "Bob").getByRole("button", { name: "加入", exact: true })).toHaveCount(0);
  await expect(pane(page, "Alice").getByRole("button", { name: "重新加入" })).toHaveCount(0);
  await expect.poll(() => host.evaluate(() => document.body.dataset.scene)).toBe("inMeeting");
  await snap(page, testInfo, "host ended");
});

for (const name of SCENARIOS) {
  test(`scenario ${name} passes against the demo`, async ({ page, harness }, testInfo) => {
    await openHarness(page, harness);
    const result = await page.evaluate(
      (n) => (globalThis as HarnessWindow).yiqiHarness.runScenario(n),
      name,
    );
    await snap(page, testInfo, `${name} finished`);
    expect(result.error ?? "", result.steps.map((s) => `${s.status} ${s.label}`).join("\n")).toBe(
      "",
    );
    expect(result.passed).toBe(true);
    expect(result.steps.length).toBeGreaterThan(2);
    expect(result.steps.every((s) => s.status === "passed")).toBe(true);
  });
}
