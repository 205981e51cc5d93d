/**
 * `contract-app.html`: the legitimate app frame of the contract and attack suites. Builds the
 * contract's `ContractContext` over the real window transport (host origin from `?host=`) and
 * installs `window.contractApp`.
 *
 * @module
 */
import { BridgeError, connectToHost, windowAppTransport } from "@yiqi/bridge";
import {
  CONTRACT_NAMESPACE,
  type ContractContext,
  contractCases,
  rawHandshakeOver,
  type TestApi,
} from "../contract.ts";
import type { CaseResult, ContractAppApi } from "../pageApi.ts";

const hostOrigin = new URLSearchParams(location.search).get("host") ?? "";

const ctx: ContractContext = {
  hostOrigin,
  appOrigin: location.origin,
  connect: (o = {}) =>
    connectToHost<TestApi>({
      transport: windowAppTransport({ hostOrigin: o.hostOrigin ?? hostOrigin }),
      namespace: o.namespace ?? CONTRACT_NAMESPACE,
      protocol: o.protocol ?? 1,
      ...(o.timeout === undefined ? {} : { timeout: o.timeout }),
      ...(o.callTimeout === undefined ? {} : { callTimeout: o.callTimeout }),
      ...(o.signal === undefined ? {} : { signal: o.signal }),
    }),
  rawHandshake: () => rawHandshakeOver(windowAppTransport({ hostOrigin })),
};

const explain = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error);

const codeOf = (error: unknown): string =>
  error instanceof BridgeError ? error.code : `not a BridgeError: ${explain(error)}`;

/** RPC envelopes a page might post before (or instead of) a handshake. */
const strayMessages = (): unknown[] => {
  const env = (msg: unknown): unknown => ({
    bridge: "yiqi",
    ns: CONTRACT_NAMESPACE,
    v: 1,
    kind: "rpc",
    msg,
  });
  return [
    env({ id: "e1", type: "APPLY", path: ["add"], argumentList: [] }),
    env({
      id: "e2",
      type: "SET",
      path: ["__proto__", "polluted"],
      value: { type: "RAW", value: 1 },
    }),
    env(JSON.parse('{"id":"e3","type":"APPLY","path":["add"],"__proto__":{"polluted":1}}')),
    JSON.parse('{"__proto__":{"polluted":1},"bridge":"yiqi","kind":"hello"}'),
    { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "close", reason: "stray" },
    { bridge: "yiqi", ns: CONTRACT_NAMESPACE, v: 1, kind: "welcome", nonce: "x", info: null },
  ];
};

const api: ContractAppApi = {
  async runCase(name: string): Promise<CaseResult> {
    const c = contractCases.find((x) => x.name === name);
    if (!c) return { ok: false, message: `no contract case named ${JSON.stringify(name)}` };
    try {
      await c.run(ctx);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: explain(error) };
    }
  },
  async connect(timeout = 2000) {
    try {
      const conn = await ctx.connect({ timeout });
      const whoami = await conn.remote.whoami();
      conn.close();
      return { ok: true, whoami };
    } catch (error) {
      return { ok: false, code: codeOf(error) };
    }
  },
  postWithoutHandshake(count: number): number {
    const messages = strayMessages();
    for (let i = 0; i < count; i++) parent.postMessage(messages[i % messages.length], hostOrigin);
    return count;
  },
  async keepCalling(ms: number) {
    const conn = await ctx.connect();
    const failed: string[] = [];
    let ok = 0;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      try {
        if ((await conn.remote.add(ok, 1)) === ok + 1) ok++;
        else failed.push("wrong sum");
      } catch (error) {
        failed.push(codeOf(error));
      }
    }
    conn.close();
    return { ok, failed };
  },
};

(globalThis as unknown as { contractApp: ContractAppApi }).contractApp = api;
