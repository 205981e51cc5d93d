/**
 * Fixtures of the harness suites: one harness server per worker (`@yiqi/harness/node` with the
 * bundled page and demo app, as `yiqi harness` serves them) and helpers to reach a participant's
 * pane and app frame. `HarnessWindow` types `window.yiqiHarness` from the page contract.
 *
 * @module
 */
import type { Frame, Locator, Page, TestInfo } from "@playwright/test";
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { bundledAssets, type HarnessServer, startHarnessServer } from "@yiqi/harness/node";
import { test as base, expect } from "./fixtures.ts";

/** Fixtures: `harness` (a running `yiqi harness` server, per worker). */
export const test = base.extend<object, { harness: HarnessServer }>({
  harness: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      const server = await startHarnessServer({ port: 0, ...bundledAssets() });
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
});

export { expect };

/** The harness page's global scope (`window.yiqiHarness`), for `page.evaluate` callbacks. */
export type HarnessWindow = typeof globalThis & YiqiHarnessWindow;

/** Opens the harness with `query` and waits until `window.yiqiHarness` is ready. */
export async function openHarness(page: Page, harness: HarnessServer, query = ""): Promise<void> {
  await page.goto(`${harness.url}${query}`);
  await page.waitForSelector(HARNESS_READY_SELECTOR);
}

/** The pane (an accessible region) of participant `name`. */
export const pane = (page: Page, name: string): Locator =>
  page.getByRole("region", { name, exact: true });

/** The app frame of participant `pid` (e.g. `p2`) once its app has rendered. */
export async function appFrame(page: Page, pid: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe[data-participant="${pid}"]`, {
    state: "attached",
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`participant ${pid} has no app frame`);
  await frame.waitForFunction(
    () => document.body.dataset.scene !== undefined && document.body.dataset.scene !== "unknown",
  );
  return frame;
}

/** Attaches a full-page screenshot to the test's report under `name`. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });
}

/** Opens a view page link (`/p/<pid>?token=…`) and returns its app frame once the app has rendered. */
export async function openView(page: Page, link: string, pid: string): Promise<Frame> {
  await page.goto(link);
  await expect(page.locator("body")).toHaveAttribute("data-state", "ready");
  const frame = await (
    await page.waitForSelector(`iframe[data-participant="${pid}"]`)
  ).contentFrame();
  if (!frame) throw new Error(`${pid} has no app frame`);
  await frame.waitForFunction(() => (document.body.dataset.scene ?? "unknown") !== "unknown");
  return frame;
}
