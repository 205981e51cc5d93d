/**
 * The page contract of the harness: what a test (Playwright, certification) or a developer's
 * console can rely on in the harness page. Types and three constants; nothing here touches the DOM.
 *
 * @example
 * ```ts
 * import { HARNESS_READY_SELECTOR, type YiqiHarnessWindow } from "@yiqi/harness";
 *
 * await page.goto(harnessUrl);
 * await page.waitForSelector(HARNESS_READY_SELECTOR);
 * const names = await page.evaluate(
 *   () => (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.scenarios,
 * );
 * ```
 * @module
 */
import type { MeetingModel, MeetingUi, ParticipantView, RoomsDevice } from "@yiqi/mock-host";
import type { ScenarioResult } from "./scenarios/index.ts";
import type { TimelineEntry, TimelineFile } from "./timeline.ts";

/**
 * The selector that matches once the page is ready: `window.yiqiHarness` is installed and the
 * meeting is rendered (`document.body.dataset.ready === "1"`).
 */
export const HARNESS_READY_SELECTOR = "body[data-ready='1']";

/** The name of a user action of the emulated client (`meeting.ui[action]`). */
export type MeetingUiAction = keyof MeetingUi;

const UI_ACTIONS = [
  "openApp",
  "clickStart",
  "join",
  "dismissInvitation",
  "answerConfirmation",
  "leave",
  "end",
  "closeApp",
] as const satisfies readonly MeetingUiAction[];
// A `MeetingUi` action missing from the list fails to compile here.
const listsEveryAction: [Exclude<MeetingUiAction, (typeof UI_ACTIONS)[number]>] extends [never]
  ? true
  : false = true;
void listsEveryAction;

/**
 * Every `meeting.ui` action, in the order the client offers them: what a test may name when it
 * drives the page by action name (an unknown name is refused with this list).
 */
export const MEETING_UI_ACTIONS: readonly MeetingUiAction[] = Object.freeze([...UI_ACTIONS]);

/** The global the page installs its API under (`window.yiqiHarness`). */
export const HARNESS_GLOBAL = "yiqiHarness";

/**
 * The page API, `window.yiqiHarness`. Everything returned is plain JSON data except `meeting`
 * and `rooms`, which are live objects (use them inside `page.evaluate`).
 */
export interface YiqiHarnessApi {
  /**
   * The live meeting (replaced by a reset and by scenarios: read it each time): the in-page
   * simulator, or a meeting server's replica. Reads answer at once; a change (`ui.*`,
   * `setDecisions`, `addParticipant`, ...) may answer with a Promise: always `await` it
   * (`page.evaluate` awaits a returned Promise).
   */
  readonly meeting: MeetingModel;
  /** Names of the built-in scenarios. */
  readonly scenarios: string[];
  /** Sets up scenario `name` on a fresh meeting and runs it to the end. */
  runScenario(name: string): Promise<ScenarioResult>;
  /** The last scenario result (null before any run). */
  lastResult(): ScenarioResult | null;
  /** The participant id of nickname `name` (throws when unknown). */
  participantId(name: string): string;
  /** What `name`'s client shows. */
  view(name: string): ParticipantView;
  /** The `src` of `name`'s app frame, or null. */
  frameUrl(name: string): string | null;
  /**
   * The merged timeline so far: the newest entries (10,000 by default), with a
   * `trace.truncated` marker entry first when earlier ones were dropped.
   */
  timeline(): TimelineEntry[];
  /** The timeline as the Export button writes it. */
  exportTimeline(): TimelineFile;
  /** The link that reopens this meeting. */
  link(): string;
  /** The emulated Rooms device of the Rooms panel. */
  readonly rooms: RoomsDevice;
}

/**
 * The harness page's global scope, for `page.evaluate` callbacks:
 * `(globalThis as unknown as YiqiHarnessWindow).yiqiHarness`.
 */
export interface YiqiHarnessWindow {
  readonly yiqiHarness: YiqiHarnessApi;
}
