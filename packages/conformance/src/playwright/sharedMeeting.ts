/**
 * Scale-out on Playwright (decision 0031): every worker of a Playwright project joins ONE meeting
 * server, each bringing `participantsPerWorker` headless participants (the real `wemeet` client,
 * no browser), so a load test is a project whose workers converge on one meeting. The server is
 * given by URL (the `meetingUrl` option or `YIQI_MEETING_URL`) or started by
 * {@link sharedMeetingGlobalSetup}. Node only.
 *
 * @example
 * ```ts
 * // playwright.config.ts: globalSetup: "./globalSetup.ts" (export default sharedMeetingGlobalSetup)
 * import { expectConverged, sharedMeetingTest as test } from "@yiqi/conformance/playwright";
 *
 * test.use({ participantsPerWorker: 10 });
 * test("everyone joins", async ({ sharedMeeting }) => {
 *   for (const p of sharedMeeting.participants) await p.wemeet.collaboration.join();
 *   await expectConverged(sharedMeeting.participants);
 * });
 * ```
 * @module
 */
import {
  test as base,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from "@playwright/test";
import type { RemoteParticipant, RemoteView } from "@yiqi/mock-host";
import type { MeetingServer, MeetingServerOptions } from "@yiqi/mock-host/node";
import { joinMeetingServer, startMeetingServer } from "@yiqi/mock-host/node";
import { YiqiFixtureError } from "./YiqiFixtureError.ts";

/** The environment variable carrying the join link to workers. */
export const MEETING_URL_ENV = "YIQI_MEETING_URL";

/** Worker options and fixtures of {@link sharedMeetingTest}. */
export interface SharedMeetingWorkerFixtures {
  /** The join link (default: `YIQI_MEETING_URL`). */
  meetingUrl: string | undefined;
  /** Headless participants each worker brings (default 1). */
  participantsPerWorker: number;
  /** This worker's view: its participants, each with its app's `wemeet`. Left at worker end. */
  sharedMeeting: RemoteView;
}

/**
 * Starts a meeting server in Playwright's global setup and hands its join link to the workers
 * in `YIQI_MEETING_URL`; does nothing when that is already set (a server given by URL). Returns
 * the teardown. Use as `export default sharedMeetingGlobalSetup` or call it from your own.
 *
 * @param options The server's options (passed to {@link startSharedMeeting}); default: none.
 * @returns The teardown, which closes the server it started (a no-op when none was started).
 * @throws When the server cannot start (e.g. its port is taken), as `startMeetingServer` does.
 *
 * @example
 * ```ts
 * // globalSetup.ts, named by playwright.config.ts's `globalSetup`
 * import { sharedMeetingGlobalSetup } from "@yiqi/conformance/playwright";
 * export default () => sharedMeetingGlobalSetup({ limits: { maxViews: 128 } });
 * ```
 */
export async function sharedMeetingGlobalSetup(
  options: MeetingServerOptions = {},
): Promise<() => Promise<void>> {
  if (process.env[MEETING_URL_ENV]) return async () => {};
  const server = await startSharedMeeting(options);
  return () => server.close();
}

/**
 * Starts a loopback meeting server on a free port (unless `options.port` says otherwise) and
 * sets `YIQI_MEETING_URL` to its join link in this process, so workers started afterwards
 * inherit it.
 *
 * @param options The server's options (`startMeetingServer` of `@yiqi/mock-host/node`).
 * @returns The running server; close it with `server.close()`.
 * @throws When the server cannot start (e.g. the port given is taken).
 *
 * @example
 * ```ts
 * const server = await startSharedMeeting();
 * console.log(server.url); // the join link, also in process.env.YIQI_MEETING_URL
 * await server.close();
 * ```
 */
export async function startSharedMeeting(
  options: MeetingServerOptions = {},
): Promise<MeetingServer> {
  const server = await startMeetingServer({ port: 0, ...options });
  process.env[MEETING_URL_ENV] = server.url;
  return server;
}

/**
 * The Playwright `test` with the worker-scoped `sharedMeeting` fixture: each worker joins the
 * meeting server named by the `meetingUrl` option or `YIQI_MEETING_URL` with
 * `participantsPerWorker` headless participants (nicknamed `w<worker>-<n>`), and leaves it when
 * the worker ends.
 *
 * @throws {YiqiFixtureError} `NOT_CONNECTED` from the fixture when no meeting server is given;
 *   joining fails as `joinMeetingServer` does (e.g. a refused or unreachable link).
 *
 * @example
 * ```ts
 * import { sharedMeetingTest as test } from "@yiqi/conformance/playwright";
 *
 * test.use({ participantsPerWorker: 5 });
 * test("five per worker", async ({ sharedMeeting }) => {
 *   test.expect(sharedMeeting.participants).toHaveLength(5);
 * });
 * ```
 */
export const sharedMeetingTest: TestType<
  PlaywrightTestArgs & PlaywrightTestOptions,
  PlaywrightWorkerArgs & PlaywrightWorkerOptions & SharedMeetingWorkerFixtures
> = base.extend<object, SharedMeetingWorkerFixtures>({
  meetingUrl: [undefined, { option: true, scope: "worker" }],
  participantsPerWorker: [1, { option: true, scope: "worker" }],
  sharedMeeting: [
    async ({ meetingUrl, participantsPerWorker }, use, workerInfo) => {
      const url = meetingUrl ?? process.env[MEETING_URL_ENV];
      if (!url)
        throw new YiqiFixtureError(
          "NOT_CONNECTED",
          `no meeting server: set ${MEETING_URL_ENV} to a join link (yiqi meeting prints one), set the meetingUrl option, or use sharedMeetingGlobalSetup as the project's globalSetup`,
        );
      const view = await joinMeetingServer(url, {
        participants: participantsPerWorker,
        nicknames: Array.from(
          { length: participantsPerWorker },
          (_, k) => `w${workerInfo.workerIndex}-${k + 1}`,
        ),
      });
      await use(view);
      await view.close();
    },
    { scope: "worker" },
  ],
});

/** What one participant's app sees of the 一起用 session. */
export interface ParticipantSessionState {
  /** The participant (the meeting server's id for it). */
  participantId: string;
  /** `collaboration.getContext()`, or null without an active session. */
  session: { activeID: string; url: string } | null;
}

/**
 * Asks every participant's app for the session it sees, in parallel. Never throws: a
 * participant whose `collaboration.getContext()` fails (no active session, or a lost
 * connection) reports `session: null`.
 *
 * @param participants The participants to ask (e.g. `sharedMeeting.participants`).
 * @returns One state per participant, in the order given.
 *
 * @example
 * ```ts
 * const states = await sessionStates(sharedMeeting.participants);
 * // [{ participantId: "…", session: { activeID: "…", url: "https://…" } }, …]
 * ```
 */
export async function sessionStates(
  participants: readonly RemoteParticipant[],
): Promise<ParticipantSessionState[]> {
  return Promise.all(
    participants.map(async (p) => {
      try {
        const ctx = await p.wemeet.collaboration.getContext();
        return {
          participantId: p.participantId,
          session: { activeID: ctx.activeID, url: ctx.url },
        };
      } catch {
        return { participantId: p.participantId, session: null };
      }
    }),
  );
}

/**
 * Waits (bounded) until every participant's app sees the same session (and `expected`, when
 * given, e.g. the one another worker or the server reported), asking every 50 ms.
 *
 * @param participants The participants whose apps must agree.
 * @param options `expected`: the session they must all see (`null`: none); default: whatever
 *   the first participant sees. `timeoutMs`: how long to wait, in ms (default 10 000).
 * @returns The states they converged on (as {@link sessionStates}).
 * @throws {YiqiFixtureError} `NOT_CONNECTED` listing who saw what (the first 10), when they do
 *   not converge within `timeoutMs`.
 *
 * @example
 * ```ts
 * for (const p of sharedMeeting.participants) await p.wemeet.collaboration.join();
 * await expectConverged(sharedMeeting.participants, { timeoutMs: 30_000 });
 * ```
 */
export async function expectConverged(
  participants: readonly RemoteParticipant[],
  options: { expected?: { activeID: string; url: string } | null; timeoutMs?: number } = {},
): Promise<ParticipantSessionState[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const states = await sessionStates(participants);
    const want =
      options.expected === undefined
        ? JSON.stringify(states[0]?.session ?? null)
        : JSON.stringify(options.expected);
    const off = states.filter((s) => JSON.stringify(s.session) !== want);
    if (off.length === 0) return states;
    if (Date.now() > deadline)
      throw new YiqiFixtureError(
        "NOT_CONNECTED",
        `participants did not converge on ${want}: ${off
          .slice(0, 10)
          .map((s) => `${s.participantId} sees ${JSON.stringify(s.session)}`)
          .join("; ")}${off.length > 10 ? ` and ${off.length - 10} more` : ""}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}
