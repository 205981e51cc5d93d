/**
 * The `meeting` fixture's work, usable without the fixture: a plain browser context (the harness
 * server gives each participant's app its own client's user agent and answers the SDK URL with
 * the shim, decision 0008), the harness page opened on the app, and every app the client opens
 * connected before it is handed over.
 *
 * @module
 */
import type { Browser, BrowserContextOptions, Frame, Locator, Page } from "@playwright/test";
import {
  HARNESS_READY_SELECTOR,
  type MeetingUiAction,
  type YiqiHarnessApi,
  type YiqiHarnessWindow,
} from "@yiqi/harness";
import { type AppWatch, watchApps } from "./appWatch.ts";
import { boundedEvaluate, pageCallTimeout } from "./boundedEvaluate.ts";
import { OPENS_APP, runUiAction, type UiActionArgs, type UiActionValue } from "./meetingUi.ts";
import { waitForApps } from "./waitForApps.ts";
import { callSite, thrownAt, YiqiFixtureError } from "./YiqiFixtureError.ts";

/** A running harness server, as the `startHarness` option returns it. */
export interface MeetingHarness {
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  url: string;
  /**
   * The wemeet shim's source. Unused by the fixtures: the harness server answers Tencent's SDK
   * URL with its own shim (decision 0008).
   */
  shim?: string | Uint8Array;
  close(): Promise<void>;
}

/** The `meeting` fixture: the harness page and helpers over `window.yiqiHarness`. */
export interface MeetingFixture {
  page: Page;
  /**
   * Does what a participant does in the client (`clickStart` is the 一起用 / 一起玩 button):
   * `meeting.ui[action](participant, ...args)` of the page, for a nickname or an id. Resolves
   * with the action's value; after `openApp` and `join`, once the participant's new app has
   * connected.
   *
   * @throws {YiqiFixtureError} `UI_REFUSED` with the simulator's reason (`NOT_PERMITTED: ...`),
   *   `UNKNOWN_UI_ACTION` (listing the actions), `UNKNOWN_PARTICIPANT`, or why the new app did
   *   not connect; the stack points at your test's line.
   */
  ui<A extends MeetingUiAction>(
    action: A,
    participant: string,
    ...args: UiActionArgs<A>
  ): Promise<UiActionValue<A>>;
  /**
   * Evaluates `fn` with `window.yiqiHarness` in the page (`YiqiHarnessApi` of `@yiqi/harness`).
   * `fn` runs in the page: it is sent as source text, so it cannot close over test variables.
   * A Promise it returns is awaited (a change of `harness.meeting` may answer with one).
   */
  evaluate<R>(fn: (harness: YiqiHarnessApi) => R): Promise<Awaited<R>>;
  /** The simulator trace so far (JSON). */
  trace(): Promise<unknown[]>;
  /**
   * Waits until every app the client has open has a connected instance.
   *
   * @throws {YiqiFixtureError} `APP_UNREACHABLE`, `NO_SDK`, `HANDSHAKE_REFUSED` or
   *   `NOT_CONNECTED`, naming the participant.
   */
  appsConnected(): Promise<void>;
}

/** What `participant(name)` returns. */
export interface ParticipantFixture {
  /** The participant's pane (a region named after the nickname). */
  pane: Locator;
  /**
   * The participant's app frame, once their app is open and connected (bounded by
   * `connectTimeout`).
   *
   * @throws {YiqiFixtureError} why it did not connect (`NO_SDK`, ...), or `NOT_CONNECTED` when
   *   they have no app open.
   */
  frame(): Promise<Frame>;
}

/** What {@link openMeeting} needs. */
export interface OpenMeetingOptions {
  browser: Browser;
  harness: MeetingHarness;
  /** The app under test; `demo` for the bundled demo. */
  appUrl: string;
  /** A count, or the harness's `name:role:version,...` list. */
  participants: number | string;
  /** The project's context options (the user agent is always the client's). */
  contextOptions?: BrowserContextOptions;
  /** How long an app may take to connect (ms). */
  connectTimeout: number;
  /**
   * Called with the harness page when opening fails after the page loaded (an app did not
   * connect), before the context closes: e.g. {@link attachFailureEvidence}.
   */
  onOpenFailure?: (page: Page) => Promise<void>;
}

/** An open meeting: the fixture value, `participant(name)`, and `close()`. */
export interface OpenMeeting {
  meeting: MeetingFixture;
  participant(name: string): ParticipantFixture;
  close(): Promise<void>;
}

/** The in-page id of nickname-or-id `name`, or null. */
function idOf(name: string): string | null {
  const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
  return h.meeting.participants().find((p) => p.nickname === name || p.id === name)?.id ?? null;
}

/** The meeting fixture over `page`. */
function meetingOver(page: Page, watch: AppWatch, connectTimeout: number): MeetingFixture {
  const timeoutMs = pageCallTimeout(connectTimeout);
  const meeting: MeetingFixture = {
    page,
    async ui<A extends MeetingUiAction>(
      action: A,
      participant: string,
      ...args: UiActionArgs<A>
    ): Promise<UiActionValue<A>> {
      const site = callSite(meeting.ui);
      try {
        const done = await runUiAction(page, action, participant, args, timeoutMs);
        if (OPENS_APP.has(action)) {
          await waitForApps(page, watch, { only: done.participantId, timeoutMs: connectTimeout });
        }
        return done.value as UiActionValue<A>;
      } catch (error) {
        throw error instanceof YiqiFixtureError ? thrownAt(error, site) : error;
      }
    },
    async evaluate<R>(fn: (harness: YiqiHarnessApi) => R): Promise<Awaited<R>> {
      const site = callSite(meeting.evaluate);
      try {
        return await boundedEvaluate<Awaited<R>, undefined>(
          page,
          `(${fn.toString()})(window.yiqiHarness)`,
          undefined,
          { what: "meeting.evaluate(fn)", timeoutMs },
        );
      } catch (error) {
        throw error instanceof YiqiFixtureError ? thrownAt(error, site) : error;
      }
    },
    async trace(): Promise<unknown[]> {
      const site = callSite(meeting.trace);
      try {
        return await boundedEvaluate(
          page,
          () => (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting.trace.entries(),
          undefined,
          { what: "meeting.trace()", timeoutMs },
        );
      } catch (error) {
        throw error instanceof YiqiFixtureError ? thrownAt(error, site) : error;
      }
    },
    async appsConnected(): Promise<void> {
      const site = callSite(meeting.appsConnected);
      try {
        await waitForApps(page, watch, { only: null, timeoutMs: connectTimeout });
      } catch (error) {
        throw error instanceof YiqiFixtureError ? thrownAt(error, site) : error;
      }
    },
  };
  return meeting;
}

/**
 * Opens the harness on `appUrl` in a new context of `browser` and waits until every app the
 * client opened (the host's) has connected.
 *
 * @throws {YiqiFixtureError} why an app did not connect, naming the participant; the context
 *   is closed then.
 */
export async function openMeeting(options: OpenMeetingOptions): Promise<OpenMeeting> {
  const { harness, connectTimeout } = options;
  // The project's context options (viewport, locale, ...) apply. No user agent is set: the
  // harness server presents each participant's own client to its app (decision 0008).
  const context = await options.browser.newContext({ ...options.contextOptions });
  let page: Page | undefined;
  try {
    const watch = await watchApps(context);
    page = await context.newPage();
    const query = new URLSearchParams({
      app: options.appUrl,
      participants: String(options.participants),
    });
    await page.goto(`${harness.url}?${query}`);
    await page.waitForSelector(HARNESS_READY_SELECTOR);
    const meeting = meetingOver(page, watch, connectTimeout);
    const open = page;
    await waitForApps(page, watch, { only: null, timeoutMs: connectTimeout });
    const participant = (name: string): ParticipantFixture => {
      const pane = open.getByRole("region", { name, exact: true });
      const fixture: ParticipantFixture = {
        pane,
        async frame(): Promise<Frame> {
          const site = callSite(fixture.frame);
          try {
            const pid = await boundedEvaluate(open, idOf, name, {
              what: `participant("${name}").frame()`,
              participant: name,
              timeoutMs: pageCallTimeout(connectTimeout),
            });
            if (!pid) {
              throw new YiqiFixtureError(
                "UNKNOWN_PARTICIPANT",
                `participant("${name}"): no participant has that nickname or id`,
              );
            }
            await waitForApps(open, watch, { only: pid, timeoutMs: connectTimeout });
            // The newest frame: an old one may still be on its way out after a rejoin.
            const newest = pane.locator(`iframe[data-participant="${pid}"]`).last();
            const handle = await newest.elementHandle({ timeout: connectTimeout });
            const frame = await handle.contentFrame();
            if (!frame) {
              throw new YiqiFixtureError(
                "NOT_CONNECTED",
                `participant("${name}"): their app connected but its frame is gone (closed since?)`,
                { participant: name },
              );
            }
            return frame;
          } catch (error) {
            throw error instanceof YiqiFixtureError ? thrownAt(error, site) : error;
          }
        },
      };
      return fixture;
    };
    return { meeting, participant, close: () => context.close() };
  } catch (error) {
    if (page && error instanceof YiqiFixtureError) await options.onOpenFailure?.(page);
    // Closed also when the page never became ready, so no context outlives its test.
    await context.close();
    throw error;
  }
}
