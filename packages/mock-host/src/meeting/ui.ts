/**
 * The user's actions in the emulated client (`meeting.ui`): they go through the same session
 * machine as the app's calls and are traced. Internal, except the {@link MeetingUi} type.
 *
 * @module
 */
import { type AppHandleResp, type HostResult, JSAPI_TABLE } from "@yiqi/jsapi";
import { fail, ok } from "./errors.ts";
import { callGateError } from "./gates.ts";
import { closeInstance } from "./instances.ts";
import {
  entryLabel,
  isMember,
  type MeetingState,
  newKey,
  person,
  recordState,
  slotInstance,
} from "./meetingState.ts";
import type { AppSlotView, OpenAppOptions } from "./model.ts";
import { openSceneProblem } from "./scenes.ts";
import {
  endSession,
  finishSession,
  joinSession,
  leaveSession,
  startSession,
} from "./sessionMachine.ts";
import { appUrlProblem } from "./sessionUrl.ts";
import { traced, tracedSync } from "./tracedCall.ts";
import { API_GATES, versionError } from "./version.ts";
import { viewOf } from "./views.ts";

/**
 * What a user does in the emulated client. Each action goes through the same state machine as
 * the app calls, is traced, and answers a `HostResult` (never throws for user-level failures;
 * throws {@link MeetingError} only for an unknown participant id).
 */
export interface MeetingUi {
  /**
   * Open the app for a participant (the client's app panel), at the app's url or `url`, in
   * scene `inMeeting` or `options.scene` (every documented scene; `inWaitingRoom` needs client
   * 3.18, else `UNSUPPORTED_VERSION`). A string is the url.
   */
  openApp(participantId: string, options?: string | OpenAppOptions): HostResult<AppSlotView>;
  /** Close the participant's app panel (a joined participant leaves; the starter ends). */
  closeApp(participantId: string): HostResult<null>;
  /** Click the 一起用 / 一起玩 button of the app's top bar. */
  clickStart(participantId: string): Promise<HostResult<AppHandleResp>>;
  /** Click Join on the invitation, or 重新加入 on the rejoin bar: opens a NEW instance. */
  join(participantId: string): HostResult<null>;
  /** Leave the session from the client (the participant's instance closes). */
  leave(participantId: string): HostResult<null>;
  /** End the session from the client. */
  end(participantId: string): Promise<HostResult<AppHandleResp>>;
  /** Dismiss the invitation (a rejoin bar stays, so the participant can join later). */
  dismissInvitation(participantId: string): HostResult<null>;
  /** Answer a pending confirmation dialog (`ask` policy): accept, or cancel (CANCELED). */
  answerConfirmation(participantId: string, accept: boolean): HostResult<null>;
}

/** The {@link MeetingUi} of a meeting's state. */
export function createMeetingUi(st: MeetingState): MeetingUi {
  return {
    openApp(participantId, options) {
      const ps = person(st, participantId);
      const o = typeof options === "string" ? { url: options } : (options ?? {});
      const { url, scene = "inMeeting" } = o;
      return tracedSync(st, { name: "ui.openApp", participantId, args: { url, scene } }, () => {
        if (isMember(st, participantId)) {
          return fail("NOT_PERMITTED", `${ps.p.nickname} is in 一起用; leave before reopening`);
        }
        const bad = url === undefined ? "" : appUrlProblem(url, "ui.openApp: url");
        if (bad) return fail("INVALID_ARGUMENT", bad);
        const badScene = openSceneProblem(scene, ps.p.clientVersion);
        if (badScene) return badScene;
        const old = slotInstance(st, ps);
        if (old) closeInstance(st, old, "replaced: the app was reopened");
        ps.slot = { url: url ?? st.app.url, scene, key: newKey(st), instanceId: null };
        recordState(st, "slot.opened", { ...ps.slot }, { participantId });
        return ok(viewOf(st, ps).app as AppSlotView);
      });
    },

    closeApp(participantId) {
      const ps = person(st, participantId);
      return tracedSync(st, { name: "ui.closeApp", participantId }, () => {
        if (!ps.slot) return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open`);
        if (st.session?.starterId === participantId) finishSession(st, ps);
        else if (st.session?.joined.has(participantId)) return leaveSession(st, ps);
        const inst = slotInstance(st, ps);
        if (inst) closeInstance(st, inst, "the app was closed in the client");
        ps.slot = null;
        recordState(st, "slot.closed", null, { participantId });
        return ok(null);
      });
    },

    clickStart(participantId) {
      const ps = person(st, participantId);
      return traced(st, { name: "ui.clickStart", spec: "A3", participantId, args: null }, () => {
        if (!ps.slot) return fail("NOT_PERMITTED", `${ps.p.nickname} has no app open`);
        const inst = slotInstance(st, ps);
        if (inst && !inst.config.visible) {
          return fail(
            "NOT_PERMITTED",
            `the ${entryLabel(st)} button is hidden (setCollaborationConfig({ visible: false }))`,
          );
        }
        const gate = API_GATES.collaborationStart;
        const tooOld = versionError<AppHandleResp>(ps.p.clientVersion, gate.name, gate.versions);
        if (tooOld) return tooOld;
        if (!inst) {
          return fail("NOT_PERMITTED", "the app has not connected yet; wait for its instance");
        }
        const gated = callGateError<AppHandleResp>(st, inst, ps, JSAPI_TABLE.collaborationStart);
        if (gated) return gated;
        return startSession(st, ps, inst, undefined);
      });
    },

    join(participantId) {
      const ps = person(st, participantId);
      return tracedSync(st, { name: "ui.join", participantId }, () => joinSession(st, ps, null));
    },

    leave(participantId) {
      const ps = person(st, participantId);
      return tracedSync(st, { name: "ui.leave", participantId }, () => leaveSession(st, ps));
    },

    end(participantId) {
      const ps = person(st, participantId);
      return traced(st, { name: "ui.end", spec: "A3", participantId, args: null }, () =>
        endSession(st, ps),
      );
    },

    dismissInvitation(participantId) {
      const ps = person(st, participantId);
      return tracedSync(st, { name: "ui.dismissInvitation", participantId }, () => {
        const s = st.session;
        if (!s || ps.invitation !== s.activeId) {
          return fail("NO_ACTIVE_SESSION", `${ps.p.nickname} has no pending invitation`);
        }
        ps.invitation = null;
        ps.rejoin = s.activeId;
        recordState(st, "invitation.dismissed", { activeId: s.activeId }, { participantId });
        return ok(null);
      });
    },

    answerConfirmation(participantId, accept) {
      const ps = person(st, participantId);
      const call = { name: "ui.answerConfirmation", participantId, args: { accept } };
      return tracedSync(st, call, () => {
        const c = ps.confirmation;
        if (!c) return fail("NOT_PERMITTED", `${ps.p.nickname} has no confirmation dialog open`);
        ps.confirmation = null;
        recordState(
          st,
          "confirmation.answered",
          { kind: c.kind, accepted: accept },
          { participantId },
        );
        c.resolve(accept);
        return ok(null);
      });
    },
  };
}
