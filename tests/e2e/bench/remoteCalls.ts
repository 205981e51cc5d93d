/**
 * `pnpm bench` (remote part, issue 14 item 5a): a call through the meeting server against the
 * in-page path, in headless Chromium.
 *
 * One harness server (decision 0038) serves two harness pages with one participant each, whose
 * app is a plain page that loads Tencent's SDK by its literal URL (`static/literal-sdk-app.html`,
 * served through the harness server's app proxy, the SDK answered with the shim): `?local=1`
 * (the in-page simulator: the page's bridge host answers from its own `Meeting`) and the default
 * remote mode (the page forwards each call over its socket to the meeting the server runs). The
 * host's app frame of each page calls `wemeet.app.getRunningContext()` in a loop, timed in the
 * frame; the two modes run in interleaved rounds (the order alternates), as decision 0016 says,
 * and the ratio remote / local is printed as p50 over p50 and paired (the median over rounds of
 * the two modes' interquartile means in that round). The pages are not cross-origin isolated,
 * so the frame's clock has 100 µs steps: each sample is the mean of {@link BATCH} back-to-back
 * calls (a 20 µs step per call), and the paired ratio is the one to read.
 *
 * `BENCH_REMOTE_ROUNDS` and `BENCH_REMOTE_CALLS` shorten a run (`BENCH_REMOTE_ROUNDS=0` skips
 * it). Nothing is asserted; the last line is one JSON object.
 *
 * @module
 */
import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
import { startHarnessServer } from "@yiqi/harness/node";
import { type Browser, chromium, type Frame } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import { startTestServer } from "../src/server.ts";
import { bounded } from "./browserProbes.ts";
import { frozenAssets } from "./frozenAssets.ts";
import { pairedRatio, summarize } from "./stats.ts";

const ROUNDS = Number(process.env.BENCH_REMOTE_ROUNDS ?? 40);
/** Samples per mode and round. */
const CALLS = Number(process.env.BENCH_REMOTE_CALLS ?? 20);
/** Back-to-back calls per sample (the frame's clock has 100 µs steps). */
const BATCH = 5;
const WARMUP = 3;
const PAGE_BOUND_MS = 60_000;
const MODES = ["local", "remote"] as const;
type Mode = (typeof MODES)[number];

type AppWindow = typeof globalThis & {
  wemeet: { app: { getRunningContext(): Promise<{ scene: string }> } };
};

/**
 * Opens the harness page at `query` and answers its host's app frame once the app runs; checks
 * that the page runs in `mode` (a remote page's meeting is a replica with a view id).
 */
async function openApp(browser: Browser, url: string, query: string, mode: Mode): Promise<Frame> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${url}${query}`, { timeout: PAGE_BOUND_MS });
  await page.waitForSelector(HARNESS_READY_SELECTOR, { timeout: PAGE_BOUND_MS });
  const remote = await page.evaluate(
    () => "viewId" in (globalThis as YiqiHarnessWindow & typeof globalThis).yiqiHarness.meeting,
  );
  if (remote !== (mode === "remote"))
    throw new Error(`${query}: the page runs ${remote ? "remote" : "local"}, not ${mode}`);
  const handle = await page.waitForSelector('iframe[data-participant="p1"]', {
    state: "attached",
    timeout: PAGE_BOUND_MS,
  });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`${query}: the host has no app frame`);
  await frame.waitForFunction(() => document.body.dataset.scene === "inMeeting", undefined, {
    timeout: PAGE_BOUND_MS,
  });
  return frame;
}

/**
 * `samples` times the mean of `batch` sequential `getRunningContext()` round trips, timed in the
 * frame (ms per call).
 */
const timeCalls = (frame: Frame, samples: number, batch: number): Promise<number[]> =>
  frame.evaluate(
    async ([n, b]) => {
      const { wemeet } = globalThis as AppWindow;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        for (let j = 0; j < b; j++) await wemeet.app.getRunningContext();
        out.push((performance.now() - t) / b);
      }
      return out;
    },
    [samples, batch] as const,
  );

async function main(): Promise<void> {
  if (ROUNDS <= 0 || CALLS <= 0) return;
  const t0 = performance.now();
  const assets = frozenAssets();
  const apps = await startTestServer();
  const harness = await startHarnessServer({ port: 0, ...assets });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const app = encodeURIComponent(apps.appUrl("literal-sdk-app.html"));
    const frames: Record<Mode, Frame> = {
      local: await openApp(browser, harness.url, `?app=${app}&participants=1&local=1`, "local"),
      remote: await openApp(browser, harness.url, `?app=${app}&participants=1`, "remote"),
    };
    const samples: Record<Mode, number[]> = { local: [], remote: [] };
    await bounded(
      "calls, local vs remote",
      300_000,
      (async () => {
        for (let r = 0; r < WARMUP + ROUNDS; r++) {
          const order = r % 2 === 0 ? MODES : [...MODES].reverse();
          for (const mode of order) {
            const got = await timeCalls(frames[mode], CALLS, BATCH);
            if (r >= WARMUP) samples[mode].push(...got);
          }
        }
      })(),
    );
    const local = summarize(samples.local);
    const remote = summarize(samples.remote);
    const toLocal = Math.round((remote.p50 / local.p50) * 100) / 100;
    const paired = pairedRatio(samples.remote, samples.local, CALLS);
    console.log(
      `\na call through the meeting server vs the in-page path (wemeet.app.getRunningContext() from the host's app frame of a harness page; ${ROUNDS} interleaved rounds x ${CALLS} samples of ${BATCH} calls per mode, ${WARMUP} warm-up rounds)`,
    );
    console.log("  mode     p50 ms/call  p99 ms/call  mean ms/call");
    for (const [mode, s] of [
      ["local", local],
      ["remote", remote],
    ] as const)
      console.log(
        `  ${mode.padEnd(8)} ${s.p50.toFixed(3).padStart(11)}  ${s.p99.toFixed(3).padStart(11)}  ${s.mean.toFixed(3).padStart(12)}`,
      );
    console.log(
      `  remote / local: ${toLocal.toFixed(2)}x (p50), ${paired.toFixed(2)}x (paired)   (local: ?local=1, the in-page simulator; remote: the page forwards to the harness server's meeting)`,
    );
    const seconds = Math.round((performance.now() - t0) / 100) / 10;
    console.log(`  (remote part ran ${seconds} s)`);
    console.log(
      JSON.stringify({
        remoteCalls: {
          rounds: ROUNDS,
          samples: CALLS,
          batch: BATCH,
          local,
          remote,
          toLocal,
          paired,
        },
        seconds,
      }),
    );
  } finally {
    await browser.close();
    await harness.close();
    await apps.close();
    assets.remove();
  }
}

await main();
