/**
 * What a view page pinned to one participant may send to the meeting (docs/decisions/0031, "The
 * view page", and 0038): one table, used by the harness server's in-process meeting and by its
 * relay to a remote meeting server alike. A page opened from `/p/<participant>` (a phone, another
 * browser) stands for that participant only; the full harness page and headless views are not
 * pinned. The meeting server checks every frame again (identity comes from its session).
 *
 * @module
 */

/** A frame as a page sent it (parsed JSON, not yet validated by the meeting server). */
export type PageFrame = Record<string, unknown>;

/** Why a pinned page may not send `frame`, or undefined when it may. */
type PinRule = (frame: PageFrame, participant: string) => string | undefined;

const allowed: PinRule = () => undefined;

/** A list of participant ids that is exactly `[participant]`. */
const onlyMe = (ids: unknown, participant: string): boolean =>
  Array.isArray(ids) && ids.length === 1 && ids[0] === participant;

/**
 * The frames a pinned page may send, by type; a type not in the table (`reset`, and any frame
 * type added later) is refused, so a new meeting-wide frame is never open to a phone by default.
 */
const PINNED_FRAMES: Readonly<Record<string, PinRule>> = {
  hello: allowed,
  // Reads the meeting (state and trace): the token is the owner's credential, reading is fine.
  observe: allowed,
  // Only on instances this view opened (the meeting server checks).
  call: allowed,
  close: allowed,
  claim: (f, p) =>
    onlyMe(f.participants, p)
      ? undefined
      : `claim { participants: ["${p}"] }${f.takeover === true ? " (takeover only of it)" : ""}`,
  release: (f, p) => (onlyMe(f.participants, p) ? undefined : `release { participants: ["${p}"] }`),
  open: (f, p) => (f.participant === p ? undefined : `open { participant: "${p}" }`),
  drive: (f, p) =>
    typeof f.action === "string" &&
    f.action.startsWith("ui.") &&
    Array.isArray(f.args) &&
    f.args[0] === p
      ? undefined
      : `drive only the client of ${p}: drive { action: "ui.…", args: ["${p}", …] }`,
};

/**
 * Why a page pinned to `participant` may not send `frame` (the text of a `NOT_YOUR_PARTICIPANT`
 * error), or undefined when it may. A frame without a string `t` is let through: the meeting
 * server refuses it (`BAD_FRAME`) as it would from any view.
 */
export function pinRefusal(frame: PageFrame, participant: string): string | undefined {
  if (typeof frame.t !== "string") return undefined;
  const rule = Object.hasOwn(PINNED_FRAMES, frame.t) ? PINNED_FRAMES[frame.t] : undefined;
  const why = rule
    ? rule(frame, participant)
    : `${JSON.stringify(frame.t.slice(0, 32))} acts on the whole meeting`;
  return why === undefined
    ? undefined
    : `this page stands for ${participant} only: ${why} (open the full harness page to act on the meeting)`;
}
