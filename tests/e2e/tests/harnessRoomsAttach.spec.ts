/**
 * The harness's Rooms tab attached to a running `yiqi rooms` device (decision 0214): a device
 * served on a loopback port by `startRoomsServer` of `@yiqi/mock-host/node` (what `yiqi rooms`
 * runs) that allows the harness page's origin, attached from the page's form, a request sent
 * over its socket, and the device's reply shown in the tab.
 */
import { RoomsDevice, type RoomsLogEntry } from "@yiqi/mock-host";
import { type RoomsServer, startRoomsServer } from "@yiqi/mock-host/node";
import { expect, openHarness, snap, test } from "./harness.fixtures.ts";

/** Not the in-page device's default, so only the running device can accept it. */
const PASSWORD = "246810";

test.describe("Rooms tab attached to a running device", () => {
  let server: RoomsServer;
  let device: RoomsDevice;
  const log: RoomsLogEntry[] = [];

  test.beforeEach(async ({ harness }) => {
    device = new RoomsDevice({ password: PASSWORD, scene: "busy" });
    device.onLog((e) => log.push(e));
    server = await startRoomsServer({
      device,
      port: 0,
      host: "127.0.0.1",
      allowedOrigins: [new URL(harness.url).origin],
    });
  });

  test.afterEach(async () => {
    await server.close();
  });

  test("attaches, sends a request over the device's socket and shows the device's reply", async ({
    page,
    harness,
  }, testInfo) => {
    await openHarness(page, harness);
    await page.getByRole("tab", { name: "Rooms" }).click();
    await page.getByText("Device: in this page · attach to a running yiqi rooms").click();
    await page.getByLabel("Rooms device URL").fill(server.url);
    await page.getByLabel("Rooms password").fill(PASSWORD);
    await page.getByRole("button", { name: "Attach" }).click();
    await expect(page.getByText(`Attached to ${server.url}`)).toBeVisible();
    await expect(page.getByRole("heading", { name: "Rooms device", exact: true })).toBeVisible();

    const request =
      '{"jsonrpc":"2.0","id":"e2e-attach","method":"Query","params":{"path":["Meeting"]}}';
    await page.getByLabel("Rooms request").fill(request);
    await page.getByRole("button", { name: "Send", exact: true }).click();

    // The reply the running device sent for that id, shown as received.
    const reply = page.locator("pre.json", { hasText: '"e2e-attach"' });
    await expect(reply).toBeVisible();
    const shown = JSON.parse((await reply.textContent()) ?? "") as {
      id: string;
      result: { error_code: number };
    };
    expect(shown.id).toBe("e2e-attach");
    expect(shown.result.error_code).toBe(0);
    // It reached the running device, not the page's own one.
    expect(log.some((e) => e.kind === "request" && e.text.includes('"e2e-attach"'))).toBe(true);
    expect(log.some((e) => e.kind === "response" && e.text.includes('"e2e-attach"'))).toBe(true);
    // Both frames are listed in the tab.
    await expect(page.locator(".tl-row", { hasText: '"e2e-attach"' })).toHaveCount(2);
    await snap(page, testInfo, "rooms-attached-reply");

    await page.getByRole("button", { name: "Detach (back to the in-page device)" }).click();
    await expect(page.getByRole("heading", { name: "Emulated Rooms device" })).toBeVisible();
  });

  test("a device that does not allow the page's origin is refused with the fix, and nothing attaches", async ({
    page,
    harness,
  }) => {
    // Default origins: the harness on its default port, not this one.
    const strict = await startRoomsServer({
      device: new RoomsDevice(),
      port: 0,
      host: "127.0.0.1",
    });
    try {
      await openHarness(page, harness);
      await page.getByRole("tab", { name: "Rooms" }).click();
      await page.getByText("Device: in this page · attach to a running yiqi rooms").click();
      await page.getByLabel("Rooms device URL").fill(strict.url);
      await page.getByRole("button", { name: "Attach" }).click();
      const alert = page.getByRole("alert");
      await expect(alert).toContainText(`Cannot attach to ${strict.url}`);
      await expect(alert).toContainText(`yiqi rooms --allow-origin ${new URL(harness.url).origin}`);
      await expect(page.getByRole("heading", { name: "Emulated Rooms device" })).toBeVisible();
    } finally {
      await strict.close();
    }
  });
});
