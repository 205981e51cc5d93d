/**
 * `hostile.html`: a frame that attacks, served at any origin (the app's, as a same-origin
 * sibling, or a third site). Installs `window.hostile`. The host origin comes from `?host=`.
 *
 * @module
 */
import { CONTRACT_NAMESPACE } from "../contract.ts";
import type { HostileApi } from "../pageApi.ts";

const hostOrigin = new URLSearchParams(location.search).get("host") ?? "";
const base = { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1 } as const;

const junk = (i: number): unknown => {
  switch (i % 8) {
    case 0:
      return { ...base, kind: "hello", nonce: `flood${i}` };
    case 1:
      return { ...base, kind: "rpc", msg: { id: `f${i}`, type: "APPLY", path: ["add"] } };
    case 2:
      return JSON.parse('{"__proto__":{"polluted":1},"bridge":"yiqi","kind":"hello","nonce":"p"}');
    case 3:
      return {
        ...base,
        kind: "rpc",
        msg: {
          id: `s${i}`,
          type: "SET",
          path: ["__proto__", "polluted"],
          value: { type: "RAW", value: 1 },
        },
      };
    case 4:
      return { ...base, kind: "hello", nonce: "x".repeat(10_000) };
    case 5:
      return { ...base, kind: "close", reason: "hostile" };
    case 6:
      return null;
    default:
      return "x".repeat(1024);
  }
};

const api: HostileApi = {
  helloAsApp(count: number, waitMs: number) {
    let welcomes = 0;
    let rejects = 0;
    addEventListener("message", (e: MessageEvent) => {
      const kind = (e.data as { kind?: unknown } | null)?.kind;
      if (kind === "welcome" || e.ports.length > 0) welcomes++;
      if (kind === "reject") rejects++;
    });
    for (let i = 0; i < count; i++)
      parent.postMessage({ ...base, kind: "hello", nonce: `sibling${i}` }, hostOrigin);
    return new Promise((resolve) => setTimeout(() => resolve({ welcomes, rejects }), waitMs));
  },
  flood(count: number): number {
    for (let i = 0; i < count; i++) parent.postMessage(junk(i), hostOrigin);
    return count;
  },
  impersonateHost(index: number, count: number): number {
    const target = parent.frames[index];
    if (!target) throw new Error(`no frame ${index} beside this one`);
    for (let i = 0; i < count; i++) {
      const { port2 } = new MessageChannel();
      // "*" on purpose: an attacker does not care who receives it.
      target.postMessage({ ...base, kind: "welcome", nonce: `n${i}`, info: "fake" }, "*", [port2]);
      target.postMessage(
        { ...base, kind: "reject", nonce: `n${i}`, code: "ORIGIN_REJECTED", message: "fake" },
        "*",
      );
    }
    return count;
  },
};

(globalThis as unknown as { hostile: HostileApi }).hostile = api;
