/**
 * `pnpm bench` (harness part): the harness with 8, 16 and 32 participants on the demo app, in
 * headless Chromium. For each size: the time from "the host starts" to "every participant has
 * joined and its app has rendered the session" (each joiner's demo instance read the session
 * with `getContext`, which it does right before drawing the shared board), then how responsive
 * the page still is (round trips of a no-op evaluate), and memory per participant (resident
 * memory of every Chromium process, read from /proc, divided by the participant count; the
 * 1-participant meeting is the baseline measured in the same run).
 *
 * Prints a table and, as the last line, one JSON object. Targets are printed, never asserted.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import { summarize } from "./stats.ts";

const SIZES = [8, 16, 32];
const TIMEOUT_MS = 60_000;

type HarnessWindow = typeof globalThis & YiqiHarnessWindow;

/** Resident memory (bytes) of every process of the browser, via CDP and /proc (Linux). */
async function browserRss(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = (await cdp.send("SystemInfo.getProcessInfo")) as {
    processInfo: { id: number }[];
  };
  await cdp.detach();
  let total = 0;
  for (const { id } of processInfo) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${id}/status`, "utf8"));
      total += Number(m?.[1] ?? 0) * 1024;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

async function openMeeting(browser: Browser, url: string, participants: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${url}?participants=${participants}`);
  await page.waitForSelector(HARNESS_READY_SELECTOR);
  // The host's app is open by default: wait until it has rendered.
  await page.waitForSelector('iframe[data-participant="p1"]');
  await page.waitForTimeout(500);
  return page;
}

/** Host starts; every other participant clicks 加入; resolves with ms until all rendered. */
function startAndJoinAll(page: Page): Promise<number> {
  return page.evaluate(async (timeoutMs) => {
    const { meeting } = (globalThis as HarnessWindow).yiqiHarness;
    const others = meeting
      .participants()
      .slice(1)
      .map((p) => p.id);
    const rendered = new Set<string>();
    const t0 = performance.now();
    const done = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${rendered.size} of ${others.length} rendered`)),
        timeoutMs,
      );
      const off = meeting.trace.subscribe((e) => {
        if (
          e.kind === "result" &&
          e.name === "collaboration.getContext" &&
          e.participantId &&
          others.includes(e.participantId)
        ) {
          rendered.add(e.participantId);
          if (rendered.size === others.length) {
            clearTimeout(timer);
            off();
            // One more frame so the board is painted.
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        }
      });
    });
    const started = await meeting.ui.clickStart("p1");
    if (!started.ok) throw new Error("the host could not start");
    for (const pid of others) meeting.ui.join(pid);
    return done;
  }, TIMEOUT_MS);
}

async function responsiveness(page: Page): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t = performance.now();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(1))));
    samples.push(performance.now() - t);
  }
  return summarize(samples).p50;
}

const server = await startHarnessServer({ port: 0, ...bundledAssets() });
const browser = await chromium.launch(chromiumLaunchOptions());
const results: Record<
  string,
  { joinAllMs: number; frameMsP50: number; memoryPerParticipantMB: number; participants: number }
> = {};
try {
  const basePage = await openMeeting(browser, server.url, 1);
  const baseline = await browserRss(browser);
  await basePage.close();
  console.log("harness with the demo app (headless Chromium; host starts, everyone clicks 加入)");
  console.log("  participants  start->all rendered  frame p50   memory/participant");
  for (const n of SIZES) {
    const page = await openMeeting(browser, server.url, n);
    const joinAllMs = await startAndJoinAll(page);
    await page.waitForTimeout(300);
    const frameMsP50 = await responsiveness(page);
    const rss = await browserRss(browser);
    const memoryPerParticipantMB = Math.round(((rss - baseline) / (n - 1) / 1024 / 1024) * 10) / 10;
    results[n] = {
      participants: n,
      joinAllMs: Math.round(joinAllMs),
      frameMsP50: Math.round(frameMsP50 * 10) / 10,
      memoryPerParticipantMB,
    };
    console.log(
      `  ${String(n).padStart(12)}  ${`${Math.round(joinAllMs)} ms`.padStart(19)}  ${`${results[n].frameMsP50} ms`.padStart(9)}   ${memoryPerParticipantMB} MB`,
    );
    await page.close();
  }
  console.log(
    "  target: 32 participants in one page, every one joined and responsive (frame p50 well under 100 ms)",
  );
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify({ harness: results, targets: { participants: 32 } }));
