/**
 * `pnpm bench`: call latency and event fan-out of the Yiqi stack in headless Chromium, over
 * cross-site iframes (host on `localhost`, apps on `127.0.0.1`), cross-origin isolated so
 * `performance.now()` has 5 µs resolution.
 *
 * 1. Round trips measured in the app frame, interleaved round by round (the order rotates each
 *    round): a raw `MessagePort` echo (the floor), plain comlink over a port, `@yiqi/bridge`
 *    alone serving the same scripted method, and `wemeet.collaboration.getContext()` through
 *    `@yiqi/jsapi` -> `@yiqi/bridge` -> the meeting simulator. Ratios are p50 over p50 of the
 *    pooled samples, and "paired": the median over rounds of the ratio of the two modes'
 *    interquartile means in that round (both ran in the same round, so drift of a shared
 *    machine cancels out; the targets use it).
 * 2. One `collaboration-change` delivered to 1, 8, 32 and 128 frames (emit to listener, per
 *    frame, on the shared wall clock, corrected by a measured clock offset), each delivery
 *    paired with the same payload on a raw port per frame (the fan-out's floor, same run), the
 *    two a few ms apart, in alternating order, after 30 uncounted warm-up deliveries.
 *    The events carry delivery ids as the simulator sends them, so each client's handling
 *    notice (decision 0306) is part of the cost (`BENCH_FANOUT_IDS=0`: events without ids).
 *    "paired" is the median over deliveries of the ratio of the frames' median times of a
 *    Yiqi delivery and of the raw delivery paired with it.
 *
 * Prints tables, ratios and targets (never asserted); the last line is one JSON object.
 *
 * @module
 */
import { type Browser, chromium } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import type { BenchMode } from "../src/pageApi.ts";
import { startTestServer, type TestServer } from "../src/server.ts";
import { type BenchWin, openBenchHost } from "./benchHost.ts";
import { median, pairedRatio, type Summary, summarize } from "./stats.ts";

type Win = BenchWin;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const CALLS = Number(process.env.BENCH_CALLS ?? 125);
const WARMUP = 4;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 300);
/** Fan-out deliveries first sent and not counted (JIT and caches warm up on both paths). */
const FANOUT_WARMUP = 30;
/** Frame counts of the fan-out part; `BENCH_FANOUT=0` (or empty) skips it. */
const FANOUT = (process.env.BENCH_FANOUT ?? "1,8,32,128")
  .split(",")
  .map(Number)
  .filter((n) => n > 0);
/** Fan-out events carry delivery ids as the simulator's do (handling notices included); `BENCH_FANOUT_IDS=0`: without. */
const FANOUT_IDS = process.env.BENCH_FANOUT_IDS !== "0";
const MODES: readonly BenchMode[] = ["raw", "comlink", "bridge", "yiqi"];
const TARGETS = {
  /** Full stack p50 over the raw port's. */
  yiqiToRaw: 1.15,
  /** The bridge alone over plain comlink, same method: at most a few percent. */
  bridgeToComlink: 1.05,
  /** Fan-out to 32 frames, p50 over the raw ports' p50. */
  fanout32ToRaw: 1.2,
};

const fmt = (x: number): string => x.toFixed(3).padStart(8);
const r2 = (x: number): number => Math.round(x * 100) / 100;
const x2 = (x: number): string => `${x.toFixed(2)}x`;

interface RoundTrips {
  calls: Record<BenchMode, Summary>;
  /** p50 / p50 of the pooled samples. */
  toRaw: Record<BenchMode, number>;
  toComlink: Record<BenchMode, number>;
  /** Median of per-round ratios of interquartile means. */
  pairedToRaw: Record<BenchMode, number>;
  pairedToComlink: Record<BenchMode, number>;
}

async function roundTrips(browser: Browser, server: TestServer): Promise<RoundTrips> {
  const page = await openBenchHost(browser, server, 1);
  const app = page.frames().find((f) => f.url().startsWith(server.appOrigin));
  if (!app) throw new Error("the app frame did not load");
  const appIsolated = await app.evaluate(() => (globalThis as Win).benchApp.ready());
  const samples = await app.evaluate((o) => (globalThis as Win).benchApp.run(o), {
    rounds: ROUNDS,
    calls: CALLS,
    warmupRounds: WARMUP,
    modes: [...MODES],
  });
  await page.close();
  const by = <T>(f: (m: BenchMode) => T): Record<BenchMode, T> =>
    Object.fromEntries(MODES.map((m) => [m, f(m)])) as Record<BenchMode, T>;
  const calls = by((m) => summarize(samples[m]));
  const out: RoundTrips = {
    calls,
    toRaw: by((m) => r2(calls[m].p50 / calls.raw.p50)),
    toComlink: by((m) => r2(calls[m].p50 / calls.comlink.p50)),
    pairedToRaw: by((m) => pairedRatio(samples[m], samples.raw, CALLS)),
    pairedToComlink: by((m) => pairedRatio(samples[m], samples.comlink, CALLS)),
  };
  console.log(
    `\nround trips (app frame isolated: ${appIsolated}; ${ROUNDS} interleaved rounds x ${CALLS} calls per mode, ${WARMUP} warm-up rounds)`,
  );
  console.log(
    "  mode          p50 ms   p99 ms  mean ms   p50/raw  p50/comlink  paired/raw  paired/comlink",
  );
  for (const m of MODES) {
    const s = calls[m];
    console.log(
      `  ${m.padEnd(10)} ${fmt(s.p50)} ${fmt(s.p99)} ${fmt(s.mean)}  ${x2(out.toRaw[m]).padStart(8)}  ${x2(out.toComlink[m]).padStart(11)}  ${x2(out.pairedToRaw[m]).padStart(10)}  ${x2(out.pairedToComlink[m]).padStart(14)}`,
    );
  }
  console.log(
    "  (comlink and bridge serve the same scripted method; yiqi is jsapi -> bridge -> the simulator)",
  );
  return out;
}

interface FanoutRow {
  frames: number;
  yiqi: Summary & { lastP50: number };
  raw: Summary & { lastP50: number };
  /** Yiqi p50 / raw p50, all deliveries; and for the last frame of each delivery. */
  toRaw: number;
  lastToRaw: number;
  /** Median over deliveries of (median over frames of Yiqi) / (same of its raw delivery). */
  pairedToRaw: number;
  maxClockOffset: number;
}

async function fanoutOf(browser: Browser, server: TestServer, n: number): Promise<FanoutRow> {
  const host = await openBenchHost(browser, server, n);
  const apps = host.frames().filter((f) => f.url().startsWith(server.appOrigin));
  for (const f of apps) await f.evaluate(() => (globalThis as Win).benchApp.ready());
  const offsets = await host.evaluate(() => (globalThis as Win).benchHost.clockOffsets(20));
  await host.evaluate(
    ([d, g, ids]) => (globalThis as Win).benchHost.fanout(d as number, g as number, ids as boolean),
    [FANOUT_WARMUP + DELIVERIES, n > 32 ? 8 : 4, FANOUT_IDS] as const,
  );
  await host.waitForTimeout(100);
  const all = { yiqi: [] as number[], raw: [] as number[] };
  const last = { yiqi: new Array<number>(DELIVERIES).fill(0), raw: new Array(DELIVERIES).fill(0) };
  // Per delivery, every frame's time: delivery d of each path ran back to back (paired).
  const byDelivery = {
    yiqi: Array.from({ length: DELIVERIES }, () => [] as number[]),
    raw: Array.from({ length: DELIVERIES }, () => [] as number[]),
  };
  for (const [i, f] of apps.entries()) {
    const got = await f.evaluate(() => (globalThis as Win).benchApp.deliveries());
    const offset = offsets[i]?.offset ?? 0;
    for (const path of ["yiqi", "raw"] as const)
      got[path].slice(FANOUT_WARMUP).forEach((t, d) => {
        const ms = t - offset;
        all[path].push(ms);
        byDelivery[path][d]?.push(ms);
        last[path][d] = Math.max(last[path][d] ?? 0, ms);
      });
  }
  await host.close();
  for (const path of ["yiqi", "raw"] as const)
    if (all[path].length !== n * DELIVERIES)
      console.warn(`warning: ${path}: ${all[path].length} of ${n * DELIVERIES} deliveries arrived`);
  const yiqi = { ...summarize(all.yiqi), lastP50: summarize(last.yiqi).p50 };
  const raw = { ...summarize(all.raw), lastP50: summarize(last.raw).p50 };
  return {
    frames: n,
    yiqi,
    raw,
    toRaw: r2(yiqi.p50 / raw.p50),
    lastToRaw: r2(yiqi.lastP50 / raw.lastP50),
    pairedToRaw: r2(
      median(byDelivery.yiqi.map((y, d) => median(y) / median(byDelivery.raw[d] ?? []))),
    ),
    maxClockOffset: Math.round(Math.max(...offsets.map((o) => Math.abs(o.offset))) * 1000) / 1000,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await startTestServer({ isolated: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    console.log(
      `chromium ${browser.version()}, host ${server.hostOrigin}, apps ${server.appOrigin}`,
    );
    const rt = await roundTrips(browser, server);
    const yiqiOk = rt.pairedToRaw.yiqi <= TARGETS.yiqiToRaw;
    const bridgeOk = rt.pairedToComlink.bridge <= TARGETS.bridgeToComlink;
    console.log(
      `  target: yiqi <= ${TARGETS.yiqiToRaw}x raw (paired): ${yiqiOk ? "met" : "MISSED"} (${x2(rt.pairedToRaw.yiqi)}; yiqi/comlink ${x2(rt.pairedToComlink.yiqi)})`,
    );
    console.log(
      `  target: bridge <= ${TARGETS.bridgeToComlink}x comlink (paired): ${bridgeOk ? "met" : "MISSED"} (${x2(rt.pairedToComlink.bridge)})`,
    );

    const fanout: Record<string, FanoutRow> = {};
    if (FANOUT.length > 0) {
      console.log(
        `\ncollaboration-change fan-out (${DELIVERIES} deliveries after ${FANOUT_WARMUP} warm-up${FANOUT_IDS ? ", with ids: handling notices included" : ", without ids: no notices"}, emit -> listener; raw = the same payload on a raw port per frame, paired, order alternating)`,
      );
      console.log(
        "  frames   yiqi p50  yiqi p99   raw p50   raw p99  p50 yiqi/raw  paired  last-frame p50 yiqi/raw  |clock offset| max",
      );
      for (const n of FANOUT) {
        const row = await fanoutOf(browser, server, n);
        fanout[String(n)] = row;
        console.log(
          `  ${String(n).padEnd(6)} ${fmt(row.yiqi.p50)}  ${fmt(row.yiqi.p99)}  ${fmt(row.raw.p50)}  ${fmt(row.raw.p99)}  ${x2(row.toRaw).padStart(12)}  ${x2(row.pairedToRaw).padStart(6)}  ${fmt(row.yiqi.lastP50)} / ${fmt(row.raw.lastP50)} = ${x2(row.lastToRaw).padStart(5)}  ${fmt(row.maxClockOffset)}`,
        );
      }
    }
    const f32 = fanout["32"];
    const fanOk = f32 !== undefined && f32.pairedToRaw <= TARGETS.fanout32ToRaw;
    if (FANOUT.length > 0)
      console.log(
        `  target: 32 frames <= ${TARGETS.fanout32ToRaw}x raw (paired): ${fanOk ? "met" : "MISSED"} (${f32 ? x2(f32.pairedToRaw) : "not run"})`,
      );
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(`  (bench ran ${seconds} s)`);
    console.log(
      JSON.stringify({
        chromium: browser.version(),
        rounds: ROUNDS,
        callsPerRound: CALLS,
        ...rt,
        fanout,
        targets: { ...TARGETS, yiqiMet: yiqiOk, bridgeMet: bridgeOk, fanoutMet: fanOk },
        seconds,
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
