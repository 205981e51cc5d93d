/**
 * A meeting for the reference suites (`reference*.test.ts`): a host on Mac, an attendee on
 * Windows and one on iOS, all on client 3.36.0 (every documented API), the real `@yiqi/jsapi`
 * client over the in-memory bridge, and a helper that passes `permission.agentConfig` with a
 * real signature. Test-only (not published to npm).
 *
 * @module
 */
import { test } from "node:test";
import {
  JSAPI_CLIENT_CALLS,
  JSAPI_EVENTS,
  JSAPI_TABLE,
  REFERENCE_SECTIONS,
  type ReferenceSection,
  RoleType,
} from "@yiqi/jsapi";
import { type HeadlessApp, openHeadlessApp } from "../../headless.ts";
import { type CreateMeetingOptions, createMeeting, type Meeting } from "../meeting.ts";
import { computeSignature } from "../signature.ts";

/** Let bridge messages and events arrive. */
export const tick = (ms = 10): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until `done()` holds, checking every few ms, for at most `timeoutMs` (then throws with
 * `what`): for deliveries a loaded machine may take longer than one {@link tick} to make.
 */
export async function until(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await tick(5);
  }
}

/** The fixture. */
export interface ReferenceMeeting {
  meeting: Meeting;
  /** Open the app for a participant (after `meeting.ui.openApp` if a scene is wanted). */
  open(pid: string): HeadlessApp;
  /** Pass `permission.agentConfig` with a signature over a fresh ticket. */
  authorize(app: HeadlessApp): Promise<void>;
  /** Close every app opened. */
  done(): void;
}

/** A fresh meeting: p1 Host (Mac), p2 Alice (Windows), p3 Bob (iOS), client 3.36.0. */
export function referenceMeeting(options: CreateMeetingOptions = {}): ReferenceMeeting {
  const meeting = createMeeting({
    seed: "reference",
    app: { name: "Board", url: "https://board.example/app" },
    participants: [
      { nickname: "Host", role: RoleType.HOST, platform: "Mac", clientVersion: "3.36.0" },
      { nickname: "Alice", platform: "Windows", clientVersion: "3.36.0", customerData: "cd-1" },
      { nickname: "Bob", platform: "iOS", clientVersion: "3.36.0" },
    ],
    ...options,
  });
  const opened: HeadlessApp[] = [];
  return {
    meeting,
    open(pid) {
      const app = openHeadlessApp(meeting, pid);
      opened.push(app);
      return app;
    },
    async authorize(app) {
      const { sdkId, corpId, url } = meeting.app();
      const { ticket } = meeting.auth.issueTicket();
      const base = { sdkId, corpId, nonceStr: "n1", timestamp: "1700000000" };
      const signature = await computeSignature({ ...base, url, ticket });
      await app.wemeet.permission.agentConfig({ ...base, signature });
    },
    done() {
      for (const app of opened) app.close();
    },
  };
}

/** `name (§4 Meeting data)`: how a reference test title starts. */
export function titleOf(name: string): string {
  const entry =
    Object.values(JSAPI_TABLE).find((e) => e.name === name) ??
    JSAPI_CLIENT_CALLS.find((e) => e.name === name);
  const ref: ReferenceSection = entry?.ref ?? "§8";
  const what = entry ? name : `event ${name}`;
  return `${what} (${ref} ${REFERENCE_SECTIONS[ref]})`;
}

/** Every call and event name of the reference, as the API table lists them. */
export function referenceNames(): string[] {
  return [
    ...JSAPI_CLIENT_CALLS.map((e) => e.name),
    ...Object.values(JSAPI_TABLE)
      .map((e) => e.name)
      .filter((n) => n !== "environment" && n !== "unknown"),
    ...Object.keys(JSAPI_EVENTS),
  ];
}

/** A reference test: what it shows, and the steps against a fresh fixture. */
export type ReferenceCase = [what: string, run: (f: ReferenceMeeting) => Promise<void>];

/** One test per case, titled `titleOf(name): what`, each on its own fixture (closed after). */
export function testReferenceCases(cases: Record<string, ReferenceCase>): void {
  for (const [name, [what, run]] of Object.entries(cases)) {
    test(`${titleOf(name)}: ${what}`, async () => {
      const f = referenceMeeting();
      try {
        await run(f);
      } finally {
        f.done();
      }
    });
  }
}
