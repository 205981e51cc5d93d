/**
 * The scenes a participant's app can be opened in (reference: `app.getRunningContext`, scenes),
 * as the harness shows them: the simulator's list (`OPEN_SCENES` of `@yiqi/mock-host`, which
 * also decides what each scene allows: `inWaitingRoom` needs client 3.18) with a label each,
 * shared by the page (pane, URL) and scenarios.
 *
 * @module
 */
import type { RunningScene } from "@yiqi/jsapi";
import { type InstanceScene, OPEN_SCENES, type OpenScene } from "@yiqi/mock-host";

/**
 * The scenes (re-exported from `@yiqi/mock-host`): {@link OPEN_SCENES} lists the ones an app
 * can be opened in, {@link OpenScene} names one of them, and {@link InstanceScene} (which
 * `OpenScene` is defined from) adds `inCollaboration`, the scene of an app in a 一起用 session;
 * {@link RunningScene} (of `@yiqi/jsapi`) is every scene `app.getRunningContext` can report.
 */
export { type InstanceScene, OPEN_SCENES, type OpenScene, type RunningScene };

/** What the harness shows for each scene (a new scene needs its label here). */
export const OPEN_SCENE_LABELS: Readonly<Record<OpenScene, string>> = Object.freeze({
  inMeeting: "In meeting",
  preMeetingSchedule: "Pre-meeting: schedule",
  preMeetingDetail: "Pre-meeting: detail",
  inWaitingRoom: "Waiting room (3.18+)",
  historyMeetingDetail: "History meeting detail",
  profileBusinessCard: "Profile business card",
});

/** Whether `word` is the exact name of an {@link OpenScene}. */
export function isOpenScene(word: unknown): word is OpenScene {
  return typeof word === "string" && (OPEN_SCENES as readonly string[]).includes(word);
}
