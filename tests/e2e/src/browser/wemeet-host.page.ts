/**
 * `wemeet-host.html`: a host page that embeds N app frames and attaches a wemeet host to each
 * (the scripted one; see `wemeetHost.ts` to swap in the simulator). Installs
 * `window.wemeetHost`.
 *
 * @module
 */
import type { BridgeHost } from "@yiqi/bridge";
import { WEMEET_EVENT } from "@yiqi/jsapi";
import type { WemeetHostPageApi } from "../pageApi.ts";
import { addFrames, frameLoaded } from "./harness.ts";
import { type AttachWemeet, scriptedAttach } from "./wemeetHost.ts";

const calls: string[] = [];
const attachWemeet: AttachWemeet = scriptedAttach({ onCall: (m) => calls.push(m) });
let frames: HTMLIFrameElement[] = [];
const hosts: (BridgeHost | undefined)[] = [];

const api: WemeetHostPageApi = {
  async addApps(url: string, count: number): Promise<void> {
    frames = addFrames(
      Array.from({ length: count }, () => url),
      { idPrefix: "app" },
    );
    await Promise.all(frames.map(frameLoaded));
  },
  attach(index?: number): void {
    frames.forEach((iframe, i) => {
      if ((index === undefined || index === i) && !hosts[i]) hosts[i] = attachWemeet(iframe, i);
    });
  },
  emit(name: string, payload: unknown, index?: number): number {
    let sent = 0;
    hosts.forEach((host, i) => {
      const conn = host?.connection;
      if ((index === undefined || index === i) && conn && !conn.isClosed) {
        conn.emit(WEMEET_EVENT, { name, payload });
        sent++;
      }
    });
    return sent;
  },
  calls: () => [...calls],
  connections: () => frames.map((_, i) => hosts[i]?.connection?.id ?? null),
};

(globalThis as unknown as { wemeetHost: WemeetHostPageApi }).wemeetHost = api;
