/**
 * The bridge contract suite, re-exported from `@yiqi/bridge`'s source (it is not part of the
 * package build), so specs and pages import it from one place.
 *
 * @module
 */
export {
  CONTRACT_NAMESPACE,
  type ContractCase,
  type ContractContext,
  contractCases,
  type HostSetup,
  rawHandshakeOver,
  type TestApi,
  testApi,
} from "../../../packages/bridge/src/testing/contract.ts";
