/**
 * `bench-app.html`: the app frame of the benchmarks. Receives three ports from the host page
 * (raw echo, plain comlink, clock), connects `@yiqi/jsapi` to the host's wemeet host, and
 * installs `window.benchApp`, which times calls with `performance.now()` in this frame.
 *
 * @module
 */
import { connectWemeet } from "@yiqi/jsapi";
import { type Remote, wrap } from "comlink";
import type { BenchAppApi, BenchMode } from "../pageApi.ts";

const hostOrigin = new URLSearchParams(location.search).get("host") ?? "";
const wemeet = connectWemeet({ hostOrigin });
const epochNow = (): number => performance.timeOrigin + performance.now();

let raw: MessagePort | undefined;
let comlinkRemote: Remote<{ collaborationGetContext(): Promise<unknown> }> | undefined;
let answer: ((value: unknown) => void) | undefined;
const ready = new Promise<void>((resolve) => {
  addEventListener("message", (event: MessageEvent) => {
    if (event.source !== parent || event.origin !== hostOrigin) return;
    if ((event.data as { kind?: unknown })?.kind !== "yiqi-bench-ports") return;
    const [rawPort, comlinkPort, clockPort] = event.ports;
    if (!rawPort || !comlinkPort || !clockPort) return;
    raw = rawPort;
    raw.onmessage = (e) => answer?.(e.data);
    comlinkRemote = wrap(comlinkPort);
    clockPort.onmessage = (e) => clockPort.postMessage({ id: e.data, t: epochNow() });
    resolve();
  });
});

const calls: Record<BenchMode, () => Promise<unknown>> = {
  raw: () =>
    new Promise((resolve) => {
      answer = resolve;
      raw?.postMessage("ping");
    }),
  comlink: () => (comlinkRemote as NonNullable<typeof comlinkRemote>).collaborationGetContext(),
  yiqi: () => wemeet.collaboration.getContext(),
};

const deliveries: number[] = [];
wemeet.addEventListener("collaboration-change", (payload) => {
  // Only the benchmark's own deliveries (the simulator's real session start is not one).
  if (payload.activeId.startsWith("active-")) deliveries.push(epochNow() - payload.timestamp);
});

const api: BenchAppApi = {
  async ready(): Promise<boolean> {
    await ready;
    await wemeet.collaboration.getContext();
    return crossOriginIsolated;
  },
  async run({ rounds, calls: perRound, warmupRounds, modes = ["raw", "comlink", "yiqi"] }) {
    await api.ready();
    const samples: Record<BenchMode, number[]> = { raw: [], comlink: [], yiqi: [] };
    for (let r = 0; r < warmupRounds + rounds; r++) {
      // Rotate the order each round, so drift and warm-up hit every mode alike.
      const order = modes.map((_, i) => modes[(i + r) % modes.length] as BenchMode);
      for (const mode of order) {
        const call = calls[mode];
        for (let i = 0; i < perRound; i++) {
          const t0 = performance.now();
          await call();
          const dt = performance.now() - t0;
          if (r >= warmupRounds) samples[mode].push(dt);
        }
      }
    }
    return samples;
  },
  async echo(payload: unknown, count: number): Promise<number[]> {
    await api.ready();
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await new Promise((resolve) => {
        answer = resolve;
        raw?.postMessage(payload);
      });
      samples.push(performance.now() - t0);
    }
    return samples;
  },
  deliveries: () => [...deliveries],
};

(globalThis as unknown as { benchApp: BenchAppApi }).benchApp = api;
