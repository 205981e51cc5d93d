/**
 * The steps `gen-rooms-reference.ts` runs against a real emulated device, in order, and the
 * prose around each module. Every action and query path of the device's module tables must
 * appear here (the generator fails otherwise), so a new action cannot miss the reference.
 *
 * @module
 */
import type { RoomsDevice } from "../packages/mock-host/src/index.ts";

/** One request of the recorded run. */
export interface Step {
  /** The module section it belongs to. */
  readonly module: string;
  /** What the reader learns from it (one sentence, shown above the exchange). */
  readonly note: string;
  /** The JSON-RPC request, without `jsonrpc` and `id` (the generator adds them). */
  readonly request: { method: string; params?: Record<string, unknown> };
  /** The `error_code` the step must get (default 0); the generator fails on any other. */
  readonly expect?: number;
  /** A change to the device's world before the request (said in `note`). */
  readonly setup?: (device: RoomsDevice) => void;
}

/** The prose of each module section (the section's anchor is `module-<lowercase name>`). */
export const MODULE_PROSE: Readonly<Record<string, string>> = {
  Meeting: `The meeting the Rooms sits in: start (instant or personal meeting room), join by code,
leave, dissolve, leave the waiting room. Creating and joining answer at once with
\`meeting_status\` 2 (joining); \`JoinMeetingCompleted\` (or \`EnterWaitingRoom\`) follows as an event.
Decisions: [0204](../decisions/0204-rooms-meeting-slice.md),
[0208](../decisions/0208-rooms-meeting-module.md).`,
  Device: `The Rooms's camera, microphone and speaker. Switching a device and the speaker/microphone
tests finish later, as \`Event/Device\`. Decision: [0209](../decisions/0209-rooms-device-module.md).`,
  MeetingControl: `Host controls from the Rooms: recording (a request to the host, or starting it
as host), mute all, member ids, muting, stopping video, removing members. Most need the Rooms to
be host or co-host (10022 otherwise). Decision:
[0210](../decisions/0210-rooms-meeting-control.md).`,
  Invite: `Phone dial-out (PSTN) and the meeting invitation a Rooms receives. Action names are
from a public driver, not Tencent. Decision:
[0211](../decisions/0211-rooms-members-invite-ability.md).`,
  Members: `The meeting's participants as the Rooms sees them (query only). Decision:
[0211](../decisions/0211-rooms-members-invite-ability.md).`,
  Share: `Sharing from the Rooms: window and desktop share, capture devices, the share guide,
quick share (casting before a meeting), the cast code. \`StopShare\` ends any share. Decisions:
[0203](../decisions/0203-rooms-share-semantics.md),
[0212](../decisions/0212-rooms-share-rules.md).`,
  Ability: `What the Rooms's account may do (query only). Decision:
[0211](../decisions/0211-rooms-members-invite-ability.md).`,
};

/** Ann Li's user id: the device numbers members in order, so the run gives her this one. */
const ANN = "144115352466200215";

const q = (module: string, path: string[], note: string): Step => ({
  module,
  note,
  request: { method: "Query", params: { path } },
});
const call = (
  module: string,
  action: string,
  actionParams: Record<string, unknown> | undefined,
  note: string,
  setup?: Step["setup"],
  expect?: number,
): Step => ({
  module,
  note,
  request: {
    method: `Call/${module}`,
    params: actionParams ? { action, action_params: actionParams } : { action },
  },
  ...(setup ? { setup } : {}),
  ...(expect !== undefined ? { expect } : {}),
});

/** The recorded run, in order. The device starts idle (logged in, not in a meeting). */
export const STEPS: readonly Step[] = [
  q(
    "Meeting",
    ["Meeting"],
    "Everything the Meeting module knows; `data` is empty of a meeting while the Rooms is in none.",
  ),
  call(
    "Meeting",
    "StartMeeting",
    { meeting_type: "instant" },
    "Starts an instant meeting: answered at once, finished by `JoinMeetingCompleted`.",
  ),
  q("Meeting", ["Meeting", "MeetingInfo"], "The meeting the Rooms is in."),
  q("Meeting", ["Meeting", "MeetingList"], "The Rooms's scheduled meetings."),
  call("Meeting", "LeaveMeeting", undefined, "Leaves the meeting."),
  call(
    "Meeting",
    "JoinMeeting",
    { meeting_code: "123456789" },
    "Joins a meeting by code (6 to 12 digits; `password` when it has one).",
  ),
  call(
    "Meeting",
    "LeaveWaitingRoom",
    undefined,
    "Leaves the waiting room. Here the Rooms is in the meeting itself, so the precondition fails (code 1).",
    undefined,
    1,
  ),
  call(
    "Meeting",
    "DissolveMeeting",
    undefined,
    "Ends the meeting for everyone; only its host may, so an attendee Rooms is refused (10022) and stays in.",
    undefined,
    10022,
  ),
  q("Device", ["Device"], "Camera, microphone and speaker together."),
  q("Device", ["Device", "CameraInfo"], "The camera."),
  q("Device", ["Device", "MicInfo"], "The microphone."),
  q("Device", ["Device", "SpeakerInfo"], "The speaker."),
  call(
    "Device",
    "EnableCamera",
    { enable: false },
    "Turns the camera off; the change arrives as an event.",
  ),
  call(
    "Device",
    "EnableMic",
    { enable: false },
    "Turns the microphone off (turning it on while on answers 20005).",
  ),
  call("Device", "SetSpeakerVolume", { volume: 60 }, "Sets the speaker volume (0 to 100)."),
  call(
    "Device",
    "TestSpeaker",
    { test: true },
    "Starts the speaker test; its state changes arrive as events.",
  ),
  call("Device", "TestMic", { test: true }, "Starts the microphone test."),
  q("MeetingControl", ["MeetingControl"], "The module's state (captions)."),
  call(
    "MeetingControl",
    "RequestRecord",
    undefined,
    "Asks the host to record; the host's answer arrives later as an event (the emulated host grants it at once).",
  ),
  call(
    "MeetingControl",
    "StartRecord",
    { mobile_address: "rooms@example.com" },
    "Starts recording as host (the world control `setRoomsRole(1)` made the Rooms host first); `mobile_address` is an e-mail address.",
    (d) => {
      d.world.setRecording(false);
      d.world.setRoomsRole(1);
    },
  ),
  call(
    "MeetingControl",
    "MuteAll",
    { audio_allow_unmute_by_self: true },
    "Mutes everyone; they may unmute themselves.",
  ),
  call(
    "MeetingControl",
    "ListMemberIds",
    { begin_count: 0, type: 1, end_count: 9 },
    "The first ten participant ids (`type` 1; 0 lists the waiting room) (the world control `addMember` added Ann Li first).",
    (d) => d.world.addMember("Ann Li"),
  ),
  call(
    "MeetingControl",
    "MuteMember",
    { user_id: ANN },
    "Mutes one member (an id from ListMemberIds).",
  ),
  call("MeetingControl", "StopVideo", { user_id: ANN }, "Stops one member's video."),
  call(
    "MeetingControl",
    "RemoveMember",
    { user_id: ANN, allow_join: true },
    "Removes one member; `allow_join` lets them come back.",
  ),
  q("Invite", ["Invite"], "Dial-out calls and the pending invitation."),
  call("Invite", "DialPstn", { phone_number: "13800000000" }, "Calls a phone into the meeting."),
  call("Invite", "HangUpPstn", undefined, "Hangs the phone call up."),
  call(
    "Invite",
    "RejectInvite",
    undefined,
    "Rejects the pending invitation (the world control `setInvitation` made one first).",
    (d) => d.world.setInvitation({ code: "200300400", inviter: "Alice Chen" }),
  ),
  call(
    "Invite",
    "AcceptInvite",
    undefined,
    "Accepts an invitation and joins the inviter's meeting (the Rooms left its meeting and received a new invitation first; in a meeting it answers 10001).",
    (d) => {
      d.leaveMeeting();
      d.world.setInvitation({ code: "200300400", inviter: "Alice Chen" });
    },
  ),
  q("Members", ["Members"], "The participants of the meeting."),
  q(
    "Share",
    ["Share"],
    "The share state (note the `share` wrapper), cast code and capture devices.",
  ),
  q("Share", ["Share", "CastCode"], "Only the cast code, flat."),
  call(
    "Share",
    "StartWindowShare",
    { share_voice: true, fluency_first: true, select_index: 0 },
    "Shares this PC's desktop (`select_index` 0).",
  ),
  call("Share", "StopWindowShare", undefined, "Stops that share."),
  call("Share", "OpenShareGuide", undefined, "Opens the share guide on the Rooms's screen."),
  call("Share", "CloseShareGuide", undefined, "Closes it."),
  call(
    "Share",
    "StartShare",
    { share_type: 0, fluency_first: true, share_voice: false },
    "Starts a share (`share_type` 0: desktop or window; 1: a capture device).",
  ),
  call("Share", "StopShare", undefined, "Ends any share."),
  call(
    "Share",
    "EndQuickShare",
    { meeting_type: "castMeeting" },
    "Ends a quick share (a laptop casting to the Rooms; the world control `setQuickCast(2)` started one first).",
    (d) => d.setQuickCast(2),
  ),
  call(
    "Share",
    "CancelQuickShare",
    { meeting_type: "castMeeting" },
    "Cancels a quick share (another laptop started casting first).",
    (d) => d.setQuickCast(2),
  ),
  q("Ability", ["Ability"], "What the account may do."),
];
