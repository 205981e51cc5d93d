/**
 * Certification of 一起用 apps: the case model and catalogue, negative cases generated from
 * JSAPI metadata, grading helpers, expectations files, and the JSON / JUnit / HTML reports.
 * Runtime-neutral: Web-standard APIs only; the runner that drives a browser lives elsewhere.
 *
 * @example
 * ```ts
 * import { casesForProfile, certResult, gradeNoUncaughtErrors, renderHtml } from "@yiqi/conformance";
 *
 * const [load] = casesForProfile("collab-basic");
 * const result = certResult(load!, gradeNoUncaughtErrors(pageErrors));
 * const html = renderHtml({ info, results: [result] });
 * ```
 * @module
 */
export {
  type AppliedExpectations,
  applyExpectations,
  ciExitCode,
  type ExpectationChange,
  type ExpectationStatus,
  type ExpectedResult,
} from "./applyExpectations.ts";
export {
  type CertCase,
  isProfile,
  PROFILES,
  Profile,
  SPEC_SECTION_TITLES,
  type SpecSection,
} from "./CertCase.ts";
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
} from "./CertCaseResult.ts";
export { CertError, type CertErrorCode } from "./CertError.ts";
export {
  type CertRun,
  type CertRunExpectations,
  type CertRunInfo,
  type CertRunNetwork,
  isoTime,
  SPEC_REVISION,
} from "./CertRun.ts";
export {
  type CasesForProfileOptions,
  casesForProfile,
  certCases,
  DIGEST_HOOK,
} from "./certCases.ts";
export { computeVerdict, countGrades, type GradeCounts, type Verdict } from "./computeVerdict.ts";
export { escapeHtml, escapeXml } from "./escape.ts";
export { formatProgress } from "./formatProgress.ts";
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
} from "./Grade.ts";
export { generateNegativeCases } from "./generateNegativeCases.ts";
export { gradeArgumentsMatchSpec } from "./gradeArgumentsMatchSpec.ts";
export {
  type ConvergenceOptions,
  type DigestSample,
  gradeConvergence,
} from "./gradeConvergence.ts";
export { type EventDeliveryObservation, gradeEventDelivery } from "./gradeEventDelivery.ts";
export { gradeNegativeCase, type NegativeObservation } from "./gradeNegativeCase.ts";
export { gradeNoUncaughtErrors } from "./gradeNoUncaughtErrors.ts";
export { gradeReachesHost, type HandshakeObservation } from "./gradeReachesHost.ts";
export {
  gradeUnknownCalls,
  type UnknownCallSummary,
  type UnknownCallsGrading,
} from "./gradeUnknownCalls.ts";
export {
  type ApiMetadata,
  type ApiRequirement,
  type ApiRole,
  type ArgumentCheck,
  apiMetadata,
  JSAPI_METADATA,
  type NegativeCondition,
  type NegativeScenario,
  versionBefore,
} from "./jsapiMetadata.ts";
export { describePageError, type PageError } from "./PageError.ts";
export {
  type Expectation as CertExpectation,
  type Expectations as CertExpectations,
  type ParseExpectationsOptions,
  parseExpectations,
} from "./parseExpectations.ts";
export { type RecordedCall, recordedCallsFromTrace, unknownCallPath } from "./RecordedCall.ts";
export { type RenderHtmlOptions, renderHtml } from "./renderHtml.ts";
export { isJunitFailure, renderJunit } from "./renderJunit.ts";
export {
  buildReportJson,
  REPORT_FORMAT,
  type ReportJson,
  type ReportJsonResult,
  renderReportJson,
  VERDICT_RULE,
} from "./renderReportJson.ts";
