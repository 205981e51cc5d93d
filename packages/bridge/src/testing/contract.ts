/**
 * The bridge contract: one list of cases that every transport must pass (MessageChannel in Node
 * and Deno, real cross-site iframes in Chromium). A case runs on the app side against a host
 * that serves {@link TestApi}; the runtime supplies `connect` and `rawHandshake`. The modules use
 * no test framework so the same cases run under node:test, Deno and in a browser page.
 *
 * @module
 */
import { attackCases } from "./attackCases.ts";
import { callCases } from "./callCases.ts";
import { compactCases } from "./compactCases.ts";
import { lifecycleCases } from "./lifecycleCases.ts";
import { onewayCases } from "./onewayCases.ts";
import type { ContractCase } from "./testApi.ts";

export { ContractFailure, expectBridgeError, expectEqual } from "./expect.ts";
export { rawCall, rawHandshakeOver, thrownCode } from "./raw.ts";
export {
  CONTRACT_NAMESPACE,
  type ContractCase,
  type ContractContext,
  type HostSetup,
  type TestApi,
  testApi,
} from "./testApi.ts";

/** Every contract case, in order: calls, lifecycle, attacks, one-way, compact wire. */
export const contractCases: readonly ContractCase[] = [
  ...callCases,
  ...lifecycleCases,
  ...attackCases,
  ...onewayCases,
  ...compactCases,
];
