/**
 * `bench-app.html`: the app frame of the benchmarks. Receives five ports from the host page
 * (raw echo, plain comlink, clock, a handshake port for a bare `@yiqi/bridge` connection, raw
 * fan-out), connects `@yiqi/jsapi` to the host's wemeet host, and installs `window.benchApp`,
 * which times calls with `performance.now()` in this frame.
 *
 * @module
 */
import { type AppTransport, type Connection, connectToHost } from "@yiqi/bridge";
import { connectWemeet } from "@yiqi/jsapi";
import { type Remote, wrap } from "comlink";
import type { BenchAppApi, BenchMode, FanoutDeliveries } from "../pageApi.ts";

const hostOrigin = new URLSearchParams(location.search).get("host") ?? "";
const wemeet = connectWemeet({ hostOrigin });
const epochNow = (): number => performance.timeOrigin + performance.now();

type ContextApi = { collaborationGetContext(): Promise<unknown> };

/** The app side of a bridge handshake over a port the host page gave this frame. */
function portAppTransport(port: MessagePort): AppTransport {
  port.start();
  return {
    hostLabel: "the bench host page",
    hostOrigin,
    send: (data) => port.postMessage(data),
    listen(handler) {
      const l = (e: MessageEvent): void =>
        handler({ data: e.data, origin: hostOrigin, fromPeer: true, ports: [...e.ports] });
      port.addEventListener("message", l);
      return () => port.removeEventListener("message", l);
    },
  };
}

const deliveries: FanoutDeliveries = { yiqi: [], raw: [] };
let raw: MessagePort | undefined;
let comlinkRemote: Remote<ContextApi> | undefined;
let bridge: Connection<ContextApi> | undefined;
let answer: ((value: unknown) => void) | undefined;
const ready = new Promise<void>((resolve, reject) => {
  addEventListener("message", (event: MessageEvent) => {
    if (event.source !== parent || event.origin !== hostOrigin) return;
    if ((event.data as { kind?: unknown })?.kind !== "yiqi-bench-ports") return;
    const [rawPort, comlinkPort, clockPort, bridgePort, fanPort] = event.ports;
    if (!rawPort || !comlinkPort || !clockPort || !bridgePort || !fanPort) return;
    raw = rawPort;
    raw.onmessage = (e) => answer?.(e.data);
    comlinkRemote = wrap(comlinkPort);
    clockPort.onmessage = (e) => clockPort.postMessage({ id: e.data, t: epochNow() });
    fanPort.onmessage = (e: MessageEvent<{ timestamp: number }>) =>
      deliveries.raw.push(epochNow() - e.data.timestamp);
    connectToHost<ContextApi>({ transport: portAppTransport(bridgePort), namespace: "yiqi.bench" })
      .then((c) => {
        bridge = c;
        resolve();
      })
      .catch(reject);
  });
});

const calls: Record<BenchMode, () => Promise<unknown>> = {
  raw: () =>
    new Promise((resolve) => {
      answer = resolve;
      raw?.postMessage("ping");
    }),
  comlink: () => (comlinkRemote as NonNullable<typeof comlinkRemote>).collaborationGetContext(),
  bridge: () => (bridge as NonNullable<typeof bridge>).remote.collaborationGetContext(),
  yiqi: () => wemeet.collaboration.getContext(),
};

wemeet.addEventListener("collaboration-change", (payload) => {
  // Only the benchmark's own deliveries (the simulator's real session start is not one).
  if (payload.activeId.startsWith("active-")) deliveries.yiqi.push(epochNow() - payload.timestamp);
});

const api: BenchAppApi = {
  async ready(): Promise<boolean> {
    await ready;
    await wemeet.collaboration.getContext();
    return crossOriginIsolated;
  },
  async run({
    rounds,
    calls: perRound,
    warmupRounds,
    modes = ["raw", "comlink", "bridge", "yiqi"],
  }) {
    await api.ready();
    const samples: Record<BenchMode, number[]> = { raw: [], comlink: [], bridge: [], yiqi: [] };
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
  deliveries: () => ({ yiqi: [...deliveries.yiqi], raw: [...deliveries.raw] }),
};

(globalThis as unknown as { benchApp: BenchAppApi }).benchApp = api;
