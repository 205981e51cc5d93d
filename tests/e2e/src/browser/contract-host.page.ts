/**
 * `contract-host.html`: the host page of the bridge contract and attack suites. It attaches
 * one app frame (`#app`) with a `createHost` serving the contract `testApi`, set up as the case
 * asks, and can add more (hostile) frames beside it. Installs `window.contractHost`.
 *
 * @module
 */
import { type BridgeHost, createHost, windowHostTransport } from "@yiqi/bridge";
import { CONTRACT_NAMESPACE, contractCases, type TestApi, testApi } from "../contract.ts";
import type { ContractHostApi, HostState } from "../pageApi.ts";
import { addFrame, frameLoaded, pageErrors, prototypeIsClean } from "./harness.ts";

let host: BridgeHost | undefined;
const trace: Record<string, number> = {};
const refused: string[] = [];

/** The app URL, told where its host is (`?host=` this page's origin). */
const withHost = (url: string): string => {
  const u = new URL(url);
  u.searchParams.set("host", location.origin);
  return u.href;
};

const api: ContractHostApi = {
  async start({ caseName, appUrl, otherOrigin, allowedOrigins }): Promise<void> {
    const setup = contractCases.find((c) => c.name === caseName)?.host ?? {};
    if (caseName !== undefined && !contractCases.some((c) => c.name === caseName))
      throw new Error(`no contract case named ${JSON.stringify(caseName)}`);
    const iframe = addFrame(withHost(appUrl), { id: "app" });
    const allowed =
      allowedOrigins ?? (setup.allowedOrigins === "other" ? [otherOrigin] : undefined);
    host = createHost<TestApi>({
      transport: windowHostTransport(iframe),
      namespace: setup.namespace ?? CONTRACT_NAMESPACE,
      protocol: setup.protocol ?? 1,
      ...(allowed ? { allowedOrigins: allowed } : {}),
      ...(setup.maxMessageBytes ? { maxMessageBytes: setup.maxMessageBytes } : {}),
      ...(setup.oneway === false ? { oneway: false } : {}),
      ...(setup.maxOneWayPerSecond ? { maxOneWayPerSecond: setup.maxOneWayPerSecond } : {}),
      expose: testApi,
      trace: (e) => {
        trace[e.kind] = (trace[e.kind] ?? 0) + 1;
      },
      onError: (e) => refused.push(e.code),
    });
    await frameLoaded(iframe);
  },
  async addFrame(url: string, id: string): Promise<void> {
    await frameLoaded(addFrame(withHost(url), { id }));
  },
  state(): HostState {
    return {
      ignoredCount: host?.ignoredCount ?? 0,
      connectionId: host?.connection?.id ?? null,
      connectionOrigin: host?.connection?.origin ?? null,
      trace: { ...trace },
      refused: [...refused],
      prototypeClean: prototypeIsClean(),
      errors: [...pageErrors],
    };
  },
};

(globalThis as unknown as { contractHost: ContractHostApi }).contractHost = api;
