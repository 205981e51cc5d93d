/**
 * `bench-host.html`: the host page of the benchmarks. Embeds N cross-site app frames, serves
 * each through the meeting simulator (`@yiqi/mock-host`'s `attachApp`, participant i+1, with a
 * collaboration session started by p1: the full Yiqi stack), gives each frame a raw echo port,
 * a plain comlink port and a bare `@yiqi/bridge` host (both serving the scripted wemeet API), a
 * clock port and a raw fan-out port, and emits events for the fan-out benchmark, each followed
 * by the same payload on the raw ports (its floor); the events carry delivery ids as the
 * simulator's do, so the clients' handling notices are part of the fan-out. Installs
 * `window.benchHost`.
 *
 * @module
 */
import { type BridgeHost, createHost, type HostTransport, windowHostTransport } from "@yiqi/bridge";
import { RoleType, WEMEET_EVENT } from "@yiqi/jsapi";
import { attachApp, createMeeting } from "@yiqi/mock-host";
import { expose } from "comlink";
import type { BenchHostApi } from "../pageApi.ts";
import { addFrames, frameLoaded } from "./harness.ts";
import { type AttachWemeet, scriptedWemeetApi } from "./wemeetHost.ts";

const meeting = createMeeting({ seed: "bench", clock: { now: () => Date.now() } });
/** Serves the simulator to frame `index` as participant `p{index+1}` (p1 is the host). */
const attachWemeet: AttachWemeet = (iframe, index) => {
  const p = meeting.addParticipant({
    nickname: `P${index + 1}`,
    role: index === 0 ? RoleType.HOST : RoleType.ATTENDEE,
  });
  meeting.ui.openApp(p.id, iframe.src);
  return attachApp({ meeting, participantId: p.id, transport: windowHostTransport(iframe) }).host;
};
const epochNow = (): number => performance.timeOrigin + performance.now();
const hosts: BridgeHost[] = [];
const clocks: MessagePort[] = [];
const fans: MessagePort[] = [];
/** Delivery ids of the fan-out's events, far above the simulator's own trace numbers. */
let eventSeq = 1_000_000;

/** The host side of a bridge handshake over a port given to the frame at `origin`. */
function portHostTransport(port: MessagePort, origin: string): HostTransport {
  port.start();
  return {
    defaultOrigins: [origin],
    listen(handler) {
      const l = (e: MessageEvent): void =>
        handler({ data: e.data, origin, fromPeer: true, ports: [...e.ports] });
      port.addEventListener("message", l);
      return () => port.removeEventListener("message", l);
    },
    reply: (_origin, data, transfer = []) => port.postMessage(data, transfer),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Gives the frame its benchmark ports: raw echo, plain comlink, clock, bridge, raw fan-out. */
function givePorts(iframe: HTMLIFrameElement): void {
  const origin = new URL(iframe.src).origin;
  const raw = new MessageChannel();
  raw.port1.onmessage = (e) => raw.port1.postMessage(e.data);
  const plain = new MessageChannel();
  expose(scriptedWemeetApi(), plain.port1);
  const clock = new MessageChannel();
  clocks.push(clock.port1);
  const bridge = new MessageChannel();
  createHost({
    transport: portHostTransport(bridge.port1, origin),
    namespace: "yiqi.bench",
    expose: () => scriptedWemeetApi(),
  });
  const fan = new MessageChannel();
  fans.push(fan.port1);
  iframe.contentWindow?.postMessage({ kind: "yiqi-bench-ports" }, origin, [
    raw.port2,
    plain.port2,
    clock.port2,
    bridge.port2,
    fan.port2,
  ]);
}

/** One clock ping: the frame's clock minus this page's, and the round trip, in ms. */
function ping(port: MessagePort, id: number): Promise<{ offset: number; rtt: number }> {
  return new Promise((resolve) => {
    const t0 = epochNow();
    port.onmessage = (e: MessageEvent<{ id: number; t: number }>) => {
      if (e.data.id !== id) return;
      const t2 = epochNow();
      resolve({ offset: e.data.t - (t0 + t2) / 2, rtt: t2 - t0 });
    };
    port.postMessage(id);
  });
}

const api: BenchHostApi = {
  async setup(url: string, count: number): Promise<boolean> {
    const frames = addFrames(
      Array.from({ length: count }, () => url),
      { idPrefix: "app", allow: "cross-origin-isolated" },
    );
    for (const [i, iframe] of frames.entries()) hosts.push(attachWemeet(iframe, i));
    await Promise.all(frames.map(frameLoaded));
    for (const iframe of frames) givePorts(iframe);
    while (hosts.some((h) => !h.connection)) await sleep(10);
    // A live session, so getContext answers with it (the round trip the benchmark times).
    const started = await meeting.ui.clickStart("p1");
    if (!started.ok) throw new Error(`the bench session did not start: ${started.error.errMsg}`);
    return crossOriginIsolated;
  },
  async clockOffsets(pings: number): Promise<{ offset: number; rtt: number }[]> {
    const out: { offset: number; rtt: number }[] = [];
    for (const port of clocks) {
      let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
      for (let i = 0; i < pings; i++) {
        const p = await ping(port, i);
        if (p.rtt < best.rtt) best = p;
      }
      out.push(best);
    }
    return out;
  },
  async fanout(deliveries: number, gapMs: number, withIds = true): Promise<number> {
    /** Delivery d's `collaboration-change` payload, stamped now (the same on both paths). */
    const payloadOf = (d: number) => ({
      action: "start",
      activeId: `active-${d}`,
      msOpenId: "ms-alice",
      timestamp: epochNow(),
    });
    const yiqi = (d: number): void => {
      const payload = payloadOf(d);
      // As the simulator sends them: with a delivery id, so each client answers with a
      // `handled` notice (decision 0306) and the fan-out pays for it. The simulator refuses
      // the notice (the id is not one of its deliveries) at the same cost as it takes one.
      for (const host of hosts)
        host.connection?.emit(
          WEMEET_EVENT,
          withIds
            ? { id: ++eventSeq, name: "collaboration-change", payload }
            : { name: "collaboration-change", payload },
        );
    };
    const raw = (d: number): void => {
      const floor = payloadOf(d);
      for (const port of fans) port.postMessage(floor);
    };
    for (let d = 0; d < deliveries; d++) {
      // Delivery d of each path back to back, the order alternating, so neither path always
      // runs right after the other's work (e.g. the clients' notices, held and sent later).
      const [first, second] = d % 2 === 0 ? [yiqi, raw] : [raw, yiqi];
      first(d);
      await sleep(gapMs);
      second(d);
      await sleep(gapMs);
    }
    return deliveries;
  },
};

(globalThis as unknown as { benchHost: BenchHostApi }).benchHost = api;
