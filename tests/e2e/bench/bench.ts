/**
 * `pnpm bench`: call latency and event fan-out of the Yiqi stack in headless Chromium, over
 * cross-site iframes (host on `localhost`, apps on `127.0.0.1`), cross-origin isolated so
 * `performance.now()` has microsecond resolution.
 *
 * 1. Round trips measured in the app frame, interleaved round by round: a raw `MessagePort`
 *    echo (the floor), plain comlink over a port, and `wemeet.collaboration.getContext()`
 *    through `@yiqi/jsapi` -> `@yiqi/bridge` -> a host serving `WemeetHostApi`.
 * 2. One `collaboration-change` delivered to 1, 8 and 32 frames: emit to listener, per frame,
 *    on the shared wall clock (`timeOrigin + now()`), corrected by a measured clock offset.
 *
 * Prints p50/p99, ratios and targets (not asserted); the last line is one JSON object.
 *
 * @module
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import type { BenchMode, PageGlobals } from "../src/pageApi.ts";
import { startTestServer, type TestServer } from "../src/server.ts";
import { type Summary, summarize } from "./stats.ts";

type Win = typeof globalThis &
  PageGlobals & {
    benchApp: import("../src/pageApi.ts").BenchAppApi;
    benchHost: import("../src/pageApi.ts").BenchHostApi;
  };

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 500);
const WARMUP = 2;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 200);
const FANOUT = [1, 8, 32];
const TARGETS = { yiqiRatioP50: 1.3, fanout32P50: 1.5, fanout32P99: 5 };

async function openHost(browser: Browser, server: TestServer, frames: number): Promise<Page> {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(server.hostUrl("bench-host.html"));
  await page.waitForFunction(() => "benchHost" in globalThis);
  const url = new URL(server.appUrl("bench-app.html"));
  url.searchParams.set("host", server.hostOrigin);
  const isolated = await page.evaluate(
    ([u, n]) => (globalThis as Win).benchHost.setup(u as string, n as number),
    [url.href, frames] as const,
  );
  if (!isolated) console.warn("warning: the host page is not cross-origin isolated");
  return page;
}

const fmt = (x: number): string => x.toFixed(3).padStart(8);

async function main(): Promise<void> {
  const server = await startTestServer({ isolated: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    console.log(
      `chromium ${browser.version()}, host ${server.hostOrigin}, apps ${server.appOrigin}`,
    );

    // 1. Round trips.
    const page = await openHost(browser, server, 1);
    const app = page.frames().find((f) => f.url().startsWith(server.appOrigin));
    if (!app) throw new Error("the app frame did not load");
    const appIsolated = await app.evaluate(() => (globalThis as Win).benchApp.ready());
    const samples = await app.evaluate((o) => (globalThis as Win).benchApp.run(o), {
      rounds: ROUNDS,
      calls: CALLS,
      warmupRounds: WARMUP,
    });
    await page.close();
    const calls = Object.fromEntries(
      (Object.keys(samples) as BenchMode[]).map((m) => [m, summarize(samples[m])]),
    ) as Record<BenchMode, Summary>;
    const floor = calls.raw.p50;
    console.log(
      `\nround trips (app frame isolated: ${appIsolated}; ${ROUNDS} interleaved rounds x ${CALLS} calls, ${WARMUP} warm-up rounds)`,
    );
    console.log("  mode          p50 ms   p99 ms  mean ms  p50/floor");
    const ratios: Record<BenchMode, number> = { raw: 1, comlink: 0, yiqi: 0 };
    for (const m of ["raw", "comlink", "yiqi"] as const) {
      const s = calls[m];
      ratios[m] = Math.round((s.p50 / floor) * 100) / 100;
      console.log(
        `  ${m.padEnd(10)} ${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.mean)}   ${ratios[m].toFixed(2)}x`,
      );
    }
    const yiqiOk = ratios.yiqi <= TARGETS.yiqiRatioP50;
    console.log(
      `  target: yiqi p50 <= ${TARGETS.yiqiRatioP50}x floor: ${yiqiOk ? "met" : "MISSED"} (${ratios.yiqi}x)`,
    );

    // 2. Fan-out.
    const fanout: Record<string, Summary & { lastP50: number; maxClockOffset: number }> = {};
    console.log(`\ncollaboration-change fan-out (${DELIVERIES} deliveries, emit -> listener)`);
    console.log("  frames        p50 ms   p99 ms  mean ms  last-frame p50  |clock offset| max");
    for (const n of FANOUT) {
      const host = await openHost(browser, server, n);
      const apps = host.frames().filter((f) => f.url().startsWith(server.appOrigin));
      for (const f of apps) await f.evaluate(() => (globalThis as Win).benchApp.ready());
      const offsets = await host.evaluate(() => (globalThis as Win).benchHost.clockOffsets(30));
      await host.evaluate(
        ([d, g]) => (globalThis as Win).benchHost.fanout(d as number, g as number),
        [DELIVERIES, 5] as const,
      );
      await host.waitForTimeout(50);
      const all: number[] = [];
      const perDelivery: number[] = new Array(DELIVERIES).fill(0);
      for (const [i, f] of apps.entries()) {
        const got = await f.evaluate(() => (globalThis as Win).benchApp.deliveries());
        const offset = offsets[i]?.offset ?? 0;
        got.forEach((raw, d) => {
          const ms = raw - offset;
          all.push(ms);
          perDelivery[d] = Math.max(perDelivery[d] ?? 0, ms);
        });
      }
      if (all.length !== n * DELIVERIES)
        console.warn(`warning: ${all.length} of ${n * DELIVERIES} deliveries arrived`);
      const s = summarize(all);
      const maxOffset = Math.max(...offsets.map((o) => Math.abs(o.offset)));
      fanout[String(n)] = {
        ...s,
        lastP50: summarize(perDelivery).p50,
        maxClockOffset: Math.round(maxOffset * 1000) / 1000,
      };
      console.log(
        `  ${String(n).padEnd(10)} ${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.mean)}  ${fmt(fanout[String(n)]?.lastP50 ?? 0)}        ${fmt(maxOffset)}`,
      );
      await host.close();
    }
    const f32 = fanout["32"] as Summary;
    const fanOk = f32.p50 <= TARGETS.fanout32P50 && f32.p99 <= TARGETS.fanout32P99;
    console.log(
      `  target: 32 frames p50 <= ${TARGETS.fanout32P50} ms, p99 <= ${TARGETS.fanout32P99} ms: ${fanOk ? "met" : "MISSED"}`,
    );

    console.log(
      JSON.stringify({
        chromium: browser.version(),
        isolated: appIsolated,
        rounds: ROUNDS,
        callsPerRound: CALLS,
        calls,
        ratioToFloor: ratios,
        fanout,
        targets: { ...TARGETS, yiqiMet: yiqiOk, fanoutMet: fanOk },
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
