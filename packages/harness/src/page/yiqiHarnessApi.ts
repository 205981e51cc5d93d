/**
 * `window.yiqiHarness`: what Playwright (and a developer's console) uses to drive and read the
 * harness, built over the page's {@link Harness}. The contract itself (the
 * {@link YiqiHarnessApi} type) is in `contract.ts`, the package's root export.
 *
 * @module
 */
import type { MeetingModel, ParticipantView, RoomsDevice } from "@yiqi/mock-host";
import type { YiqiHarnessApi } from "../contract.ts";
import { BUILTIN_SCENARIOS } from "../scenarios/index.ts";
import { type TimelineEntry, toTimelineFile } from "../timeline.ts";
import type { Harness } from "./harness.ts";

export type { YiqiHarnessApi };

/** Builds the page API over `harness`. */
export function yiqiHarnessApi(harness: Harness, rooms: RoomsDevice): YiqiHarnessApi {
  const pid = (name: string): string => {
    const p = harness.meeting.participants().find((x) => x.nickname === name || x.id === name);
    if (!p) throw new Error(`no participant "${name}"`);
    return p.id;
  };
  return {
    get meeting(): MeetingModel {
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
