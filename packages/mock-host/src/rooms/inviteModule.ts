/**
 * The emulated Invite module (reference §5.4): `Query ["Invite"]` (Tencent's shape) and the
 * actions its page promises without naming: dial a phone out (before or in a meeting), hang up,
 * accept or reject an incoming invitation. Names and rules: decision
 * `docs/decisions/0211-rooms-members-invite-ability.md`.
 *
 * @module
 */
import { INVITE_ACTIONS, type InviteAction } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import { busy } from "./meetingModule.ts";
import { type ActionDef, accepted, failed, type ModuleDef, ok } from "./module.ts";
import { adHocPlan, meetingFrom } from "./state.ts";
import { inviteQueryOf } from "./views.ts";

const actions: Record<InviteAction, ActionDef> = {
  DialPstn: {
    since: INVITE_ACTIONS.DialPstn.since,
    params: { phone_number: "string" },
    handle: ({ params, state }) => {
      const number = params.phone_number as string;
      if (!state.invite.pstnEnabled)
        return failed(40000, "phone dial-out (PSTN) is not enabled for this Rooms account");
      if (!/^\+?\d{5,15}$/.test(number))
        return failed(
          40007,
          `phone number ${describeValue(number)} is wrong: 5 to 15 digits, optional +`,
        );
      if (state.meeting?.status === 4)
        return failed(40003, "cannot dial out while casting: end the quick cast first");
      if (state.invite.dialState !== 0)
        return failed(
          40005,
          `a call to ${state.invite.phoneNumber} is already ringing or connected; HangUpPstn first`,
        );
      state.invite.dialState = 1;
      state.invite.phoneNumber = number;
      return accepted(({ state: s }) => {
        if (s.invite.dialState !== 1 || s.invite.phoneNumber !== number) return;
        s.invite.dialState = 2;
        // In a meeting the callee joins it as a phone participant.
        s.meeting?.members.push({
          user_id: `pstn-${number}`,
          app_uid: "",
          nickname: number,
          role: 3,
          is_creator: false,
          user_type: 2,
          audio_on: true,
          video_on: false,
          waiting: false,
        });
      });
    },
  },
  HangUpPstn: {
    since: INVITE_ACTIONS.HangUpPstn.since,
    handle: ({ state }) => {
      if (state.invite.dialState === 0) return failed(40006, "no phone call to hang up");
      const id = `pstn-${state.invite.phoneNumber}`;
      state.invite.dialState = 0;
      state.invite.phoneNumber = "";
      if (state.meeting)
        state.meeting.members = state.meeting.members.filter((m) => m.user_id !== id);
      return ok();
    },
  },
  AcceptInvite: {
    since: INVITE_ACTIONS.AcceptInvite.since,
    handle: ({ state, now }) => {
      const inv = state.invite.incoming;
      if (!inv) return failed(10002, "the Rooms has no invitation to accept");
      const bad = busy(state, false);
      if (bad) return bad;
      const plan = state.meetingList.find((p) => p.code === inv.code) ?? {
        ...adHocPlan(inv.code, Math.floor(now() / 1000)),
        title: inv.title,
        creatorName: inv.inviter,
        password: inv.password,
      };
      state.invite.incoming = undefined;
      state.meeting = { ...meetingFrom({ ...plan, waitingRoom: false }, 3), status: 2 };
      return accepted(({ state: s }) => {
        if (s.meeting?.status === 2 && s.meeting.code === plan.code) s.meeting.status = 1;
      });
    },
  },
  RejectInvite: {
    since: INVITE_ACTIONS.RejectInvite.since,
    handle: ({ state }) => {
      if (!state.invite.incoming) return failed(10002, "the Rooms has no invitation to reject");
      state.invite.incoming = undefined;
      return ok();
    },
  },
};

/** The emulated Invite module. */
export const inviteModule: ModuleDef = {
  name: "Invite",
  querySince: "3.8.10",
  query: (subPath, { state }) => (subPath.length === 0 ? ok(inviteQueryOf(state)) : undefined),
  actions,
  subEvents: ["PstnStateChanged", "RoomsInviteChanged"],
  views: {
    PstnStateChanged: { payload: (s) => ({ pstn: inviteQueryOf(s).pstn }) },
    RoomsInviteChanged: { payload: (s) => ({ rooms: inviteQueryOf(s).rooms }) },
  },
};
