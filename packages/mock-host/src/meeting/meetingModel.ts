/**
 * {@link MeetingModel}: what a UI, a scenario or a driver needs of a meeting, whether the
 * simulator runs in this realm ({@link Meeting}, every answer at once) or in a meeting server
 * (a remote replica: reads from its latest state, changes answered by the server). Reads are
 * synchronous; a change may answer with a Promise, so callers always `await` it.
 *
 * @module
 */
import type { Meeting } from "./meeting.ts";
import type { Trace } from "./trace.ts";
import type { MeetingUi } from "./ui.ts";

/** A value, or a Promise of it. */
export type Awaitable<T> = T | Promise<T>;

/** `F` with its answer loosened to {@link Awaitable}. */
export type Loosened<F> = F extends (...args: infer A) => infer R
  ? (...args: A) => Awaitable<Awaited<R>>
  : never;

/** The client actions of {@link MeetingUi}, each answered at once or later. */
export type MeetingUiModel = { [K in keyof MeetingUi]: Loosened<MeetingUi[K]> };

/** The trace as a reader sees it (recording is the simulator's). */
export type TraceView = Pick<Trace, "entries" | "dropped" | "subscribe" | "toJSON">;

/** The read side of {@link Meeting}: every member answers at once. */
export type MeetingReads = Pick<
  Meeting,
  | "id"
  | "app"
  | "meetingInfo"
  | "decisions"
  | "participants"
  | "participant"
  | "session"
  | "view"
  | "views"
  | "instances"
  | "subscribe"
>;

/** The changes of {@link Meeting}, each answered at once or later. */
export type MeetingChanges = {
  [K in
    | "updateApp"
    | "updateMeetingInfo"
    | "setDecisions"
    | "addParticipant"
    | "updateParticipant"
    | "removeParticipant"
    | "setAudio"
    | "setSpeaking"]: Loosened<Meeting[K]>;
};

/**
 * A meeting as its UIs and drivers use it: a local {@link Meeting} is one, and so is a replica
 * of a meeting server's meeting. Reads answer from the current state; changes (and `ui`
 * actions) may answer with a Promise: always `await` them.
 */
export interface MeetingModel extends MeetingReads, MeetingChanges {
  /** The meeting's trace: every call, result, event and state change, in order. */
  readonly trace: TraceView;
  /** The user's actions in the emulated client (`meeting.ui`), each answered at once or later. */
  readonly ui: MeetingUiModel;
}
