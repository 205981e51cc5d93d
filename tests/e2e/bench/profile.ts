/**
 * `pnpm bench:profile`: where the time of a full-stack call goes. Runs only the Yiqi round trip
 * (`wemeet.collaboration.getContext()`) with the V8 sampling profiler on in the app frame and
 * in the host page, and prints each side's functions by self time.
 *
 * @module
 */
import { chromium, type Frame, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../src/chromium.ts";
import type { BenchAppApi, BenchHostApi, BenchMode } from "../src/pageApi.ts";
import { startTestServer } from "../src/server.ts";

type Win = typeof globalThis & { benchApp: BenchAppApi; benchHost: BenchHostApi };

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const CALLS = Number(process.env.PROFILE_CALLS ?? 5000);
const MODE = (process.env.PROFILE_MODE ?? "yiqi") as BenchMode;

/** Self time by function, top `n`, as printable lines. */
function topSelf(nodes: ProfileNode[], n: number): string[] {
  const total = nodes.reduce((s, x) => s + (x.hitCount ?? 0), 0) || 1;
  const by = new Map<string, number>();
  for (const node of nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split("/").pop() ?? "";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    by.set(key, (by.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  return [...by.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
}

async function profiled<T>(target: Page | Frame, page: Page, run: () => Promise<T>) {
  const cdp = await page.context().newCDPSession(target);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
  await cdp.send("Profiler.start");
  return {
    result: await run(),
    stop: async (): Promise<ProfileNode[]> =>
      ((await cdp.send("Profiler.stop")) as { profile: { nodes: ProfileNode[] } }).profile.nodes,
  };
}

const server = await startTestServer({ isolated: true });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage();
  await page.goto(server.hostUrl("bench-host.html"));
  await page.waitForFunction(() => "benchHost" in globalThis);
  const url = new URL(server.appUrl("bench-app.html"));
  url.searchParams.set("host", server.hostOrigin);
  await page.evaluate((u) => (globalThis as Win).benchHost.setup(u, 1), url.href);
  const app = page.frames().find((f) => f.url().startsWith(server.appOrigin)) as Frame;
  await app.evaluate(() => (globalThis as Win).benchApp.ready());
  const opts = { rounds: 1, calls: CALLS, warmupRounds: 1, modes: [MODE] };
  const hostSide = await profiled(page, page, async () => undefined);
  const appSide = await profiled(app, page, () =>
    app.evaluate((o) => (globalThis as Win).benchApp.run(o), opts),
  );
  const appNodes = await appSide.stop();
  const hostNodes = await hostSide.stop();
  const took = appSide.result[MODE];
  const mean = took.reduce((a, b) => a + b, 0) / took.length;
  console.log(`app frame, ${CALLS} ${MODE} round trips (mean ${mean.toFixed(3)} ms), self time:`);
  console.log(topSelf(appNodes, 25).join("\n"));
  console.log("\nhost page, self time:");
  console.log(topSelf(hostNodes, 25).join("\n"));
} finally {
  await browser.close();
  await server.close();
}
