/**
 * `device.world`: controls of the simulated world around the Rooms device (members, waiting
 * room, the Rooms's role, the invitation, recording, devices). Each change is diffed into
 * events and logged like any other.
 *
 * @module
 */
import * as controls from "./controls.ts";
import { describeValue } from "./describe.ts";
import type { PendingEvent } from "./dispatch.ts";
import type { DevicesState, MemberState, RoomsDeviceState } from "./state.ts";

/** Applies a change with a cause; `emit` pushes an explicit event after the derived ones. */
export type ApplyChange = (
  change: (state: RoomsDeviceState, emit: (e: PendingEvent) => void) => void,
  cause: string,
) => void;

/** The world controls of a `RoomsDevice` (`device.world`). */
export interface RoomsWorldControls {
  /** A participant joins the meeting (or its waiting room, with `{ waiting: true }`). */
  addMember(nickname: string, extra?: Partial<MemberState>): void;
  /** A participant (nickname or user id) leaves. */
  removeMember(who: string): void;
  /** Changes a participant: `{ audio_on: false }`, `{ video_on: true }`, `{ role: 2 }`. */
  setMember(
    who: string,
    change: Partial<Pick<MemberState, "audio_on" | "video_on" | "role" | "nickname">>,
  ): void;
  /** The host admits a member from the waiting room, or the Rooms itself (no argument). */
  admit(who?: string): void;
  /**
   * Sets the Rooms's role in its meeting (1 host, 2 co-host, 3 attendee).
   *
   * @throws {MeetingError} `INVALID_ARGUMENT` for any other value, saying the allowed ones.
   */
  setRoomsRole(role: 1 | 2 | 3): void;
  /** Shows an incoming invitation to a meeting on the Rooms, or withdraws it (`undefined`). */
  setInvitation(invitation: Parameters<typeof controls.setInvitation>[1]): void;
  /** Someone starts or stops recording the meeting. */
  setRecording(on: boolean): void;
  /** The host answers the Rooms's RequestRecord (pushes `RequestRecord` granted / denied). */
  answerRecordRequest(grant: boolean): boolean;
  /** Changes the Rooms's devices: `(d) => { d.mic.switch = false; }`. */
  setDevices(change: (devices: DevicesState) => void, cause?: string): void;
  /** Sets up the busy demo world: a meeting, a remote sharer, a recording, an invitation. */
  stageBusy(): void;
}

/**
 * Creates the world controls over a device's `apply`.
 *
 * @example
 * ```ts
 * device.world.addMember("Erin Xu", { waiting: true });
 * device.world.admit("Erin Xu");
 * ```
 */
export function createWorldControls(apply: ApplyChange, now: () => number): RoomsWorldControls {
  const seconds = () => Math.floor(now() / 1000);
  return {
    addMember: (nickname, extra = {}) =>
      apply((s) => {
        controls.addMember(s, nickname, extra);
      }, `member joins ${nickname}`),
    removeMember: (who) => apply((s) => controls.removeMember(s, who), `member leaves ${who}`),
    setMember: (who, change) =>
      apply(
        (s) => {
          const m = controls.findMember(s, who);
          if (m) Object.assign(m, change);
        },
        `member ${who} ${describeValue(change, 60)}`,
      ),
    admit: (who) => apply((s) => controls.admit(s, who), `admit ${who ?? "the Rooms"}`),
    setRoomsRole: (role) => {
      // Refused before the change is applied: nothing is logged, no event is pushed.
      controls.assertRoomsRole(role);
      apply((s) => controls.setRoomsRole(s, role), `rooms role ${role}`);
    },
    setInvitation: (invitation) =>
      apply(
        (s) => controls.setInvitation(s, invitation),
        `invitation ${invitation?.code ?? "off"}`,
      ),
    setRecording: (on) =>
      apply((s) => controls.setRecording(s, on), `recording ${on ? "on" : "off"}`),
    answerRecordRequest: (grant) => {
      let answered = false;
      apply(
        (s, emit) => {
          answered = controls.answerRecordRequest(s, grant);
          if (answered)
            emit({
              module: "MeetingControl",
              subEvent: "RequestRecord",
              payload: {
                error_code: 0,
                message: "",
                request_result: grant ? "granted" : "denied",
                is_recording: s.meeting?.recording ?? false,
              },
            });
        },
        `record request ${grant ? "granted" : "denied"}`,
      );
      return answered;
    },
    setDevices: (change, cause = "devices changed") => apply((s) => change(s.devices), cause),
    stageBusy: () => apply((s) => controls.stageBusyWorld(s, seconds()), "busy world"),
  };
}
