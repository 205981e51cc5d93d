/**
 * Establishing the states the contract cases need, over documented requests only, so that it
 * works against a real device: meetings (joined or started as host) and device switches.
 * Asynchronous actions are followed by polling their Query until the state holds.
 *
 * @module
 */
import type { RoomsResult } from "@yiqi/rooms-rpc";
import { isObj } from "./caseHelpers.ts";

/** What the setup needs from the runner. */
export interface SetupPort {
  request(method: string, params: Record<string, unknown>): Promise<RoomsResult>;
  timeoutMs: number;
  meetingCode: string;
}

/** A failed setup step: the case fails with this message. */
export class SetupFailure extends Error {}

/** Calls `Call/<module> <action>` and fails unless it answers one of `ok`. */
export async function expectCall(
  port: SetupPort,
  module: string,
  action: string,
  params: Record<string, unknown> | undefined,
  ok: readonly number[],
): Promise<RoomsResult> {
  const body: Record<string, unknown> = { action };
  if (params) body.action_params = params;
  const r = await port.request(`Call/${module}`, body);
  if (!ok.includes(r.error_code))
    throw new SetupFailure(`setup: ${module} ${action} answered ${r.error_code} (${r.message})`);
  return r;
}

/** Polls `Query path` until `holds(data)`, or fails after the timeout. */
export async function until(
  port: SetupPort,
  path: string[],
  holds: (data: Record<string, unknown>) => boolean,
  what: string,
): Promise<void> {
  const deadline = Date.now() + port.timeoutMs;
  for (;;) {
    const r = await port.request("Query", { path });
    if (r.error_code === 0 && isObj(r.data) && holds(r.data)) return;
    if (Date.now() > deadline)
      throw new SetupFailure(`setup: ${what} did not happen within ${port.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `meeting_info.meeting_status` from `Query ["Meeting", "MeetingInfo"]` data. */
export const statusOf = (data: Record<string, unknown>): unknown =>
  isObj(data.meeting_info) ? data.meeting_info.meeting_status : undefined;

/** Waits until the Rooms is in a meeting (status 1). */
export const untilInMeeting = (port: SetupPort): Promise<void> =>
  until(port, ["Meeting", "MeetingInfo"], (d) => statusOf(d) === 1, "entering the meeting");

/** Leaves any meeting (or waiting room) and waits for status 0. */
export async function leaveAny(port: SetupPort): Promise<void> {
  await expectCall(port, "Meeting", "LeaveMeeting", undefined, [0, 10000]);
  await until(port, ["Meeting", "MeetingInfo"], (d) => statusOf(d) === 0, "leaving the meeting");
}

/** Joins the configured meeting as an attendee (no-op when already in a meeting). */
export async function joinMeeting(port: SetupPort): Promise<void> {
  await expectCall(
    port,
    "Meeting",
    "JoinMeeting",
    { meeting_code: port.meetingCode, password: "" },
    [0, 10001],
  );
  await untilInMeeting(port);
}

/** Starts a fresh instant meeting, so the Rooms is its host (recording off, nobody muted). */
export async function hostMeeting(port: SetupPort): Promise<void> {
  await leaveAny(port);
  await expectCall(port, "Meeting", "StartMeeting", { meeting_type: "instant" }, [0]);
  await untilInMeeting(port);
}

/** Ends in a meeting where the Rooms is an attendee (not host). */
export async function attendeeMeeting(port: SetupPort): Promise<void> {
  await leaveAny(port);
  await joinMeeting(port);
}

/** Switches the camera or mic and waits for the Query to show it. */
export async function deviceSwitch(
  port: SetupPort,
  kind: "Camera" | "Mic",
  on: boolean,
): Promise<void> {
  const base = kind === "Camera" ? 20000 : 20004;
  await expectCall(port, "Device", `Enable${kind}`, { enable: on }, [0, base + (on ? 1 : 2)]);
  const key = kind === "Camera" ? "camera_info" : "mic_info";
  await until(
    port,
    ["Device", `${kind}Info`],
    (d) => isObj(d[key]) && d[key].switch === on,
    `${kind.toLowerCase()} ${on ? "on" : "off"}`,
  );
}
