/**
 * The Yiqi harness: a Tencent Meeting client in one page, where several simulated participants
 * each run their own instance of an app. This root export is the page's contract, for tests
 * that drive the page (Playwright, `yiqi certify`) or a developer's console: the
 * `window.yiqiHarness` API, the selector that says the page is ready and the names of the
 * `meeting.ui` actions. It holds types and constants and runs anywhere.
 *
 * The rest of the package: `@yiqi/harness/scenarios` (the DOM-free scenario engine and the
 * built-in scenarios) and `@yiqi/harness/node` (the server that serves the built page, each
 * participant's app origin, the proxy and the relay; Node only).
 *
 * @example
 * ```ts
 * import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
 *
 * await page.goto(harnessUrl);
 * await page.waitForSelector(HARNESS_READY_SELECTOR);
 * const result = await page.evaluate(() =>
 *   (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.runScenario("basic-flow"),
 * );
 * ```
 * @module
 */
export {
  HARNESS_GLOBAL,
  HARNESS_READY_SELECTOR,
  MEETING_UI_ACTIONS,
  type MeetingUiAction,
  type YiqiHarnessApi,
  type YiqiHarnessWindow,
} from "./contract.ts";
export {
  type ParticipantHost,
  parseParticipantHost,
  participantOrigin,
} from "./participantHost.ts";
export type {
  ScenarioResult,
  StepKind,
  StepResult,
  StepStatus,
} from "./scenarios/index.ts";
export type { TimelineEntry, TimelineFile } from "./timeline.ts";
