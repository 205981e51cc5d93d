/**
 * The app instances one view opened on the server's meeting (decision 0031): `open` for a
 * participant it holds, `call` / `close` of its own instances, the instances' events forwarded
 * and their `closed` frames. Web-standard; internal to the meeting server core.
 *
 * @module
 */
import { REPORT_GRACE_MS } from "../attachApp.ts";
import { environmentFor } from "../meeting/environment.ts";
import type { Meeting } from "../meeting/meeting.ts";
import type { AppInstance } from "../meeting/model.ts";
import {
  isHostMethod,
  MeetingServerError,
  type MeetingServerLimits,
  type ServerFrame,
  type ViewFrame,
} from "./protocol.ts";

/** Why the server closes an instance when its participant moves to another view. */
export const TAKEN_OVER_REASON = "the participant joined from another view";

/** The client's handling reports of `inst` settled (decision 0306), where the simulator has them. */
const reportsSettled = (inst: AppInstance): Promise<void> =>
  (inst as unknown as { reportsSettled?: () => Promise<void> }).reportsSettled?.() ??
  Promise.resolve();

/** What a view's instances need of their session. */
export interface ViewInstancesContext {
  meeting: () => Meeting;
  limits: Readonly<MeetingServerLimits>;
  /** Whether the view holds participant `pid`. */
  holds(pid: string): boolean;
  /** Sends an unprompted frame. */
  send(frame: ServerFrame): void;
  /** Sends the answer to a request (observers are brought up to date first). */
  answer(frame: ServerFrame): void;
}

/** One view's instances. */
export interface ViewInstances {
  open(f: Extract<ViewFrame, { t: "open" }>): void;
  call(f: Extract<ViewFrame, { t: "call" }>): void;
  close(f: Extract<ViewFrame, { t: "close" }>): void;
  /**
   * Closes the instances of `participants` (every one when omitted) at once: their `closed`
   * frames are sent before this returns (a takeover, a release, a reset).
   */
  closeNow(reason: string, participants?: ReadonlySet<string>): void;
  /** The view is gone: closes every instance, sending nothing. */
  drop(reason: string): void;
}

/** The instances of one view. */
export function createViewInstances(ctx: ViewInstancesContext): ViewInstances {
  const instances = new Map<string, AppInstance>();
  /** Instances whose `closed` frame is sent at once (closed by the server, not the client). */
  const immediate = new Set<string>();
  let pending = 0;

  /** Where the participant's client shows the app now (a join replaced it), if anywhere. */
  const appSlotUrl = (pid: string): { url?: string } => {
    try {
      const url = ctx.meeting().view(pid).app?.url;
      return url ? { url } : {};
    } catch {
      return {};
    }
  };

  const own = (id: string): AppInstance => {
    const inst = instances.get(id);
    if (!inst)
      throw new MeetingServerError(
        "NOT_YOUR_INSTANCE",
        `instance ${id} is not open in this view; open one for a participant you hold`,
      );
    return inst;
  };

  const closeNow = (reason: string, participants?: ReadonlySet<string>): void => {
    for (const inst of [...instances.values()]) {
      if (participants && !participants.has(inst.participantId)) continue;
      if (inst.closed) {
        // Closed by the simulator, its frame still waiting for the client's reports.
        instances.delete(inst.id);
        ctx.send({ t: "closed", instance: inst.id, reason: inst.closeReason ?? reason });
      } else {
        immediate.add(inst.id);
        inst.close(reason);
      }
    }
  };

  return {
    open(f) {
      if (!ctx.holds(f.participant))
        throw new MeetingServerError(
          "NOT_YOUR_PARTICIPANT",
          `this view was not given participant ${f.participant}; claim participants first`,
        );
      const meeting = ctx.meeting();
      const url = f.url ?? meeting.view(f.participant).app?.url ?? meeting.app().url;
      let inst: AppInstance;
      try {
        inst = meeting.openInstance(f.participant, { url, origin: new URL(url).origin });
      } catch (e) {
        throw new MeetingServerError(
          "INVALID_ARGUMENT",
          e instanceof Error ? e.message : String(e),
        );
      }
      instances.set(inst.id, inst);
      const offEvents = inst.onEvent((message) =>
        ctx.send({ t: "event", instance: inst.id, message }),
      );
      const closed = (reason: string): void => {
        if (!instances.delete(inst.id)) return;
        ctx.send({ t: "closed", instance: inst.id, reason, ...appSlotUrl(f.participant) });
      };
      inst.onClose((reason) => {
        offEvents();
        if (immediate.delete(inst.id)) {
          closed(reason);
          return;
        }
        // As attachApp: the closing call answers first, and the client reports its handling of
        // the last events, at most REPORT_GRACE_MS.
        setTimeout(() => {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const grace = new Promise<void>((r) => {
            timer = setTimeout(r, REPORT_GRACE_MS);
          });
          void Promise.race([reportsSettled(inst), grace]).then(() => {
            clearTimeout(timer);
            closed(reason);
          });
        }, 0);
      });
      const environment = environmentFor(meeting.participant(f.participant), inst.id);
      ctx.answer({ t: "opened", id: f.id, instance: inst.id, url, environment });
    },

    call(f) {
      const inst = own(f.instance);
      if (!isHostMethod(f.method))
        throw new MeetingServerError(
          "UNKNOWN_METHOD",
          `${f.method.slice(0, 64)} is not a host method`,
        );
      if (pending >= ctx.limits.maxPendingCalls)
        throw new MeetingServerError(
          "QUOTA_EXCEEDED",
          `at most ${ctx.limits.maxPendingCalls} unanswered calls per view; wait for answers`,
        );
      const method = (inst.api as unknown as Record<string, (a: unknown) => Promise<unknown>>)[
        f.method
      ];
      if (typeof method !== "function")
        throw new MeetingServerError(
          "UNKNOWN_METHOD",
          `${f.method} is not served by this simulator`,
        );
      pending++;
      void Promise.resolve()
        .then(() => method.call(inst.api, f.args))
        .then(
          (result) => ctx.answer({ t: "result", id: f.id, result }),
          (e: unknown) =>
            ctx.answer({
              t: "error",
              id: f.id,
              code: "INVALID_ARGUMENT",
              message: e instanceof Error ? e.message : String(e),
            }),
        )
        .finally(() => pending--);
    },

    close(f) {
      own(f.instance).close("the app frame disconnected (reload, navigation or removal)");
      ctx.answer({ t: "result", id: f.id, result: null });
    },

    closeNow,

    drop(reason) {
      for (const inst of instances.values()) if (!inst.closed) inst.close(reason);
      instances.clear();
    },
  };
}
