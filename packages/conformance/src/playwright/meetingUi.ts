/**
 * `meeting.ui(action, participant, ...args)`: one user action of the emulated client, by name.
 * An unknown action or participant, and every refusal of the simulator, throws a coded
 * {@link YiqiFixtureError}; an action that opens an app waits for it to connect.
 *
 * @module
 */
import type { Page } from "@playwright/test";
import {
  MEETING_UI_ACTIONS,
  type MeetingUiAction,
  type YiqiHarnessApi,
  type YiqiHarnessWindow,
} from "@yiqi/harness";
import { boundedEvaluate } from "./boundedEvaluate.ts";
import { YiqiFixtureError } from "./YiqiFixtureError.ts";

/** The emulated client's actions (`meeting.ui` of the page). */
export type MeetingUiActions = YiqiHarnessApi["meeting"]["ui"];

/** The arguments of `action` after the participant (`answerConfirmation`: `accept`). */
export type UiActionArgs<A extends MeetingUiAction> =
  Parameters<MeetingUiActions[A]> extends [string, ...infer Rest] ? Rest : never;

/** What `action` answers when the client accepts it (the `value` of its HostResult). */
export type UiActionValue<A extends MeetingUiAction> = Extract<
  Awaited<ReturnType<MeetingUiActions[A]>>,
  { ok: true }
>["value"];

/** Actions after which the participant has a new app page that must connect. */
export const OPENS_APP: ReadonlySet<MeetingUiAction> = new Set<MeetingUiAction>([
  "openApp",
  "join",
]);

/** What the page answers for one action. */
type PageAnswer =
  | { ok: true; value: unknown; participantId: string; nickname: string }
  | { ok: false; code: string; message: string; participantId?: string; nickname?: string };

/** In the page: resolves `who`, runs `meeting.ui[action](pid, ...args)`, answers as JSON. */
async function runInPage([action, who, args]: [string, string, unknown[]]): Promise<PageAnswer> {
  const h = (globalThis as unknown as YiqiHarnessWindow).yiqiHarness;
  const p = h.meeting.participants().find((x) => x.nickname === who || x.id === who);
  if (!p) {
    const known = h.meeting.participants().map((x) => `${x.nickname} (${x.id})`);
    return {
      ok: false,
      code: "UNKNOWN_PARTICIPANT",
      message: `no participant "${who}": the meeting has ${known.join(", ") || "nobody"}`,
    };
  }
  const ui = h.meeting.ui as unknown as Partial<Record<string, (...a: unknown[]) => unknown>>;
  const fn = ui[action];
  if (typeof fn !== "function") {
    return {
      ok: false,
      code: "UNKNOWN_UI_ACTION",
      message: `this harness page has no meeting.ui.${action}: update @yiqi/harness`,
    };
  }
  const r = (await fn.call(ui, p.id, ...args)) as
    | { ok: true; value: unknown }
    | { ok: false; error: { code?: string; errMsg?: string } };
  const ids = { participantId: p.id, nickname: p.nickname };
  if (r.ok) return { ok: true, value: JSON.parse(JSON.stringify(r.value ?? null)), ...ids };
  return {
    ok: false,
    code: "UI_REFUSED",
    message: `${r.error.code ?? "REFUSED"}: ${r.error.errMsg ?? "(no message)"}`,
    ...ids,
  };
}

/** The answer of one action: its value, and who it was for. */
export interface UiOutcome {
  value: unknown;
  participantId: string;
}

/**
 * Runs `meeting.ui[action]` for `who` (a nickname or an id) in `page`.
 *
 * @throws {YiqiFixtureError} `UNKNOWN_UI_ACTION` (with the known actions), `UNKNOWN_PARTICIPANT`,
 *   or `UI_REFUSED` with the simulator's code (`NOT_PERMITTED: the app has not connected yet`),
 *   or `PAGE_UNRESPONSIVE` when the page has not answered within `timeoutMs`.
 */
export async function runUiAction(
  page: Page,
  action: string,
  who: string,
  args: unknown[],
  timeoutMs: number,
): Promise<UiOutcome> {
  const label = `meeting.ui(${JSON.stringify(action)}, ${JSON.stringify(who)}${args.map((a) => `, ${JSON.stringify(a)}`).join("")})`;
  if (!(MEETING_UI_ACTIONS as readonly string[]).includes(action)) {
    throw new YiqiFixtureError(
      "UNKNOWN_UI_ACTION",
      `${label}: the client has no action "${action}"; the actions are ${MEETING_UI_ACTIONS.join(", ")}`,
    );
  }
  const answer = await boundedEvaluate(
    page,
    runInPage,
    [action, who, args] as [string, string, unknown[]],
    { what: label, participant: who, timeoutMs },
  );
  if (answer.ok) return { value: answer.value, participantId: answer.participantId };
  const refusal = answer.code === "UI_REFUSED" ? answer.message.split(":")[0] : undefined;
  throw new YiqiFixtureError(
    answer.code as "UI_REFUSED" | "UNKNOWN_PARTICIPANT" | "UNKNOWN_UI_ACTION",
    answer.code === "UI_REFUSED"
      ? `${label} was refused: ${answer.message}`
      : `${label}: ${answer.message}`,
    {
      ...(answer.nickname ? { participant: answer.nickname } : {}),
      ...(refusal ? { reason: refusal } : {}),
    },
  );
}
