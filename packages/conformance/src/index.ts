/**
 * Contract suites and certification: the Rooms control API contract suite
 * (`runRoomsContract`), which runs against any endpoint given a URL and password, and the
 * certification core for 一起用 apps (cases, grades, expectations, reports; `src/cert`).
 *
 * @example
 * ```ts
 * import { runRoomsContract } from "@yiqi/conformance";
 *
 * const report = await runRoomsContract({ url: "ws://127.0.0.1:6295", password: "123456" });
 * console.log(report.summary); // "N passed, N failed"
 * ```
 * Named exports only: the helpers the modules share (escaping, time formatting, version
 * arithmetic) stay internal.
 *
 * @module
 */

// Certification core (src/cert).
export {
  type AppliedExpectations,
  applyExpectations,
  ciExitCode,
  type ExpectationChange,
  type ExpectationStatus,
  type ExpectedResult,
} from "./cert/applyExpectations.ts";
export {
  type CertCase,
  isProfile,
  PROFILES,
  Profile,
  SPEC_SECTION_TITLES,
  type SpecSection,
} from "./cert/CertCase.ts";
export {
  type CertCaseResult,
  type CertEvidence,
  type CertScreenshot,
  certResult,
  type Grading,
  MEETING_TRACE_KEY,
  type TraceExcerptEntry,
  type TraceExcerptOptions,
  traceExcerpt,
} from "./cert/CertCaseResult.ts";
export { CertError, type CertErrorCode } from "./cert/CertError.ts";
export {
  type CertRun,
  type CertRunExpectations,
  type CertRunInfo,
  type CertRunNetwork,
  type CertRunPhase,
  SPEC_REVISION,
} from "./cert/CertRun.ts";
export {
  type CasesForProfileOptions,
  casesForProfile,
  certCases,
  DIGEST_HOOK,
} from "./cert/certCases.ts";
export {
  computeVerdict,
  countGrades,
  type GradeCounts,
  type Verdict,
} from "./cert/computeVerdict.ts";
export {
  type HandlerErrorEvidence,
  type HandlingReport,
  handlingReports,
} from "./cert/eventHandling.ts";
export { explainVerdict } from "./cert/explainVerdict.ts";
export { formatPhases } from "./cert/formatPhases.ts";
export { formatProgress } from "./cert/formatProgress.ts";
export {
  allowedGrades,
  GRADES,
  Grade,
  isGrade,
  isLevel,
  LEVELS,
  Level,
  normalizeGrade,
  violationGrade,
} from "./cert/Grade.ts";
export { generateNegativeCases } from "./cert/generateNegativeCases.ts";
export { gradeArgumentsMatchSpec } from "./cert/gradeArgumentsMatchSpec.ts";
export {
  type ConvergenceOptions,
  type DigestSample,
  gradeConvergence,
} from "./cert/gradeConvergence.ts";
export { type EventDeliveryObservation, gradeEventDelivery } from "./cert/gradeEventDelivery.ts";
export { gradeNegativeCase, type NegativeObservation } from "./cert/gradeNegativeCase.ts";
export { gradeNoUncaughtErrors } from "./cert/gradeNoUncaughtErrors.ts";
export { gradeReachesHost, type HandshakeObservation } from "./cert/gradeReachesHost.ts";
export { gradeResponsive } from "./cert/gradeResponsive.ts";
export {
  gradeUnknownCalls,
  type UnknownCallSummary,
  type UnknownCallsGrading,
} from "./cert/gradeUnknownCalls.ts";
export {
  type ApiMetadata,
  type ApiRequirement,
  type ApiRole,
  type ArgumentCheck,
  apiMetadata,
  JSAPI_METADATA,
  type NegativeCondition,
  type NegativeScenario,
} from "./cert/jsapiMetadata.ts";
export { nearestId } from "./cert/nearestId.ts";
export { describePageError, type PageError, stackLocation } from "./cert/PageError.ts";
export {
  type Expectation as CertExpectation,
  type Expectations as CertExpectations,
  type ParseExpectationsOptions,
  parseExpectations,
} from "./cert/parseExpectations.ts";
export { type RecordedCall, recordedCallsFromTrace } from "./cert/RecordedCall.ts";
export type { SimTraceEntry, TimeWindow } from "./cert/RunRecord.ts";
export { type RenderHtmlOptions, renderHtml } from "./cert/renderHtml.ts";
export { renderJunit } from "./cert/renderJunit.ts";
export {
  buildReportJson,
  REPORT_FORMAT,
  type ReportJson,
  type ReportJsonResult,
  renderReportJson,
  VERDICT_RULE,
} from "./cert/renderReportJson.ts";
export {
  type ExpectationsFromRunOptions,
  expectationsFromRun,
  formatExpectations,
} from "./cert/updateExpectations.ts";

// The Rooms contract suite (src/rooms).
export {
  type Expectation,
  type Given,
  type RequestCase,
  type RoomsCase,
  roomsContractCases,
  type ScriptCase,
} from "./rooms/cases.ts";
export type { CaseContext } from "./rooms/context.ts";
export {
  type CaseResult,
  formatCaseResult,
  type RoomsContractOptions,
  type RoomsContractReport,
  runRoomsContract,
} from "./rooms/runRoomsContract.ts";
export { type CloseInfo, type Frame, HandshakeRefused, WireSession } from "./rooms/WireSession.ts";
