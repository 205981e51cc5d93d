/**
 * `window.yiqiHarness`: what Playwright (and a developer's console) uses to drive and read the
 * harness. Everything returned is plain JSON data except `meeting` and `rooms`.
 *
 * @module
 */
import type { Meeting, ParticipantView, RoomsDevice } from "@yiqi/mock-host";
import type { Harness } from "./harness.ts";
import { BUILTIN_SCENARIOS, type ScenarioResult } from "./scenarios/index.ts";
import { type TimelineEntry, type TimelineFile, toTimelineFile } from "./timeline.ts";

/** The page API. */
export interface YiqiHarnessApi {
  /** The live simulator (replaced by `reset` and by scenarios: read it each time). */
  readonly meeting: Meeting;
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

/** Builds the page API over `harness`. */
export function yiqiHarnessApi(harness: Harness, rooms: RoomsDevice): YiqiHarnessApi {
  const pid = (name: string): string => {
    const p = harness.meeting.participants().find((x) => x.nickname === name || x.id === name);
    if (!p) throw new Error(`no participant "${name}"`);
    return p.id;
  };
  return {
    get meeting(): Meeting {
      return harness.meeting;
    },
    scenarios: BUILTIN_SCENARIOS.map((s) => s.name),
    runScenario: (name) => harness.runScenario(name),
    lastResult: () => harness.run.value?.result() ?? null,
    participantId: pid,
    view: (name) => JSON.parse(JSON.stringify(harness.meeting.view(pid(name)))) as ParticipantView,
    frameUrl: (name) => harness.frameOf(pid(name))?.src ?? null,
    // Entries hold bounded copies already (see `fromBridge`), so this JSON copy is bounded too.
    timeline: () => JSON.parse(JSON.stringify(harness.timelineEntries())) as TimelineEntry[],
    exportTimeline: () =>
      toTimelineFile(
        harness.timelineEntries(),
        harness.meeting.participants().map((p) => ({ id: p.id, nickname: p.nickname })),
        harness.link(),
      ),
    link: () => harness.link(),
    rooms,
  };
}
