/**
 * Per-participant view tokens (docs/decisions/0037): the join link of participant pN carries a
 * token that admits pN only, `pN.<mac>`, where `<mac>` is the first 128 bits of
 * HMAC-SHA256(meeting token, `yiqi-view:pN`) in base64url. Derived, so nothing is stored and a
 * restart with the same meeting token (`--meeting <join link>`) hands out the same links; the
 * participant prefix says whose a token is, so a refusal can say which link to open instead.
 * Every comparison is constant-time (`tokensEqual`).
 *
 * @module
 */
import { createHmac } from "node:crypto";
import { tokensEqual } from "@yiqi/mock-host";
import { HarnessServerError } from "./appRegistry.ts";

/** A participant id a page may stand for: `p1` … `p999` (its app origin is `p<N>.<app>`). */
export const PARTICIPANT_ID: RegExp = /^p([1-9]\d{0,2})$/;

/** The highest participant number a view link exists for. */
export const MAX_VIEW_PARTICIPANT = 999;

/** A participant's token: its id, a dot, 22 base64url characters (128 bits). */
const PARTICIPANT_TOKEN = /^(p[1-9]\d{0,2})\.[A-Za-z0-9_-]{22}$/;

/** What a presented token admits: the whole meeting, or one participant's view. */
export type ViewCredential =
  | { readonly kind: "meeting" }
  | { readonly kind: "participant"; readonly participant: string };

/** A coded refusal of a credential for a view (403: the token is good, not for this view). */
export interface ViewRefusal {
  readonly status: 403;
  readonly code: "TOKEN_FOR_ANOTHER_PARTICIPANT";
  readonly message: string;
}

/**
 * The token of participant `participant`'s view link in the meeting of `meetingToken`.
 *
 * @throws {HarnessServerError} when `participant` is not `p1` … `p999`.
 */
export function viewToken(meetingToken: string, participant: string): string {
  if (!PARTICIPANT_ID.test(participant))
    throw new HarnessServerError(
      `a view link is one participant's: pass an id p1 … p${MAX_VIEW_PARTICIPANT} (got ${JSON.stringify(participant.slice(0, 40))})`,
    );
  const mac = createHmac("sha256", meetingToken)
    .update(`yiqi-view:${participant}`)
    .digest()
    .subarray(0, 16)
    .toString("base64url");
  return `${participant}.${mac}`;
}

/** The view tokens of p1 … p999, by participant id (the harness page hands out their links). */
export function viewTokens(meetingToken: string): Readonly<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (let n = 1; n <= MAX_VIEW_PARTICIPANT; n++)
    tokens[`p${n}`] = viewToken(meetingToken, `p${n}`);
  return tokens;
}

/** What `presented` admits in the meeting of `meetingToken`, or undefined (not a token of it). */
export function credentialOf(
  presented: string | null | undefined,
  meetingToken: string,
): ViewCredential | undefined {
  if (tokensEqual(presented, meetingToken)) return { kind: "meeting" };
  const participant = typeof presented === "string" ? PARTICIPANT_TOKEN.exec(presented)?.[1] : "";
  if (!participant) return undefined;
  return tokensEqual(presented, viewToken(meetingToken, participant))
    ? { kind: "participant", participant }
    : undefined;
}

/**
 * Why `credential` may not open the view of `participant` (undefined: the unpinned, full view),
 * or undefined if it may. The meeting's token opens every view; a participant's token opens its
 * own participant's view only, whatever the request asks for.
 */
export function viewRefusal(
  credential: ViewCredential,
  participant: string | undefined,
  where: "page" | "socket",
): ViewRefusal | undefined {
  if (credential.kind === "meeting" || credential.participant === participant) return undefined;
  const own = credential.participant;
  const message =
    participant === undefined
      ? `this token admits participant ${own} only: connect with ?participant=${own} (the whole meeting needs the meeting's token, from \`yiqi harness\`'s join link)`
      : where === "page"
        ? `This link is ${own}'s: it opens ${own}'s page (/p/${own}) only. To join as ${participant}, open the link the meeting's host shared for ${participant}.`
        : `this token admits participant ${own} only, not ${participant}: connect with ?participant=${own}, or use ${participant}'s own link`;
  return { status: 403, code: "TOKEN_FOR_ANOTHER_PARTICIPANT", message };
}
