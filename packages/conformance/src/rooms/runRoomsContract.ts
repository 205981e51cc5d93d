/**
 * The framework-free runner of the Rooms control API contract: point it at any endpoint (the
 * emulator, a real device) with a URL and password. The cases run on a `ContractRunner`;
 * results are printed by `formatCaseResult`.
 *
 * @module
 */
import type { WebSocketConstructorLike } from "@yiqi/rooms-rpc";
import { ContractRunner } from "./ContractRunner.ts";
import { roomsContractCases } from "./cases.ts";
import { type CaseResult, contractReport, type RoomsContractReport } from "./formatCaseResult.ts";
import type { RoomsContractOptions } from "./RoomsContractOptions.ts";
import { runRequestCase } from "./runRequestCase.ts";

export {
  type CaseResult,
  formatCaseResult,
  type RoomsContractReport,
} from "./formatCaseResult.ts";
export type { RoomsContractOptions } from "./RoomsContractOptions.ts";

/**
 * Runs the contract against an endpoint and resolves to a report; never throws for a failing
 * device (every problem becomes a failed case), never skips a case.
 *
 * @example
 * ```ts
 * import { runRoomsContract, formatCaseResult } from "@yiqi/conformance";
 * import { WebSocket } from "@yiqi/rooms-rpc/node";
 *
 * const report = await runRoomsContract({
 *   url: "ws://127.0.0.1:6295",
 *   password: "123456",
 *   WebSocket,
 *   onResult: (r) => console.log(formatCaseResult(r)),
 * });
 * console.log(report.summary); // "52 passed, 0 failed"
 * ```
 */
export async function runRoomsContract(
  options: RoomsContractOptions,
): Promise<RoomsContractReport> {
  const WS =
    options.WebSocket ??
    (globalThis as unknown as { WebSocket?: WebSocketConstructorLike }).WebSocket;
  const cases = options.cases ?? roomsContractCases;
  const results: CaseResult[] = [];
  const record = (r: CaseResult): void => {
    results.push(r);
    options.onResult?.(r);
  };
  if (!WS) {
    for (const c of cases)
      record({
        name: c.name,
        ok: false,
        problem: "no WebSocket implementation: pass options.WebSocket",
        decision: c.decision === true,
        ms: 0,
      });
    return contractReport(results);
  }
  const runner = new ContractRunner(options, WS);
  let openProblem: string | undefined;
  try {
    await runner.openMain();
  } catch (e) {
    openProblem = `cannot connect to ${options.url}: ${(e as Error).message}`;
  }
  for (const c of cases) {
    const started = Date.now();
    let problem = openProblem;
    if (!problem) {
      try {
        if ("run" in c) await c.run(runner);
        else await runRequestCase(runner, c);
      } catch (e) {
        problem = (e as Error).message;
      }
    }
    record({
      name: c.name,
      ok: problem === undefined,
      ...(problem !== undefined ? { problem } : {}),
      decision: c.decision === true,
      ms: Date.now() - started,
    });
  }
  await runner.cleanup();
  return contractReport(results);
}
