/**
 * The Rooms control API contract suite: data-driven cases and a framework-free runner.
 *
 * @module
 */
export {
  type Expectation,
  type Given,
  type RequestCase,
  type RoomsCase,
  roomsContractCases,
  type ScriptCase,
} from "./cases.ts";
export type { CaseContext } from "./context.ts";
export {
  type CaseResult,
  formatCaseResult,
  type RoomsContractOptions,
  type RoomsContractReport,
  runRoomsContract,
} from "./runRoomsContract.ts";
export { type CloseInfo, type Frame, HandshakeRefused, WireSession } from "./WireSession.ts";
