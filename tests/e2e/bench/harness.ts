/**
 * `pnpm bench` (harness part), in headless Chromium:
 *
 * 1. The harness with 32, 64 and 128 participants on the demo app. For each size: the time from
 *    "the host starts" to "every participant has joined and its app has rendered the session"
 *    (each joiner's demo instance read the session with `getContext`, which it does right
 *    before drawing the shared board), how responsive the page still is (p50 of a no-op
 *    evaluate that waits for a frame), and memory per participant (resident memory of every
 *    Chromium process, read from /proc, minus the 1-participant baseline of the same run,
 *    divided by the added participants).
 * 2. Leaks: 1,000 start / join / leave / end cycles in one page (host + one joiner, who waits
 *    for its app to render each time). JS heap of the harness page after a forced GC, its trace
 *    and timeline lengths, live frames and browser memory, at checkpoints; the bound is printed
 *    with the verdict: the trace and timeline stay within their cap (decision 0108, 10,000
 *    entries + the truncation marker), the simulator's instances within decision 0017's (the
 *    newest 100 closed ones, plus each participant's open or latest one), and the heap does not
 *    grow over the second half of the cycles (when both traces are already full) by more than
 *    the printed bound.
 *
 * Prints tables and, as the last line, one JSON object. Targets and bounds are printed, never
 * asserted.
 *
 * @module
 */
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { DEFAULT_MAX_CLOSED_INSTANCES } from "@yiqi/mock-host";
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import { browserRss, framePaceP50, MB } from "./browserProbes.ts";

const SIZES = (process.env.BENCH_PARTICIPANTS ?? "32,64,128").split(",").map(Number);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 1000);
const TIMEOUT_MS = 120_000;
/** Decision 0108: the simulator trace and the harness timeline keep the newest 10,000. */
const TRACE_CAP = 10_000;
/**
 * Decision 0017: the closed instances kept, plus one (open or latest) per participant of the
 * leak run (host + joiner).
 */
const INSTANCES_CAP = DEFAULT_MAX_CLOSED_INSTANCES + 2;
/** Heap growth allowed over the second half of the cycles, MB. */
const HEAP_BOUND_MB = 4;

type HarnessWindow = typeof globalThis & YiqiHarnessWindow;

async function openMeeting(browser: Browser, url: string, participants: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  // A frame that failed to load (seen on a loaded machine) gets one more chance: reload.
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${url}?participants=${participants}`);
    await page.waitForSelector(HARNESS_READY_SELECTOR);
    const problems = await page.locator("text=/participants must be/").count();
    if (problems > 0) throw new Error(`the harness refused ${participants} participants`);
    // The host's app is open by default: wait until it has connected.
    const connected = await page
      .waitForFunction(
        () =>
          (globalThis as HarnessWindow).yiqiHarness.meeting
            .instances()
            .some((i) => i.participantId === "p1" && !i.closed),
        undefined,
        { timeout: 30_000, polling: 200 },
      )
      .then(() => true)
      .catch(() => false);
    if (connected) break;
    if (attempt === 2) throw new Error("the host's app did not connect");
    console.warn("warning: the host's app did not connect; reloading once");
  }
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

interface SizeRow {
  participants: number;
  joinAllMs: number;
  frameMsP50: number;
  memoryPerParticipantMB: number;
}

async function sizes(browser: Browser, url: string): Promise<Record<string, SizeRow>> {
  const results: Record<string, SizeRow> = {};
  const basePage = await openMeeting(browser, url, 1);
  const baseline = (await browserRss(browser)).bytes;
  await basePage.close();
  console.log("harness with the demo app (headless Chromium; host starts, everyone clicks 加入)");
  console.log("  participants  start->all rendered  frame p50   memory/participant");
  for (const n of SIZES) {
    let page: Page | undefined;
    let joinAllMs: number;
    try {
      page = await openMeeting(browser, url, n);
      joinAllMs = await startAndJoinAll(page);
    } catch (e) {
      console.log(`  ${String(n).padStart(12)}  failed: ${e instanceof Error ? e.message : e}`);
      await page?.close();
      continue;
    }
    await page.waitForTimeout(300);
    const frameMsP50 = await framePaceP50(page);
    const rss = (await browserRss(browser)).bytes;
    const memoryPerParticipantMB = Math.round(((rss - baseline) / (n - 1) / MB) * 10) / 10;
    const row = {
      participants: n,
      joinAllMs: Math.round(joinAllMs),
      frameMsP50: Math.round(frameMsP50 * 10) / 10,
      memoryPerParticipantMB,
    };
    results[n] = row;
    console.log(
      `  ${String(n).padStart(12)}  ${`${row.joinAllMs} ms`.padStart(19)}  ${`${row.frameMsP50} ms`.padStart(9)}   ${memoryPerParticipantMB} MB`,
    );
    await page.close();
  }
  console.log(
    "  target: 128 participants in one page, every one joined and responsive (frame p50 well under 100 ms)",
  );
  return results;
}

interface Checkpoint {
  cycles: number;
  heapMB: number;
  traceEntries: number;
  timelineEntries: number;
  instances: number;
  frames: number;
  rssMB: number;
  processes: number;
}

/** Runs `count` start/join/leave/end cycles (p1 starts and ends, p2 joins and leaves). */
function cycles(page: Page, count: number): Promise<number> {
  return page.evaluate(
    async ([n, timeoutMs]) => {
      const { meeting } = (globalThis as HarnessWindow).yiqiHarness;
      for (let i = 0; i < n; i++) {
        const started = await meeting.ui.clickStart("p1");
        if (!started.ok) throw new Error(`cycle ${i}: the host could not start`);
        // (Inline: a named helper would need tsx's __name in the page.)
        const joined = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => {
            off();
            reject(new Error(`cycle ${i}: p2's app did not render the session`));
          }, timeoutMs);
          const off = meeting.trace.subscribe((e) => {
            if (
              e.kind === "result" &&
              e.name === "collaboration.getContext" &&
              e.participantId === "p2"
            ) {
              clearTimeout(timer);
              off();
              resolve();
            }
          });
        });
        // Awaited: in remote mode (the page is a view of the server's meeting) ui answers later.
        const j = await meeting.ui.join("p2");
        if (!j.ok) throw new Error(`cycle ${i}: p2 could not join`);
        await joined;
        const left = await meeting.ui.leave("p2");
        if (!left.ok) throw new Error(`cycle ${i}: p2 could not leave`);
        const ended = await meeting.ui.end("p1");
        if (!ended.ok) throw new Error(`cycle ${i}: the host could not end`);
      }
      return n;
    },
    [count, 30_000] as const,
  );
}

async function checkpoint(browser: Browser, page: Page, done: number): Promise<Checkpoint> {
  await page.waitForTimeout(200);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number };
  await cdp.detach();
  const counts = await page.evaluate(() => {
    const h = (globalThis as HarnessWindow).yiqiHarness;
    return {
      traceEntries: h.meeting.trace.entries().length,
      timelineEntries: h.timeline().length,
      instances: h.meeting.instances().length,
      frames: document.querySelectorAll("iframe").length,
    };
  });
  const rss = await browserRss(browser);
  return {
    cycles: done,
    heapMB: Math.round((usedSize / MB) * 10) / 10,
    ...counts,
    rssMB: Math.round(rss.bytes / MB),
    processes: rss.processes,
  };
}

async function leaks(browser: Browser, url: string) {
  const page = await openMeeting(browser, url, 2);
  const t0 = performance.now();
  await cycles(page, 20); // warm-up: code paths compiled, caches filled
  const points: Checkpoint[] = [await checkpoint(browser, page, 0)];
  const steps = 4;
  for (let s = 1; s <= steps; s++) {
    const done = Math.round((CYCLES * s) / steps);
    await cycles(page, done - (points.at(-1)?.cycles ?? 0));
    points.push(await checkpoint(browser, page, done));
  }
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  await page.close();
  console.log(
    `\nleaks: ${CYCLES} start/join/leave/end cycles in one page (host + 1 joiner; after 20 warm-up cycles; ${seconds} s)`,
  );
  console.log("  cycles  heap MB  trace  timeline  instances  frames  browser RSS MB  processes");
  for (const p of points)
    console.log(
      `  ${String(p.cycles).padStart(6)}  ${p.heapMB.toFixed(1).padStart(7)}  ${String(p.traceEntries).padStart(5)}  ${String(p.timelineEntries).padStart(8)}  ${String(p.instances).padStart(9)}  ${String(p.frames).padStart(6)}  ${String(p.rssMB).padStart(14)}  ${String(p.processes).padStart(9)}`,
    );
  const half = points[Math.floor(points.length / 2)] as Checkpoint;
  const last = points.at(-1) as Checkpoint;
  const secondHalfGrowthMB = Math.round((last.heapMB - half.heapMB) * 10) / 10;
  const traceOk = points.every(
    (p) => p.traceEntries <= TRACE_CAP + 1 && p.timelineEntries <= TRACE_CAP + 1,
  );
  const heapOk = secondHalfGrowthMB <= HEAP_BOUND_MB;
  const instancesOk = points.every((p) => p.instances <= INSTANCES_CAP);
  console.log(
    `  bound: trace and timeline <= ${TRACE_CAP} + 1 marker (decision 0108): ${traceOk ? "met" : "MISSED"}`,
  );
  console.log(
    `  bound: instances <= ${INSTANCES_CAP} (decision 0017: ${DEFAULT_MAX_CLOSED_INSTANCES} closed + 1 per participant): ${instancesOk ? "met" : "MISSED"} (max ${Math.max(...points.map((p) => p.instances))})`,
  );
  console.log(
    `  bound: heap growth over cycles ${half.cycles}..${last.cycles} <= ${HEAP_BOUND_MB} MB: ${heapOk ? "met" : "MISSED"} (${secondHalfGrowthMB} MB; whole run ${Math.round((last.heapMB - (points[0] as Checkpoint).heapMB) * 10) / 10} MB)`,
  );
  return {
    cycles: CYCLES,
    seconds,
    points,
    secondHalfGrowthMB,
    bounds: {
      traceCap: TRACE_CAP,
      instancesCap: INSTANCES_CAP,
      heapGrowthMB: HEAP_BOUND_MB,
      traceOk,
      instancesOk,
      heapOk,
    },
  };
}

const server = await startHarnessServer({ port: 0, ...bundledAssets() });
const browser = await chromium.launch(chromiumLaunchOptions());
let harness: Record<string, SizeRow> = {};
let leak: Awaited<ReturnType<typeof leaks>> | undefined;
try {
  if (SIZES.length > 0 && SIZES[0]) harness = await sizes(browser, server.url);
  if (CYCLES > 0) leak = await leaks(browser, server.url);
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify({ harness, leaks: leak, targets: { participants: 128 } }));
