/**
 * The bench host page shared by `pnpm bench` and `pnpm bench:profile`: `bench-host.html` on the
 * host origin with `frames` cross-site `bench-app.html` frames.
 *
 * @module
 */
import type { Browser, Page } from "playwright-core";
import type { BenchAppApi, BenchHostApi, PageGlobals } from "../src/pageApi.ts";
import type { TestServer } from "../src/server.ts";

/** The globals of the bench pages. */
export type BenchWin = typeof globalThis &
  PageGlobals & { benchApp: BenchAppApi; benchHost: BenchHostApi };

/** Opens the bench host page with `frames` app frames; warns when it is not cross-origin isolated. */
export async function openBenchHost(
  browser: Browser,
  server: TestServer,
  frames: number,
): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.hostUrl("bench-host.html"));
  await page.waitForFunction(() => "benchHost" in globalThis);
  const url = new URL(server.appUrl("bench-app.html"));
  url.searchParams.set("host", server.hostOrigin);
  const isolated = await page.evaluate(
    ([u, n]) => (globalThis as BenchWin).benchHost.setup(u as string, n as number),
    [url.href, frames] as const,
  );
  if (!isolated) console.warn("warning: the host page is not cross-origin isolated");
  return page;
}
