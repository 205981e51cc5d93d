/**
 * The scenes an app panel can be opened in (reference §2 `app.getRunningContext`, CTX) and what
 * a client version allows (docs/decisions/0112-scenes.md). Internal.
 *
 * @module
 */
import { compareVersions, type HostResult, WAITING_ROOM_SINCE } from "@yiqi/jsapi";
import { fail } from "./errors.ts";
import type { OpenScene } from "./model.ts";

/** Every scene a panel can be opened in, in the order CTX lists them. */
export const OPEN_SCENES: readonly OpenScene[] = Object.freeze([
  "inMeeting",
  "preMeetingSchedule",
  "preMeetingDetail",
  "inWaitingRoom",
  "historyMeetingDetail",
  "profileBusinessCard",
]);

/** Why a panel cannot open in `scene` on a client of `clientVersion`, or `null`. */
export function openSceneProblem(scene: unknown, clientVersion: string): HostResult<never> | null {
  if (!OPEN_SCENES.includes(scene as OpenScene)) {
    return fail(
      "INVALID_ARGUMENT",
      `ui.openApp: scene must be one of ${OPEN_SCENES.join(", ")}, got ${JSON.stringify(scene)}`,
    );
  }
  if (scene === "inWaitingRoom" && compareVersions(clientVersion, WAITING_ROOM_SINCE) < 0) {
    return fail(
      "UNSUPPORTED_VERSION",
      `the inWaitingRoom scene is unsupported in client ${clientVersion} (needs ${WAITING_ROOM_SINCE})`,
    );
  }
  return null;
}
