/**
 * Handlers of the meeting-data and consent calls (reference §3, §4): `meeting.*`,
 * `data.getPhoneNumber`, `permission.checkJsApiConfig`, `permission.authorize`. Data comes
 * from the simulated meeting (`meeting.updateMeetingInfo`, participants' fields); the user's
 * answers to consent dialogs are decisions (0115, 0116). Internal.
 *
 * @module
 */
import {
  compareVersions,
  JSAPI_TABLE,
  JsApiConfigData,
  type MeetingInfo,
  type MeetingOpenUserInfo,
  type MeetingUser,
  RoleType,
} from "@yiqi/jsapi";
import type { ApiHandler, TableMethod } from "./apiHandlers.ts";
import { fail, ok } from "./errors.ts";
import { failFor } from "./gates.ts";
import { inMeetingScene, type PState, recordState, sceneOf } from "./meetingState.ts";
import { updateParticipant } from "./participants.ts";

const atLeast = (ps: PState, version: string): boolean =>
  compareVersions(ps.p.clientVersion, version) >= 0;

/** A participant as a `MeetingUser` (`getUserList`, `speaking-members-changed`). */
export function meetingUser(ps: PState): MeetingUser {
  return {
    index: ps.p.id,
    ...(ps.p.authorized ? { openId: ps.p.openId } : {}),
    nickname: ps.p.nickname,
    msOpenId: ps.p.msOpenId,
    roleType: ps.p.role,
  };
}

type Method = Extract<
  TableMethod,
  `meeting${string}` | `data${string}` | "permissionCheckJsApiConfig" | "permissionAuthorize"
>;

/** The handlers of this module, by host method. */
export const MEETING_DATA_HANDLERS: Readonly<Record<Method, ApiHandler>> = {
  meetingGetCurrMeetingInfo: ({ st, inst, ps }) => {
    const { subMeetingId, ...info } = st.info;
    const value: MeetingInfo = {
      ...info,
      meetingId: st.meetingId,
      roleType: ps.p.role,
      isInMeeting: inMeetingScene(sceneOf(st, inst)),
      ...(atLeast(ps, "3.7.0") ? { subMeetingId } : {}),
    };
    return ok(value);
  },

  meetingGetUserInfo: ({ st, ps }) => {
    const value: MeetingOpenUserInfo = {
      ...(ps.p.authorized ? { openId: ps.p.openId } : {}),
      nickname: ps.p.nickname,
      msOpenId: ps.p.msOpenId,
      ...(atLeast(ps, "3.4.0") ? { openCorpId: st.app.corpId } : {}),
      roleType: ps.p.role,
      ...(atLeast(ps, "3.7.0") && ps.p.avatarUrl ? { avatarUrl: ps.p.avatarUrl } : {}),
    };
    return ok(value);
  },

  meetingGetUserList: ({ st, ps }, args) => {
    if (ps.p.role !== RoleType.HOST) {
      return fail(
        "NOT_PERMITTED",
        `meeting.getUserList is for the host only (ULIST); ${ps.p.nickname} is not the host`,
      );
    }
    const all = [...st.people.values()];
    let start = 0;
    if (typeof args.index === "string") {
      const at = all.findIndex((o) => o.p.id === args.index);
      if (at < 0)
        return fail("INVALID_ARGUMENT", `meeting.getUserList: unknown index "${args.index}"`);
      start = at + 1;
    }
    const size = Math.max(1, st.decisions.userListPageSize);
    const page = all.slice(start, start + size);
    return ok({ hasMore: start + size < all.length, userList: page.map(meetingUser) });
  },

  meetingGetCustomerData: ({ st, ps }) => {
    if (!st.app.enableCustomerData) {
      return fail(
        "NOT_PERMITTED",
        "meeting.getCustomerData: the app is not bound with enable_customer_data = 1 (set app.enableCustomerData)",
      );
    }
    return ok({ customerData: ps.p.customerData });
  },

  dataGetPhoneNumber: ({ st, auth, inst, ps }) => {
    const entry = JSAPI_TABLE.dataGetPhoneNumber;
    if (st.decisions.phoneNumberConsent === "cancel") {
      return failFor(
        entry,
        "CANCELED",
        "data.getPhoneNumber: the user canceled (get auto_code is canceled)",
      );
    }
    const token = auth.issuePhoneToken(ps.p.id, ps.p.phoneNumber, ps.p.countryCode);
    recordState(
      st,
      "phoneNumber.token",
      { token },
      { participantId: ps.p.id, instanceId: inst.id },
      "A4",
    );
    return ok({ code: 0, message: "success", token });
  },

  permissionCheckJsApiConfig: ({ inst }) =>
    ok(inst.authorized ? JsApiConfigData.SUCCESS : JsApiConfigData.FAILED),

  permissionAuthorize: ({ st, auth, ps }) => {
    const entry = JSAPI_TABLE.permissionAuthorize;
    const answer = st.decisions.authorizeConsent;
    if (answer === "close")
      return failFor(entry, "CANCELED", "permission.authorize: the user closed the dialog", 2);
    if (answer === "reject")
      return failFor(entry, "NOT_PERMITTED", "permission.authorize: the user refused", 3);
    if (!ps.p.authorized) updateParticipant(st, ps.p.id, { authorized: true });
    const code = auth.issueAuthCode(ps.p.id);
    return code.ok
      ? ok({ authCode: code.value })
      : failFor(entry, "NOT_PERMITTED", `permission.authorize: ${code.message}`, 4);
  },
};
