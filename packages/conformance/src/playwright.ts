/**
 * Playwright fixtures for an app team's own multi-participant tests: a Yiqi harness server, a
 * meeting page opened on your app with the Tencent Meeting client's UA and the SDK URL routed
 * to the wemeet shim, and each participant's pane and app frame. The fixtures hand a meeting
 * over once every open app has connected, say which participant's app did not and why, throw
 * the simulator's reason when it refuses a `meeting.ui` action, and attach the Yiqi timeline
 * and each participant's screenshot to the report of a failed test. Node only.
 *
 * @example
 * ```ts
 * import { expect, test } from "@yiqi/conformance/playwright";
 *
 * test.use({ participants: 2 });
 *
 * test("a joiner sees the board", async ({ meeting, participant }) => {
 *   await meeting.ui("clickStart", "Host");
 *   await meeting.ui("join", "Alice");
 *   const alice = await participant("Alice").frame();
 *   await expect(alice.locator("#board")).toBeVisible();
 * });
 * ```
 * @module
 */
import { readFileSync } from "node:fs";
import {
  test as base,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from "@playwright/test";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { chromiumLaunchOptions } from "./node/chromium.ts";
import { attachFailureEvidence } from "./playwright/failureEvidence.ts";
import {
  type MeetingFixture,
  type MeetingHarness,
  type OpenMeeting,
  openMeeting,
  type ParticipantFixture,
} from "./playwright/openMeeting.ts";

export { expect } from "@playwright/test";
export type { MeetingUiAction } from "@yiqi/harness";
/**
 * The `@yiqi/mock-host` types the shared-meeting helpers take and return (a worker's
 * {@link RemoteView} and its {@link RemoteParticipant}s; the server of
 * {@link startSharedMeeting} and its options), re-exported from their home package.
 */
export type { RemoteParticipant, RemoteView } from "@yiqi/mock-host";
export type { MeetingServer, MeetingServerOptions } from "@yiqi/mock-host/node";
export {
  type Catalogue,
  type CatalogueApp,
  type CatalogueRunOptions,
  type CatalogueVerdict,
  type ParseCatalogueOptions,
  parseCatalogue,
} from "./playwright/catalogue.ts";
export {
  type CertifyCatalogueOptions,
  certifyCatalogue,
} from "./playwright/certifyCatalogue.ts";
export type { UiActionArgs, UiActionValue } from "./playwright/meetingUi.ts";
export type {
  MeetingFixture,
  MeetingHarness,
  OpenMeeting,
  OpenMeetingOptions,
  ParticipantFixture,
} from "./playwright/openMeeting.ts";
export {
  type CatalogueAppResult,
  type CatalogueRunContext,
  type CatalogueTestInfo,
  runCatalogueApp,
} from "./playwright/runCatalogueApp.ts";
export {
  expectConverged,
  MEETING_URL_ENV,
  type ParticipantSessionState,
  type SharedMeetingWorkerFixtures,
  sessionStates,
  sharedMeetingGlobalSetup,
  sharedMeetingTest,
  startSharedMeeting,
} from "./playwright/sharedMeeting.ts";
export { verdictLine } from "./playwright/verdictLine.ts";
export { YiqiFixtureError, type YiqiFixtureErrorCode } from "./playwright/YiqiFixtureError.ts";
export { attachFailureEvidence, openMeeting };

/** The default of the `connectTimeout` option (ms). */
export const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** Per-test options (set with `test.use`). */
export interface YiqiOptions {
  /** The app under test; `demo` for the bundled demo. */
  appUrl: string;
  /** Participants (a count, or the harness's `name:role:version,...` list). */
  participants: number | string;
  /**
   * How long each app may take to connect (ms; default 15,000): when the meeting opens, after
   * `meeting.ui("openApp" | "join", ...)`, and in `participant(name).frame()`. Keep it below the
   * test's timeout, so the reason is reported rather than the timeout. It also bounds each call
   * the fixtures make into the harness page (at least 10,000 ms): a page that stops answering
   * fails the step with `PAGE_UNRESPONSIVE` naming it.
   */
  connectTimeout: number;
}

/** Fixtures. */
export interface YiqiFixtures {
  meeting: MeetingFixture;
  participant: (name: string) => ParticipantFixture;
}

/** The worker-scoped harness and its option. */
export interface YiqiWorkerFixtures {
  harness: MeetingHarness;
  /**
   * Starts the harness server for `app`. Default: `startHarnessServer` of `@yiqi/harness/node`
   * with its bundled page, demo app and shim.
   */
  startHarness: ((app: string) => Promise<MeetingHarness>) | undefined;
}

/** The harness server of `@yiqi/harness/node`, on a free port. */
async function defaultHarness(app: string): Promise<MeetingHarness> {
  const assets = bundledAssets();
  const server = await startHarnessServer({ port: 0, app, ...assets });
  return { url: server.url, shim: readFileSync(assets.shimFile), close: () => server.close() };
}

/** The open meeting of each test, for `participant(name)`. */
const openMeetings = new WeakMap<MeetingFixture, OpenMeeting>();

/**
 * `test` with the Yiqi fixtures: options `appUrl` (default `demo`), `participants` (default 3),
 * `connectTimeout` and `startHarness`; `meeting` (the harness page, opened, with every open app
 * connected) and `participant(name)`. Launch Chromium with `chromiumLaunchOptions()` from
 * `@yiqi/conformance/node` in your config when Playwright's own browser is not installed.
 */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & YiqiFixtures & YiqiOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & YiqiWorkerFixtures
> = base.extend<YiqiFixtures & YiqiOptions, YiqiWorkerFixtures>({
  appUrl: ["demo", { option: true }],
  participants: [3, { option: true }],
  connectTimeout: [DEFAULT_CONNECT_TIMEOUT_MS, { option: true }],
  startHarness: [undefined, { option: true, scope: "worker" }],
  harness: [
    // The harness is per worker; a test's `appUrl` is registered by the page (`?app=`).
    async ({ startHarness }, use) => {
      const h = await (startHarness ?? defaultHarness)("demo");
      await use(h);
      await h.close();
    },
    { scope: "worker" },
  ],
  meeting: async (
    { browser, harness, appUrl, participants, connectTimeout, contextOptions },
    use,
    testInfo,
  ) => {
    const open = await openMeeting({
      browser,
      harness,
      appUrl,
      participants,
      connectTimeout,
      contextOptions,
      onOpenFailure: (page) => attachFailureEvidence(page, testInfo),
    });
    openMeetings.set(open.meeting, open);
    try {
      await use(open.meeting);
      if (testInfo.status !== testInfo.expectedStatus) {
        await attachFailureEvidence(open.meeting.page, testInfo);
      }
    } finally {
      await open.close();
    }
  },
  participant: async ({ meeting }, use) => {
    const open = openMeetings.get(meeting) as OpenMeeting;
    await use((name) => open.participant(name));
  },
});

/** Launch options for the Chromium Yiqi resolves (for `use.launchOptions`). */
export { chromiumLaunchOptions };
