/**
 * Remote mode of the harness page (docs/decisions/0036): the meeting runs in a meeting server
 * (the one `yiqi harness` runs in process, decision 0038) and the page is a view of it. A full
 * view `reset`s the server's meeting to the page's setup (a reload is a new meeting, as in local
 * mode), claims every participant no other view holds and claims newcomers as they come; a
 * shared view (`?view=shared`) adopts the running meeting and claims only the participants its
 * URL names (`claim=p3,p4`) or new ones (`join=N`).
 *
 * @module
 */
import { connectRemoteMeeting, type RemoteMeeting } from "@yiqi/mock-host";
import { remoteFrameHosts } from "./frameHosts.ts";
import type { BackendMeeting, MeetingBackend } from "./meetingBackend.ts";

/** How the page takes part in the server's meeting. */
export interface RemoteView {
  /** Adopt the running meeting (no reset) and claim only {@link claim} / {@link join}. */
  shared: boolean;
  /** Existing participants to take over (`claim=p3,p4`), shared views only. */
  claim: string[];
  /** New participants to add and claim (`join=N`), shared views only. */
  join: number;
}

/** Largest `join=N` (a view's participants beyond it are refused by the server anyway). */
const MAX_JOIN = 1000;

/**
 * Reads the remote view from the page's URL parameters: `view=shared`, `claim=p3,p4`,
 * `join=N`; problems (a bad parameter, ignored) go to `problems`.
 */
export function parseRemoteView(search: string, problems: string[]): RemoteView {
  const params = new URLSearchParams(search);
  const view = params.get("view");
  if (view !== null && view !== "shared")
    problems.push(`view must be "shared" (adopt the running meeting); got "${view}", ignored`);
  const shared = view === "shared";
  const claim = (params.get("claim") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const bad = claim.filter((id) => !/^p[1-9]\d{0,2}$/.test(id));
  if (bad.length > 0)
    problems.push(`claim takes participant ids p1…p999; ignored ${bad.join(", ")}`);
  const rawJoin = params.get("join");
  let join = 0;
  if (rawJoin !== null) {
    const n = Number(rawJoin);
    if (Number.isInteger(n) && n >= 1 && n <= MAX_JOIN) join = n;
    else problems.push(`join must be a whole number 1…${MAX_JOIN}; got "${rawJoin}", ignored`);
  }
  if (!shared && (claim.length > 0 || join > 0))
    problems.push("claim and join apply with view=shared only (a full view claims everyone)");
  return { shared, claim: shared ? claim.filter((id) => !bad.includes(id)) : [], join };
}

/** What a view of the meeting server tells its page. */
export interface RemoteViewEvents {
  /** A problem to show: a failed claim, a reset from another view, a lost server. */
  report(problem: string): void;
  /**
   * Participants another view took over (a phone opened their join link, or a view page's "Use
   * it on this device"): asked for, so not a problem; the page notes it on its timeline.
   */
  moved(participants: string[], reason: string): void;
}

/**
 * The backend of a page that is a view of `remote`. `events.report` receives refusals (a failed
 * claim, a reset from another view); `events.moved` participants other views took over.
 */
export function remoteBackend(
  remote: RemoteMeeting,
  view: RemoteView,
  events: RemoteViewEvents,
): MeetingBackend {
  const { report } = events;
  remote.onReleased((ids, reason) => events.moved(ids, reason));
  const frames = remoteFrameHosts(remote);
  const meeting: BackendMeeting = { model: remote, frames };
  /** A full view claims participants nobody holds (newcomers, released ones). */
  let claimsAll = !view.shared;
  /** While this page resets, it claims the new meeting's participants itself. */
  let resetting = false;
  const pending = new Set<string>();
  const claimFree = (): void => {
    if (!claimsAll || resetting) return;
    const holders = remote.holders();
    const free = remote
      .participants()
      .map((p) => p.id)
      .filter((id) => holders[id] === undefined && !pending.has(id));
    if (free.length === 0) return;
    for (const id of free) pending.add(id);
    remote
      .claim(free)
      .catch(async (e: Error) => {
        // Some were taken meanwhile (by another view, or already shown as this one's).
        const now = remote.holders();
        const left = free.filter((id) => now[id] === undefined);
        if (left.length === 0) return;
        if (left.length === free.length && free.length === 1)
          report(`claim ${free.join(", ")}: ${e.message}`);
        else await Promise.all(left.map((id) => remote.claim([id]).catch(() => [])));
      })
      .finally(() => {
        for (const id of free) pending.delete(id);
      });
  };
  remote.subscribe(claimFree);
  // A reset from another view (another full page loaded) gives that view the meeting: this page
  // stops claiming (two full pages would fight over each participant) until it resets again.
  let ownResets = 0;
  remote.onReset(() => {
    if (ownResets > 0) {
      ownResets--;
      return;
    }
    if (!claimsAll) return;
    claimsAll = false;
    report(
      "the meeting was reset from another view, which now serves it: reload this page to take it back, or open it with ?view=shared",
    );
  });
  let adopted = false;
  return {
    mode: "remote",
    async reset(options) {
      if (view.shared && !adopted) {
        adopted = true;
        if (view.claim.length > 0)
          // Named on purpose: taken over from the view holding them (it shows "on another device").
          await remote.claim(view.claim, { takeover: true }).catch((e: Error) => {
            report(`claim ${view.claim.join(", ")}: ${e.message}`);
          });
        if (view.join > 0)
          await remote.claim(view.join).catch((e: Error) => {
            report(`join ${view.join}: ${e.message}`);
          });
        return { ...meeting, adopted: true };
      }
      // A reset from this page (its load, a scenario): the server's meeting is replaced and
      // every view's participants are released; this page takes them all (without waiting:
      // its frames open once the replica shows them held here).
      claimsAll = true;
      resetting = true;
      ownResets++;
      try {
        await replace(options);
      } catch (e) {
        // Refused (a bad setup) or unanswered: the page shows the meeting as it is, and why.
        ownResets = Math.max(0, ownResets - 1);
        report(`the meeting server did not reset the meeting: ${(e as Error).message}`);
      } finally {
        resetting = false;
      }
      claimFree();
      return meeting;
    },
  };

  async function replace(options: Parameters<MeetingBackend["reset"]>[0]): Promise<void> {
    const { seed, app, decisions, participants, meetingInfo, maxTraceEntries } = options;
    await remote.reset({
      ...(seed !== undefined ? { seed } : {}),
      ...(app ? { app } : {}),
      ...(decisions ? { decisions } : {}),
      ...(participants ? { participants } : {}),
      ...(meetingInfo ? { meetingInfo } : {}),
      ...(maxTraceEntries !== undefined ? { maxTraceEntries } : {}),
    });
  }
}

/** Where the page finds its meeting server: the server config's link, else `?meeting=`. */
export function meetingLinkOf(search: string, configLink: string | undefined): string | null {
  const params = new URLSearchParams(search);
  if (params.get("local") === "1") return null;
  return configLink ?? params.get("meeting");
}

/**
 * Connects the page to the meeting server at `link` as a view (remote mode); on failure says
 * why in `problems` and answers null (the page then runs its own simulator).
 */
export async function connectBackend(
  link: string,
  search: string,
  maxTraceEntries: number,
  problems: string[],
  events: RemoteViewEvents,
): Promise<MeetingBackend | null> {
  const view = parseRemoteView(search, problems);
  try {
    const remote = await connectRemoteMeeting(link, { maxTraceEntries });
    remote.onLost((why) => events.report(`the meeting server went away: ${why}`));
    return remoteBackend(remote, view, events);
  } catch (e) {
    problems.push(
      `cannot join the meeting server (${e instanceof Error ? e.message : String(e)}); this page simulates the meeting itself`,
    );
    return null;
  }
}
