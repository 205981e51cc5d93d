/**
 * Playwright fixtures for an app team's own multi-participant tests: a Yiqi harness server, a
 * meeting page opened on your app with the Tencent Meeting client's UA and the SDK URL routed
 * to the wemeet shim, and each participant's pane and app frame. Node only.
 *
 * @example
 * ```ts
 * import { expect, test } from "@yiqi/conformance/playwright";
 *
 * test.use({ appUrl: "http://localhost:5173/", participants: 2 });
 *
 * test("a joiner sees the board", async ({ meeting, participant }) => {
 *   await meeting.ui("clickStart", "p1");
 *   await participant("Alice").pane.getByRole("button", { name: "加入", exact: true }).click();
 *   const alice = await participant("Alice").frame();
 *   await expect(alice.locator("#board")).toBeVisible();
 * });
 * ```
 * @module
 */
import { readFileSync } from "node:fs";
import {
  test as base,
  type Frame,
  type Locator,
  type Page,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from "@playwright/test";
import { HARNESS_READY_SELECTOR, type YiqiHarnessApi, type YiqiHarnessWindow } from "@yiqi/harness";
import { bundledAssets, startHarnessServer } from "@yiqi/harness/node";
import { chromiumLaunchOptions } from "./node/chromium.ts";
import { CLIENT_USER_AGENT, TENCENT_SDK_URL_PATTERN } from "./node/instrument.ts";

export { expect } from "@playwright/test";

/** A running harness server, as the `startHarness` option returns it. */
export interface MeetingHarness {
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  url: string;
  /** The wemeet shim's source, answered for Tencent's SDK URL. */
  shim: string | Uint8Array;
  close(): Promise<void>;
}

/** The `meeting` fixture: the harness page and helpers over `window.yiqiHarness`. */
export interface MeetingFixture {
  page: Page;
  /** Runs `window.yiqiHarness.meeting.ui[action](participantId)` and returns its HostResult. */
  ui(action: string, participantId: string): Promise<unknown>;
  /**
   * Evaluates `fn` with `window.yiqiHarness` in the page (`YiqiHarnessApi` of `@yiqi/harness`).
   * `fn` runs in the page: it is sent as source text, so it cannot close over test variables.
   */
  evaluate<R>(fn: (harness: YiqiHarnessApi) => R): Promise<R>;
  /** The simulator trace so far (JSON). */
  trace(): Promise<unknown[]>;
}

/** What `participant(name)` returns. */
export interface ParticipantFixture {
  /** The participant's pane (a region named after the nickname). */
  pane: Locator;
  /** The participant's app frame, once its app runs (waits for the iframe). */
  frame(): Promise<Frame>;
}

/** Per-test options (set with `test.use`). */
export interface YiqiOptions {
  /** The app under test; `demo` for the bundled demo. */
  appUrl: string;
  /** Participants (a count, or the harness's `name:role:version,...` list). */
  participants: number | string;
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

/**
 * `test` with the Yiqi fixtures: options `appUrl` (default `demo`), `participants` (default 3)
 * and `startHarness`; `meeting` (the harness page, opened and ready) and `participant(name)`.
 * Launch Chromium with `chromiumLaunchOptions()` from `@yiqi/conformance/node` in your config
 * when Playwright's own browser is not installed.
 */
export const test: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions & YiqiFixtures & YiqiOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & YiqiWorkerFixtures
> = base.extend<YiqiFixtures & YiqiOptions, YiqiWorkerFixtures>({
  appUrl: ["demo", { option: true }],
  participants: [3, { option: true }],
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
  meeting: async ({ browser, harness, appUrl, participants, contextOptions }, use) => {
    // The project's context options (viewport, locale, ...) apply; the user agent is the
    // client's, or the app would not see itself inside Tencent Meeting.
    const context = await browser.newContext({ ...contextOptions, userAgent: CLIENT_USER_AGENT });
    try {
      await context.route(TENCENT_SDK_URL_PATTERN, (route) =>
        route.fulfill({
          status: 200,
          contentType: "text/javascript; charset=utf-8",
          body: typeof harness.shim === "string" ? harness.shim : Buffer.from(harness.shim),
        }),
      );
      const page = await context.newPage();
      const query = new URLSearchParams({ app: appUrl, participants: String(participants) });
      await page.goto(`${harness.url}?${query}`);
      await page.waitForSelector(HARNESS_READY_SELECTOR);
      await use({
        page,
        ui: (action, pid) =>
          page.evaluate(
            async ([a, p]) => {
              // The action is looked up by name (`clickStart`, `join`, ...): a caller's string.
              const ui = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting
                .ui as unknown as Partial<Record<string, (pid: string) => unknown>>;
              return JSON.parse(JSON.stringify(await ui[a]?.(p))) as unknown;
            },
            [action, pid] as const,
          ),
        evaluate: <R>(fn: (harness: YiqiHarnessApi) => R): Promise<R> =>
          page.evaluate(`(${fn.toString()})(window.yiqiHarness)`) as Promise<R>,
        trace: () =>
          page.evaluate(() =>
            (globalThis as unknown as YiqiHarnessWindow).yiqiHarness.meeting.trace.entries(),
          ),
      });
    } finally {
      // Closed also when the page never became ready, so no context outlives its test.
      await context.close();
    }
  },
  participant: async ({ meeting }, use) => {
    await use((name: string): ParticipantFixture => {
      const pane = meeting.page.getByRole("region", { name, exact: true });
      return {
        pane,
        frame: async (): Promise<Frame> => {
          const handle = await pane.locator("iframe[data-participant]").elementHandle();
          const frame = await handle?.contentFrame();
          if (!frame) throw new Error(`participant "${name}" has no app frame: is their app open?`);
          return frame;
        },
      };
    });
  },
});

/** Launch options for the Chromium Yiqi resolves (for `use.launchOptions`). */
export { chromiumLaunchOptions };
