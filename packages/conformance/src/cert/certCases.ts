/**
 * The certification catalogue (data, not runners): every case the `yiqi certify` runner grades,
 * by section, with its level, profiles and the docs/reference anchor it checks (`ref`). Negative cases are added per app by
 * `generateNegativeCases` (see {@link casesForProfile}).
 *
 * @module
 */
import { type CertCase, isProfile, Profile } from "./CertCase.ts";
import { CertError } from "./CertError.ts";
import { generateNegativeCases } from "./generateNegativeCases.ts";

/** The digest hook an app may expose for the convergence case: `window.yiqiDigest()`. */
export const DIGEST_HOOK = "yiqiDigest";

/**
 * The catalogue as a literal, so the ids are a type ({@link CaseId}): the runner's grader table
 * must name every one of them. Plain literals `as const` only: declarations are emitted without
 * inference (`isolatedDeclarations`, JSR), which rules out `satisfies` here; the typed
 * {@link certCases} export below checks every entry against {@link CertCase}.
 */
const CATALOGUE = [
  // ---- A1: loading ---------------------------------------------------------------------------
  {
    id: "A1.load.no-uncaught-error",
    title: "The app loads with no uncaught error or unhandled rejection",
    section: "A1",
    ref: "docs/guides/app-developer.md",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Every participant's instance is opened at the app URL with the client UA and the shim served for the SDK URL; FAILED on any page error (uncaught exception or unhandled rejection) or crash until the page is idle.",
    uses: [],
  },
  {
    id: "A1.load.reaches-host",
    title: "The app reaches the host (bridge handshake) within the timeout",
    section: "A1",
    ref: "docs/guides/app-developer.md",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Each instance must complete the wemeet handshake (the host sees getEnvironment) within --timeout. FAILED names the instances that never connected and why when known (no SDK loaded, origin refused, protocol mismatch).",
    uses: [],
  },
  {
    id: "A1.load.no-console-error",
    title: "The app logs no console errors while loading",
    section: "A1",
    ref: "docs/guides/app-developer.md",
    level: "SHOULD",
    profiles: ["collab-full"],
    description:
      "console.error messages and failed sub-resource loads during load. NON-STRICT lists them.",
    uses: [],
  },
  // ---- A2: the API surface -------------------------------------------------------------------
  {
    id: "A2.args.match-spec",
    title: "Arguments the app passes match the documented types",
    section: "A2",
    ref: "docs/reference/jsapi.md",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Every recorded call is checked against the documented type of its API (docs/reference/jsapi.md), e.g. collaboration.start({ url?: string, callback?: fn }), setCollaborationConfig({ url?: string, visible?: boolean }). Keys the reference does not define are mentioned, not failed. UNIMPLEMENTED when the app made no call.",
    uses: [],
  },
  {
    id: "A2.start.status-handled",
    title: "The app handles every start status: SUCCESS, CANCELED and FAILED",
    section: "A2",
    ref: "docs/reference/jsapi.md#wemeet-collaboration-start",
    level: "SHOULD",
    profiles: ["collab-full"],
    description:
      "Across the run the start callback (or Promise) was answered with each status and the instance kept working after each; NON-STRICT when a status was not handled (a CANCELED start left the UI waiting).",
    uses: ["collaboration.start"],
  },
  // ---- A3: the user flow ---------------------------------------------------------------------
  {
    id: "A3.start.host-succeeds",
    title: "The host starts a session and the starter's instance keeps working",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "The host starts from the 一起用 button (or the app's own start); the session becomes active and the starter's instance has no page error afterwards.",
    uses: [],
  },
  {
    id: "A3.event.start",
    title: "Every open instance handles collaboration-change start",
    section: "A3",
    ref: "docs/reference/collaboration.md#events",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Each instance open in the meeting received the event (trace), the app handled it (its client reported that a collaboration-change listener the app registered ran and none threw: event.handled; for a client that predates handling reports, the labelled fallback: the instance reacted with a DOM change or a call) and had no page error within the settle time after it. Delivery to the SDK alone is not handling: a page that registers no listener FAILS, and so does a listener that throws (with its stack).",
    uses: [],
  },
  {
    id: "A3.event.join",
    title: "Every open instance handles collaboration-change join",
    section: "A3",
    ref: "docs/reference/collaboration.md#events",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description: "As A3.event.start, for each join.",
    uses: [],
  },
  {
    id: "A3.event.leave",
    title: "Every open instance handles collaboration-change leave",
    section: "A3",
    ref: "docs/reference/collaboration.md#events",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description: "As A3.event.start, for each leave (the leaver's closed instance is exempt).",
    uses: [],
  },
  {
    id: "A3.event.end",
    title: "Every open instance handles collaboration-change end",
    section: "A3",
    ref: "docs/reference/collaboration.md#events",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description: "As A3.event.start, for end, up to each instance's close.",
    uses: [],
  },
  {
    id: "A3.join.session-url",
    title: "Joiners open the session URL and run in scene inCollaboration",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Each joiner's new instance loads the session URL (getContext().url), reaches the host, sees scene inCollaboration, and has no page error.",
    uses: [],
  },
  {
    id: "A3.start.canceled-handled",
    title: "A CANCELED start (confirmation dismissed) is handled without an unhandled rejection",
    section: "A3",
    ref: "docs/reference/collaboration.md#confirmation",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "The host dismisses the start confirmation: the callback reports CANCELED and the Promise resolves; FAILED on a page error. UNIMPLEMENTED when the app never calls start itself.",
    uses: ["collaboration.start"],
  },
  {
    id: "A3.start.attendee-rejected",
    title: "An attendee's rejected start is handled without an unhandled rejection",
    section: "A3",
    ref: "docs/reference/jsapi.md#wemeet-collaboration-start",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "An attendee triggers the app's start: the callback reports FAILED and the Promise rejects NOT_PERMITTED; FAILED when the rejection is unhandled or the app throws. UNIMPLEMENTED when the app never calls start itself.",
    uses: ["collaboration.start"],
  },
  {
    id: "A3.start.failed-handled",
    title: "A FAILED start (a session is already active) is handled without an unhandled rejection",
    section: "A3",
    ref: "docs/decisions/0100-collaboration-session-rules.md",
    level: "MUST",
    profiles: ["collab-full"],
    description:
      "A second host starts while a session is active: FAILED through the callback and a SESSION_ACTIVE rejection; FAILED when the app does not handle it.",
    uses: ["collaboration.start"],
    decision: true,
  },
  {
    id: "A3.session.no-uncaught-error",
    title: "No instance throws an uncaught error or unhandled rejection at any time",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Every participant's instance, from the first load until 2 s after the session ended, including between the steps other cases time. FAILED names each page error with its participant; an error some other case already blames fails this case too.",
    uses: [],
  },
  {
    id: "A3.session.responsive",
    title: "Every instance keeps answering and the run ends within its budget",
    section: "A3",
    ref: "docs/decisions/0307-certify-ends.md",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "A heartbeat asks the harness page and every app frame to run a script; FAILED when one stays silent twice in a row (a busy loop: every instance of the app shares its renderer, so the run stops there and grades what it saw), or when the run's --budget runs out.",
    uses: [],
  },
  {
    id: "A3.leave.closes-cleanly",
    title: "Leave closes the leaver's instance cleanly and the others keep working",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "A joined participant leaves: their instance closes with no page error during teardown and the remaining instances have none either.",
    uses: [],
  },
  {
    id: "A3.leave.rejoin",
    title: "A participant who left can join again and the new instance works",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "SHOULD",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Leave, then join again from the rejoin bar: the new instance loads the session URL, reaches the host and shows the session (NON-STRICT when it loads but does not recover the session's state).",
    uses: [],
  },
  {
    id: "A3.end.closes-all",
    title: "End closes every instance cleanly",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-basic", "collab-full"],
    description:
      "The starter ends: every joined instance closes, with no page error during teardown, and the starter's instance keeps working.",
    uses: [],
  },
  {
    id: "A3.end.no-calls-after-close",
    title: "Closed instances make no further calls",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "SHOULD",
    profiles: ["collab-full"],
    description:
      "After leave or end, no call arrives from a closed instance (the host would answer INSTANCE_CLOSED); NON-STRICT lists them.",
    uses: [],
  },
  {
    id: "A3.reload.recovers",
    title: "A reload mid-session recovers",
    section: "A3",
    ref: "docs/reference/collaboration.md#session-flow",
    level: "MUST",
    profiles: ["collab-full"],
    description:
      "A joined participant's instance is reloaded during the session: it loads with no page error, reaches the host again and still runs in scene inCollaboration.",
    uses: [],
  },
  {
    id: "A3.convergence.digest",
    title: "All joined participants converge to the same state digest",
    section: "A3",
    ref: "docs/guides/app-developer.md",
    level: "SHOULD",
    profiles: ["collab-full"],
    description:
      "When the app exposes window.yiqiDigest() (returns a string, or a Promise of one), every joined instance must report the same digest within the bound after the last action. UNIMPLEMENTED without the hook; NON-STRICT lists the digests that differ.",
    uses: [],
  },
  // ---- A4: other members ---------------------------------------------------------------------
  {
    id: "A4.unknown.calls-listed",
    title: "Calls outside the emulated surface are listed",
    section: "A4",
    ref: "docs/decisions/0106-unknown-calls.md",
    level: "MAY",
    profiles: ["collab-basic", "collab-full"],
    description:
      "Every wemeet call Yiqi does not emulate (e.g. ui.setWebModalAction, a slip in one of Tencent's examples), with its count and callers: INFORMATIONAL when there are any, OK when there are none.",
    uses: [],
  },
  {
    id: "A4.unknown.survives-rejection",
    title: "The app survives the rejection of a call Yiqi does not emulate",
    section: "A4",
    ref: "docs/decisions/0106-unknown-calls.md",
    level: "SHOULD",
    profiles: ["collab-full"],
    description:
      "Unknown calls reject NOT_EMULATED by default; NON-STRICT when that causes a page error. UNIMPLEMENTED when the app made no such call.",
    uses: [],
    decision: true,
  },
] as const;

/** The id of a hand-written case: a grader table keyed by it must cover the catalogue. */
export type CaseId = (typeof CATALOGUE)[number]["id"];

/**
 * Every hand-written certification case. Ids are stable: never renumber, only add (and retire
 * an id by removing the case, never by reusing it).
 */
export const certCases: readonly CertCase[] = CATALOGUE;

const CASE_IDS: ReadonlySet<string> = new Set(CATALOGUE.map((c) => c.id));

/** True when `id` names a hand-written case (generated negative cases do not). */
export function isCaseId(id: string): id is CaseId {
  return CASE_IDS.has(id);
}

/** Options of {@link casesForProfile}. */
export interface CasesForProfileOptions {
  /** APIs the app was seen to use; negative cases are generated for these (collab-full only). */
  usedApis?: Iterable<string>;
}

/**
 * The cases of a profile, in catalogue order, then (for `collab-full`) the generated negative
 * cases for `usedApis`.
 *
 * @throws {CertError} `UNKNOWN_PROFILE` for a name that is not a profile.
 * @example
 * ```ts
 * casesForProfile("collab-full", { usedApis: ["collaboration.start", "collaboration.join"] });
 * ```
 */
export function casesForProfile(profile: string, options: CasesForProfileOptions = {}): CertCase[] {
  if (!isProfile(profile))
    throw new CertError(
      "UNKNOWN_PROFILE",
      `unknown profile ${JSON.stringify(profile)}: use ${Profile.COLLAB_BASIC} or ${Profile.COLLAB_FULL}`,
    );
  const base = certCases.filter((c) => c.profiles.includes(profile));
  if (profile !== Profile.COLLAB_FULL || options.usedApis === undefined) return base;
  return [...base, ...generateNegativeCases(options.usedApis)];
}
