/**
 * The driver actions a view may run on the server's meeting with `drive` (protocol 2,
 * docs/decisions/0032-meeting-server-protocol-2.md): one entry per action with its argument
 * check. The `ui.*` actions are participant-scoped (`args[0]` is the participant id); the rest
 * act on the whole meeting. Web-standard.
 *
 * @module
 */
import { MeetingError } from "../meeting/errors.ts";
import type { Meeting } from "../meeting/meeting.ts";
import { isId } from "./parseFrame.ts";
import { MeetingServerError, type ViewFrame } from "./protocol.ts";
import { REDACTED_SECRET } from "./snapshot.ts";

/** One kind of argument, checked before the action runs. */
export type DriveArg = "id" | "ids" | "bool" | "object" | "openApp";

/** One drive action: its argument kinds (a trailing `?` is optional) and what it runs. */
export interface DriveAction {
  /** The kinds of its arguments, in order. */
  readonly args: readonly `${DriveArg}${"" | "?"}`[];
  /** Whether `args[0]` is the participant the action acts as (a pinned view's only actions). */
  readonly participantScoped: boolean;
  /** Runs it on `meeting` with checked `args`; answers its return value (or a Promise). */
  readonly run: (meeting: Meeting, args: readonly unknown[]) => unknown;
}

const ui = (name: keyof Meeting["ui"], args: DriveAction["args"] = ["id"]): DriveAction => ({
  args,
  participantScoped: true,
  run: (m, a) => (m.ui[name] as (...x: unknown[]) => unknown).apply(m.ui, [...a]),
});

const meetingWide = (args: DriveAction["args"], run: DriveAction["run"]): DriveAction => ({
  args,
  participantScoped: false,
  run,
});

/** Every action `drive` runs, by name. */
export const DRIVE_ACTIONS: Readonly<Record<string, DriveAction>> = {
  "ui.openApp": ui("openApp", ["id", "openApp?"]),
  "ui.closeApp": ui("closeApp"),
  "ui.clickStart": ui("clickStart"),
  "ui.join": ui("join"),
  "ui.leave": ui("leave"),
  "ui.end": ui("end"),
  "ui.dismissInvitation": ui("dismissInvitation"),
  "ui.answerConfirmation": ui("answerConfirmation", ["id", "bool"]),
  addParticipant: meetingWide(["object"], (m, [init]) => m.addParticipant(init as never)),
  updateParticipant: meetingWide(["id", "object"], (m, [id, patch]) =>
    m.updateParticipant(id as string, patch as never),
  ),
  removeParticipant: meetingWide(["id"], (m, [id]) => m.removeParticipant(id as string)),
  setAudio: meetingWide(["id", "bool"], (m, [id, on]) => m.setAudio(id as string, on as boolean)),
  setSpeaking: meetingWide(["ids"], (m, [ids]) => m.setSpeaking(ids as string[])),
  setDecisions: meetingWide(["object"], (m, [patch]) => m.setDecisions(patch as never)),
  updateApp: meetingWide(["object"], (m, [patch]) => {
    const p = { ...(patch as Record<string, unknown>) };
    // Writing back a snapshot's app must not set the secret to the redaction marker.
    if (p.secret === REDACTED_SECRET) delete p.secret;
    return { ...m.updateApp(p), secret: REDACTED_SECRET };
  }),
  updateMeetingInfo: meetingWide(["object"], (m, [patch]) => m.updateMeetingInfo(patch as never)),
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const ARG_CHECKS: Record<DriveArg, [(v: unknown) => boolean, string]> = {
  id: [isId, "a participant id"],
  ids: [(v) => Array.isArray(v) && v.every(isId), "an array of participant ids"],
  bool: [(v) => typeof v === "boolean", "true or false"],
  object: [isRecord, "an object"],
  openApp: [(v) => typeof v === "string" || isRecord(v), "a url or { url?, scene? }"],
};

/**
 * The participant a drive action acts as, for a participant-scoped (`ui.*`) action with a
 * participant id first; `undefined` for a meeting-wide or unknown action. A relay that pins a
 * view to one participant lets through only drives whose answer is that participant.
 */
export function driveParticipant(action: string, args: unknown): string | undefined {
  const entry = Object.hasOwn(DRIVE_ACTIONS, action) ? DRIVE_ACTIONS[action] : undefined;
  if (!entry?.participantScoped || !Array.isArray(args)) return undefined;
  return isId(args[0]) ? args[0] : undefined;
}

/**
 * Why a view pinned to `participant` (a page standing for one participant) may not send
 * `frame`, or `undefined` when it may: it claims, opens, releases and drives (`ui.*`) only as
 * that participant, and never resets the meeting. `call` / `close` / `observe` / `hello` pass
 * (the server binds instances to the view that opened them).
 */
export function pinnedFrameRefusal(frame: ViewFrame, participant: string): string | undefined {
  const only = `this view stands for ${participant} only`;
  switch (frame.t) {
    case "claim":
      return "participants" in frame &&
        frame.participants.length === 1 &&
        frame.participants[0] === participant
        ? undefined
        : `${only}: claim { participants: ["${participant}"] }`;
    case "release":
      return frame.participants.every((p) => p === participant)
        ? undefined
        : `${only}: release ["${participant}"]`;
    case "open":
      return frame.participant === participant ? undefined : `${only}: open ${participant}`;
    case "drive":
      return driveParticipant(frame.action, frame.args) === participant
        ? undefined
        : `${only}: drive ui.* actions with "${participant}" first`;
    case "reset":
      return `${only}: it cannot reset the meeting`;
    default:
      return undefined;
  }
}

/**
 * Runs one drive action on `meeting` and answers its return value as JSON data (`null` for
 * none; ui actions answer their `HostResult`, async ones once settled).
 *
 * @throws {MeetingServerError} `UNKNOWN_METHOD` for an unknown action (listing the known),
 *   `INVALID_ARGUMENT` for bad arguments or a `MeetingError` of the simulator,
 *   `UNKNOWN_PARTICIPANT` for an unknown participant id.
 */
export async function runDrive(
  meeting: Meeting,
  action: string,
  args: readonly unknown[],
): Promise<unknown> {
  const entry = Object.hasOwn(DRIVE_ACTIONS, action) ? DRIVE_ACTIONS[action] : undefined;
  if (!entry)
    throw new MeetingServerError(
      "UNKNOWN_METHOD",
      `${action.slice(0, 64)} is not a drive action; known: ${Object.keys(DRIVE_ACTIONS).join(", ")}`,
    );
  if (args.length > entry.args.length)
    throw new MeetingServerError(
      "INVALID_ARGUMENT",
      `${action} takes at most ${entry.args.length} arguments`,
    );
  entry.args.forEach((spec, k) => {
    const optional = spec.endsWith("?");
    const [check, what] = ARG_CHECKS[spec.replace("?", "") as DriveArg];
    if ((args[k] === undefined || args[k] === null) && optional) return;
    if (!check(args[k]))
      throw new MeetingServerError(
        "INVALID_ARGUMENT",
        `${action}: argument ${k + 1} must be ${what}`,
      );
  });
  try {
    return (await entry.run(meeting, args)) ?? null;
  } catch (e) {
    if (e instanceof MeetingError)
      throw new MeetingServerError(
        e.code === "UNKNOWN_PARTICIPANT" ? "UNKNOWN_PARTICIPANT" : "INVALID_ARGUMENT",
        e.message,
      );
    throw e;
  }
}
