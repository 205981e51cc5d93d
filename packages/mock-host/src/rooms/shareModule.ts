/**
 * The emulated Share module (SPEC B3) with the emulator decisions of SPEC B4:
 * not in a meeting → 10000; "sharing" precondition fails → 1; repeated start → 17; bad
 * parameters → 8.
 *
 * "Sharing" is the seed's "Rooms用户当前正在共享中": the Rooms itself shares (its own desktop,
 * window or capture device, or a laptop quick-casting through it), not another participant.
 * StopWindowShare stops only a desktop/window share (decision 0212).
 *
 * @module
 */
import { SHARE_ACTIONS } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import { type ActionDef, failed, type ModuleDef, ok } from "./module.ts";
import { endMeeting, type RoomsDeviceState } from "./state.ts";
import { shareInfoOf, shareQueryOf } from "./views.ts";

const REPEATED = 17;
const PARAMETER = 8;

const stopAll = (state: RoomsDeviceState): void => {
  state.share = undefined;
  state.quickCastingState = 0;
};

const endQuick = (state: RoomsDeviceState): void => {
  // A quick cast before a meeting runs in its own cast meeting (meeting_status 4); ending the
  // cast ends that meeting (decision 0203).
  if (state.meeting?.status === 4) endMeeting(state, "left");
  stopAll(state);
};

const checkMeetingType = (params: Record<string, unknown>): string | undefined =>
  params.meeting_type === undefined || params.meeting_type === "castMeeting"
    ? undefined
    : `meeting_type must be "castMeeting", got ${describeValue(params.meeting_type)}`;

// The value check of meeting_type is a parameter check (8): it runs before "sharing" (1).
const quickAction = (since: string, action: string): ActionDef => ({
  since,
  params: { meeting_type: "string?" },
  topLevelParams: true,
  requires: ["inMeeting"],
  handle: ({ params, state }) => {
    const bad = checkMeetingType(params);
    if (bad) return failed(PARAMETER, bad);
    const sharer = state.share?.sharer;
    if (sharer !== "rooms" && sharer !== "quickcast")
      return failed(
        1,
        `precondition failed: ${action} needs the Rooms itself to be sharing (Rooms用户当前正在共享中)${sharer === "remote" ? "; another participant is sharing" : ""}`,
      );
    endQuick(state);
    return ok();
  },
});

const startDesktop = (
  state: RoomsDeviceState,
  shareVoice: boolean,
  fluencyFirst: boolean,
  selectIndex: number,
): void => {
  state.quickCastingState = 0;
  state.share = { sharer: "rooms", shareType: 0, shareVoice, fluencyFirst, selectIndex };
};

const checkIndex = (state: RoomsDeviceState, index: unknown): string | undefined =>
  index === undefined || (typeof index === "number" && index >= 0 && index < state.windows.length)
    ? undefined
    : `select_index ${describeValue(index)} is out of range: this Rooms has windows 0..${state.windows.length - 1} (0 = desktop)`;

const alreadySharing = (state: RoomsDeviceState) =>
  state.share?.sharer === "rooms"
    ? failed(REPEATED, "repeated operation: the Rooms is already sharing; call StopShare first")
    : undefined;

const actions: Record<keyof typeof SHARE_ACTIONS, ActionDef> = {
  EndQuickShare: quickAction(SHARE_ACTIONS.EndQuickShare.since, "EndQuickShare"),
  CancelQuickShare: quickAction(SHARE_ACTIONS.CancelQuickShare.since, "CancelQuickShare"),
  StartWindowShare: {
    since: SHARE_ACTIONS.StartWindowShare.since,
    params: { share_voice: "boolean", fluency_first: "boolean", select_index: "integer?" },
    requires: ["inMeeting"],
    handle: ({ params, state }) => {
      const bad = checkIndex(state, params.select_index);
      if (bad) return failed(PARAMETER, bad);
      const repeated = alreadySharing(state);
      if (repeated) return repeated;
      startDesktop(
        state,
        params.share_voice as boolean,
        params.fluency_first as boolean,
        (params.select_index as number | undefined) ?? 0,
      );
      return ok();
    },
  },
  StopWindowShare: {
    since: SHARE_ACTIONS.StopWindowShare.since,
    requires: ["inMeeting", "sharing"],
    handle: ({ state }) => {
      const share = state.share;
      if (share?.sharer !== "rooms" || share.shareType !== 0)
        return failed(
          1,
          `precondition failed: StopWindowShare stops a desktop or window share, and the Rooms shares ${share?.sharer === "quickcast" ? "a quick cast" : `capture device ${share?.deviceId}`}; use StopShare`,
        );
      stopAll(state);
      return ok();
    },
  },
  OpenShareGuide: {
    since: SHARE_ACTIONS.OpenShareGuide.since,
    handle: ({ state }) => {
      if (state.shareGuideOpen)
        return failed(REPEATED, "repeated operation: the share guide is already open");
      state.shareGuideOpen = true;
      return ok();
    },
  },
  CloseShareGuide: {
    since: SHARE_ACTIONS.CloseShareGuide.since,
    handle: ({ state }) => {
      if (!state.shareGuideOpen)
        return failed(REPEATED, "repeated operation: the share guide is already closed");
      state.shareGuideOpen = false;
      return ok();
    },
  },
  StartShare: {
    since: SHARE_ACTIONS.StartShare.since,
    params: {
      share_type: "integer",
      share_voice: "boolean?",
      fluency_first: "boolean",
      select_index: "integer?",
      device_id: "string?",
    },
    requires: ["inMeeting"],
    handle: ({ params, state }) => {
      const type = params.share_type;
      if (type !== 0 && type !== 1)
        return failed(
          PARAMETER,
          `share_type must be 0 (desktop/window) or 1 (capture device), got ${type}`,
        );
      const voice = (params.share_voice as boolean | undefined) ?? false;
      const fluency = params.fluency_first as boolean;
      if (type === 0) {
        const bad = checkIndex(state, params.select_index);
        if (bad) return failed(PARAMETER, bad);
        const repeated = alreadySharing(state);
        if (repeated) return repeated;
        startDesktop(state, voice, fluency, (params.select_index as number | undefined) ?? 0);
        return ok();
      }
      const requested = params.device_id as string | undefined;
      // The official sample sends device_id "" for "default"; treat empty as not given.
      const deviceId = requested ? requested : state.captureDevices[0];
      if (deviceId === undefined) return failed(1, "no capture device is connected to this Rooms");
      if (!state.captureDevices.includes(deviceId))
        return failed(
          PARAMETER,
          `unknown device_id ${describeValue(deviceId)}; capture devices: ${state.captureDevices.join(", ")}`,
        );
      const repeated = alreadySharing(state);
      if (repeated) return repeated;
      state.quickCastingState = 0;
      state.share = {
        sharer: "rooms",
        shareType: 1,
        shareVoice: voice,
        fluencyFirst: fluency,
        selectIndex: 0,
        deviceId,
      };
      return ok();
    },
  },
  StopShare: {
    since: SHARE_ACTIONS.StopShare.since,
    requires: ["inMeeting"],
    handle: ({ state }) => {
      // Decision: stopping when nothing is shared succeeds (the seed states no "sharing"
      // precondition for StopShare, unlike StopWindowShare).
      if (state.quickCastingState !== 0) endQuick(state);
      else stopAll(state);
      return ok();
    },
  },
};

/** The emulated Share module. */
export const shareModule: ModuleDef = {
  name: "Share",
  querySince: "3.8.10",
  query: (subPath, { state }) => {
    if (subPath.length === 0) return ok(shareQueryOf(state));
    if (subPath.length > 1) return undefined;
    switch (subPath[0]) {
      // The seed's example prints message "成功" (success) for this query alone.
      case "CastCode":
        return { error_code: 0, message: "成功", data: { cast_code: state.castCode } };
      // Emulator decision: the other top-level fields are queryable by PascalCase name too.
      case "ShareInfo":
        return ok({ share_info: shareInfoOf(state) });
      case "CaptureDeviceList":
        return ok({ capture_device_list: [...state.captureDevices] });
      default:
        return undefined;
    }
  },
  actions,
  subEvents: ["ShareInfoChanged", "ShareGuideChanged", "CastCodeChanged"],
  views: {
    ShareInfoChanged: { payload: (s) => ({ share_info: shareInfoOf(s) }) },
    ShareGuideChanged: { payload: (s) => ({ is_open: s.shareGuideOpen }) },
    CastCodeChanged: { payload: (s) => ({ cast_code: s.castCode }) },
  },
};
