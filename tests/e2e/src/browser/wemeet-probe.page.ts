/**
 * The "app" part of `static/wemeet-app.html`: uses the `window.wemeet` that the classic SDK
 * script installed, the way an unmodified app does, calling at once (before any handshake can
 * have completed) and listening to `collaboration-change`. Installs `window.wemeetProbe`.
 *
 * @module
 */
import type { CollaborationChangeEvent, Wemeet } from "@yiqi/jsapi";
import type { WemeetProbeApi, WemeetProbeResult } from "../pageApi.ts";

const wemeet = (globalThis as { wemeet?: Wemeet }).wemeet;
const started = performance.now();
let settled = false;
const events: CollaborationChangeEvent[] = [];

const early: Promise<WemeetProbeResult> = wemeet
  ? wemeet.collaboration.getContext().then(
      (value): WemeetProbeResult => ({ ok: true, value, ms: performance.now() - started }),
      (error: { code?: string; errCode?: number; errMsg?: string }): WemeetProbeResult => ({
        ok: false,
        code: String(error.code),
        errCode: Number(error.errCode),
        message: String(error.errMsg),
        ms: performance.now() - started,
      }),
    )
  : Promise.resolve({ ok: false, code: "NO_WEMEET", errCode: 0, message: "", ms: 0 });
void early.then(() => {
  settled = true;
});
wemeet?.addEventListener("collaboration-change", (payload) => events.push(payload));

const probe: WemeetProbeApi = {
  hasWemeet: typeof wemeet === "object" && wemeet !== null,
  early: () => early,
  settled: () => settled,
  events: () => [...events],
  getContext: () => (wemeet as Wemeet).collaboration.getContext(),
};
(globalThis as unknown as { wemeetProbe: WemeetProbeApi }).wemeetProbe = probe;
