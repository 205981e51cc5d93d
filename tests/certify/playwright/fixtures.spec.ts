/**
 * What an app team writes with `@yiqi/conformance/playwright`: a multi-participant test of the
 * bundled demo (the default `appUrl`), on the fixture's default harness server
 * (`@yiqi/harness/node`).
 */
import { expect, test } from "@yiqi/conformance/playwright";

test.use({ participants: 2 });

test("the host starts, Alice joins and runs in the session", async ({ meeting, participant }) => {
  const host = await participant("Host").frame();
  await expect.poll(() => host.evaluate(() => document.body.dataset.scene)).toBe("inMeeting");
  await participant("Host").pane.getByRole("button", { name: "一起玩" }).click();
  await participant("Alice").pane.getByRole("button", { name: "加入", exact: true }).click();
  await expect
    .poll(async () =>
      (await participant("Alice").frame()).evaluate(() => document.body.dataset.scene),
    )
    .toBe("inCollaboration");
  const trace = (await meeting.trace()) as { name: string; participantId?: string }[];
  expect(trace.some((e) => e.name === "ui.join" && e.participantId === "p2")).toBe(true);
});
