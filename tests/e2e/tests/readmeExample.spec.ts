import { expect, test } from "@yiqi/conformance/playwright";

// The bundled demo; your own app: test.use({ appUrl: "http://localhost:5173/", ... }).
test.use({ participants: 2 });

test("Alice joins the host's session", async ({ meeting, participant }) => {
  // `meeting` is handed over once the host's app has connected.
  await meeting.ui("clickStart", "Host"); // the 一起用 / 一起玩 button; a refusal throws here
  await participant("Alice").pane.getByRole("button", { name: "加入", exact: true }).click();
  const alice = await participant("Alice").frame(); // once Alice's new app has connected
  await expect(alice.locator("body")).toHaveAttribute("data-scene", "inCollaboration");
  expect(await meeting.trace()).toContainEqual(expect.objectContaining({ name: "ui.join" }));
});
