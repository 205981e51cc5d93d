/**
 * `pnpm bench:profile`: where the time of a call goes. Runs each mode's round trips
 * (`PROFILE_MODES`, default `comlink,bridge,yiqi`) with the V8 sampling profiler on in the app
 * frame and in the host page; prints per mode the JavaScript time per call on each side (self
 * time without idle, the profiler's "(program)", GC and the native `postMessage`), then each
 * side's functions by self time for the last mode.
 *
 * @module
 */
import { chromium, type Frame, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import type { BenchMode } from "../src/pageApi.ts";
import { startTestServer } from "../src/server.ts";
import { type BenchWin, openBenchHost } from "./benchHost.ts";

type Win = BenchWin;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

const CALLS = Number(process.env.PROFILE_CALLS ?? 5000);
const MODES = (process.env.PROFILE_MODES ?? process.env.PROFILE_MODE ?? "comlink,bridge,yiqi")
  .split(",")
  .map((m) => m.trim()) as BenchMode[];
const NOT_JS = new Set(["(idle)", "(program)", "(garbage collector)", "(root)"]);

const keyOf = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${url.split("/").pop() ?? ""}:${lineNumber + 1}`;
};

/** Self time by function, top `n`, as printable lines. */
function topSelf(nodes: ProfileNode[], n: number): string[] {
  const total = nodes.reduce((s, x) => s + (x.hitCount ?? 0), 0) || 1;
  const by = new Map<string, number>();
  for (const node of nodes) by.set(keyOf(node), (by.get(keyOf(node)) ?? 0) + (node.hitCount ?? 0));
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

/** Microseconds per call of JavaScript self time (and of the native postMessage) in `p`. */
function perCall(p: Profile, calls: number): { js: number; postMessage: number } {
  const total = p.nodes.reduce((s, x) => s + (x.hitCount ?? 0), 0) || 1;
  const us = (p.endTime - p.startTime) / total; // per sample
  let js = 0;
  let post = 0;
  for (const node of p.nodes) {
    const name = node.callFrame.functionName;
    const hits = node.hitCount ?? 0;
    if (name === "postMessage" && node.callFrame.url === "") post += hits;
    else if (!NOT_JS.has(name)) js += hits;
  }
  const r = (x: number): number => Math.round(((x * us) / calls) * 10) / 10;
  return { js: r(js), postMessage: r(post) };
}

async function profiler(target: Page | Frame, page: Page) {
  const cdp = await page.context().newCDPSession(target);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  return async (): Promise<Profile> =>
    ((await cdp.send("Profiler.stop")) as { profile: Profile }).profile;
}

const server = await startTestServer({ isolated: true });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await openBenchHost(browser, server, 1);
  const app = page.frames().find((f) => f.url().startsWith(server.appOrigin)) as Frame;
  await app.evaluate(() => (globalThis as Win).benchApp.ready());
  console.log(`${CALLS} round trips per mode; microseconds per call (sampling profiler on):`);
  console.log("  mode        mean   app JS  app postMessage   host JS  host postMessage");
  let last: { app: Profile; host: Profile } | undefined;
  for (const mode of MODES) {
    const opts = { rounds: 1, calls: CALLS, warmupRounds: 1, modes: [mode] };
    const stopHost = await profiler(page, page);
    const stopApp = await profiler(app, page);
    const took = (await app.evaluate((o) => (globalThis as Win).benchApp.run(o), opts))[mode];
    const profiles = { app: await stopApp(), host: await stopHost() };
    last = profiles;
    const mean = (1000 * took.reduce((a, b) => a + b, 0)) / took.length;
    // Both profiles also cover the warm-up round.
    const a = perCall(profiles.app, 2 * CALLS);
    const h = perCall(profiles.host, 2 * CALLS);
    console.log(
      `  ${mode.padEnd(8)} ${mean.toFixed(1).padStart(7)}  ${String(a.js).padStart(7)}  ${String(a.postMessage).padStart(15)}  ${String(h.js).padStart(8)}  ${String(h.postMessage).padStart(16)}`,
    );
  }
  if (last) {
    console.log(`\napp frame, ${MODES.at(-1)}, self time:`);
    console.log(topSelf(last.app.nodes, 25).join("\n"));
    console.log(`\nhost page, ${MODES.at(-1)}, self time:`);
    console.log(topSelf(last.host.nodes, 25).join("\n"));
  }
} finally {
  await browser.close();
  await server.close();
}
