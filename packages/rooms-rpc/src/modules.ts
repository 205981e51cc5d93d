/**
 * Every module of the Rooms control API in one table: actions with their since-version, and
 * the query paths (docs/reference/rooms.md, one `#module-<name>` section per module).
 *
 * @module
 */
import { DEVICE_ACTIONS } from "./device.ts";
import { INVITE_ACTIONS } from "./invite.ts";
import { MEETING_ACTIONS } from "./meeting.ts";
import { MEETING_CONTROL_ACTIONS } from "./meetingControl.ts";
import { SHARE_ACTIONS } from "./share.ts";

/**
 * The actions of every `Call/<Module>`, with the Rooms version each is gated on (a device older
 * than that answers `error_code` 9). `RoomsClient.call` reads it through {@link actionSince}.
 *
 * @example
 * ```ts
 * import { ROOMS_ACTIONS } from "@yiqi/rooms-rpc";
 *
 * Object.keys(ROOMS_ACTIONS.Share ?? {}); // ["EndQuickShare", "CancelQuickShare", …]
 * ```
 */
export const ROOMS_ACTIONS: Readonly<Record<string, Readonly<Record<string, { since: string }>>>> =
  {
    Meeting: MEETING_ACTIONS,
    Device: DEVICE_ACTIONS,
    MeetingControl: MEETING_CONTROL_ACTIONS,
    Invite: INVITE_ACTIONS,
    Share: SHARE_ACTIONS,
  };

/**
 * Every query path the emulator answers, all since 3.8.10. `Meeting/MeetingInfo`,
 * `Meeting/MeetingList`, the `Device` sub-paths and `Members` are known from a public driver
 * only.
 */
export const ROOMS_QUERY_PATHS: readonly (readonly string[])[] = [
  ["Meeting"],
  ["Meeting", "MeetingInfo"],
  ["Meeting", "MeetingList"],
  ["Device"],
  ["Device", "CameraInfo"],
  ["Device", "MicInfo"],
  ["Device", "SpeakerInfo"],
  ["MeetingControl"],
  ["Invite"],
  ["Share"],
  ["Share", "CastCode"],
  ["Ability"],
  ["Members"],
];

/**
 * The Rooms version that introduced `module`/`action`, or `undefined` when either is unknown
 * (then `RoomsClient.call` sends the call without a version check). Never throws.
 *
 * @example
 * ```ts
 * actionSince("Share", "StartShare"); // "3.13.190"
 * ```
 */
export function actionSince(module: string, action: string): string | undefined {
  const actions = Object.hasOwn(ROOMS_ACTIONS, module) ? ROOMS_ACTIONS[module] : undefined;
  return actions && Object.hasOwn(actions, action) ? actions[action]?.since : undefined;
}
