/**
 * The emulated Share module (SPEC B3) with the emulator decisions of SPEC B4:
 * not in a meeting → 10000; "sharing" precondition fails → 1; repeated start → 17; bad
 * parameters → 8.
 *
 * @module
 */
import { SHARE_ACTIONS } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import { type ActionDef, failed, type ModuleDef, ok } from "./module.ts";
import { type RoomsDeviceState, shareInfoOf, shareQueryOf, shareUserFor } from "./state.ts";

const REPEATED = 17;
const PARAMETER = 8;

const stopAll = (state: RoomsDeviceState): void => {
  state.share = undefined;
  state.quickCastingState = 0;
};

const endQuick = (state: RoomsDeviceState): void => {
  const wasCast = state.meeting?.meeting_type === "castMeeting";
  stopAll(state);
  // A quick cast runs in its own cast meeting; ending the cast ends that meeting (decision).
  if (wasCast) state.meeting = undefined;
};

const checkMeetingType = (params: Record<string, unknown>): string | undefined =>
  params.meeting_type === undefined || params.meeting_type === "castMeeting"
    ? undefined
    : `meeting_type must be "castMeeting", got ${describeValue(params.meeting_type)}`;

const quickAction = (since: string): ActionDef => ({
  since,
  params: { meeting_type: "string?" },
  topLevelParams: true,
  requires: ["inMeeting", "sharing"],
  handle: ({ params, state }) => {
    const bad = checkMeetingType(params);
    if (bad) return failed(PARAMETER, bad);
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
  state.share = {
    sharer: "rooms",
    shareType: 0,
    shareVoice,
    fluencyFirst,
    selectIndex,
    user: shareUserFor("rooms"),
  };
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
  EndQuickShare: quickAction(SHARE_ACTIONS.EndQuickShare.since),
  CancelQuickShare: quickAction(SHARE_ACTIONS.CancelQuickShare.since),
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
        user: shareUserFor("rooms"),
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
      case "CastCode":
        return ok({ cast_code: state.castCode });
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
};
