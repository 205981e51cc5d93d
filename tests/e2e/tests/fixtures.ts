/**
 * The Playwright fixtures of the browser suites: one loopback {@link TestServer} per worker,
 * and a check, after every test, that no page or frame had an uncaught error.
 *
 * @module
 */
import { test as base, expect, type Frame, type Page } from "@playwright/test";
import { startTestServer, type TestServer } from "../src/server.ts";

/** Fixtures: `server` (per worker) and `pageErrors` (per test, checked at its end). */
export const test = base.extend<
  { pageErrors: string[]; allowPageErrors: (pattern: RegExp) => void },
  { server: TestServer }
>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring.
    async ({}, use) => {
      const server = await startTestServer();
      await use(server);
      await server.close();
    },
    { scope: "worker" },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`${error.name}: ${error.message}`));
      await use(errors);
      expect(errors, "uncaught errors in the page or its frames").toEqual([]);
    },
    { auto: true },
  ],
  allowPageErrors: async ({ pageErrors }, use) => {
    await use((pattern: RegExp) => {
      for (let i = pageErrors.length - 1; i >= 0; i--)
        if (pattern.test(pageErrors[i] as string)) pageErrors.splice(i, 1);
    });
  },
});

export { expect };

/** The frame of the iframe `#id` in `page`, once its script has installed `global`. */
export async function frameById(page: Page, id: string, global: string): Promise<Frame> {
  const handle = await page.waitForSelector(`iframe#${id}`, { state: "attached" });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`iframe#${id} has no frame`);
  await frame.waitForFunction((name) => name in globalThis, global);
  return frame;
}
