/**
 * What the harness benches read from a running Chromium (shared by `bench/harness.ts`,
 * `bench/remoteCalls.ts` and `bench/views.ts`): resident memory of a browser's processes, how
 * responsive a page still is, and a bound on any wait.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { summarize } from "./stats.ts";

/** Bytes in a megabyte. */
export const MB = 1024 * 1024;

/** Resident memory (bytes) of every process of the browser, via CDP and /proc (Linux). */
export async function browserRss(browser: Browser): Promise<{ bytes: number; processes: number }> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: { id: number }[];
  };
  await cdp.detach();
  let bytes = 0;
  for (const { id } of processInfo) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, "utf8"));
      bytes += Number(m?.[1] ?? 0) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return { bytes, processes: processInfo.length };
}

/**
 * How responsive `page` is: the p50 (ms) of `samples` no-op evaluates that each wait for a frame
 * (a busy page paints late).
 */
export async function framePaceP50(page: Page, samples = 30): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(1))));
    times.push(performance.now() - t);
  }
  return summarize(times).p50;
}

/** A wait that did not end within its bound. */
export class BoundExceeded extends Error {
  override readonly name = "BoundExceeded";
}

/**
 * `work`, or a {@link BoundExceeded} naming `what` and the bound once `ms` have passed (the work
 * itself is not cancelled: close its page or browser).
 */
export async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BoundExceeded(`${what}: not done within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
