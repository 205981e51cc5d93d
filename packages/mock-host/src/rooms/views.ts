/**
 * The wire views of the device's world: every Query answer and event payload, with keys in the
 * order Tencent's tables print them. Key order matters: the device serialiser keeps it, and
 * drivers match the bytes (no nested object as the last key where a driver's regular expression
 * ends at `}}}}`).
 *
 * @module
 */
import type {
  AbilityQueryData,
  AudioDeviceInfo,
  CameraInfo,
  DeviceQueryData,
  InviteQueryData,
  MeetingControlQueryData,
  MeetingInfo,
  MeetingListItem,
  MeetingQueryData,
  MembersQueryData,
  RoomsUserInfo,
  ShareInfo,
  ShareQueryData,
} from "@yiqi/rooms-rpc";
import {
  formatMeetingCode,
  type MemberState,
  ROOMS_USER_ID,
  type RoomsDeviceState,
} from "./state.ts";

const FRAME_MODES = ["", "手动配置", "自动框选", "发言人跟踪", "参会者拼图", "演讲者追踪"];

const userInfo = (
  m: Pick<
    MemberState,
    | "app_uid"
    | "user_id"
    | "role"
    | "is_creator"
    | "user_type"
    | "audio_on"
    | "video_on"
    | "nickname"
  >,
  instanceId: number,
  sharing: boolean,
): RoomsUserInfo => ({
  app_uid: m.app_uid,
  app_id: "yiqi-corp",
  user_id: m.user_id,
  host: m.role === 1,
  co_host: m.role === 2,
  instance_id: instanceId,
  user_type: m.user_type,
  is_creator: m.is_creator,
  role_type: m.role,
  video_on: m.video_on,
  audio_on: m.audio_on,
  screen_sharing: sharing,
  screen_share_type: 0,
  web_sharing: false,
  nickname: m.nickname,
});

/** The Rooms's own user info (`self_info`, `self_user_info`, its `share_user_info`). */
export function roomsUserOf(state: RoomsDeviceState): RoomsUserInfo {
  const d = state.devices;
  return userInfo(
    {
      app_uid: "rooms-uid-1",
      user_id: ROOMS_USER_ID,
      role: state.meeting?.roomsRole ?? 3,
      is_creator: state.meeting?.roomsRole === 1,
      user_type: 1,
      audio_on: d.mic.switch,
      video_on: d.camera.switch,
      nickname: state.roomsName,
    },
    20,
    state.share?.sharer === "rooms" || state.share?.sharer === "quickcast",
  );
}

/** A member's user info. */
export function memberInfoOf(state: RoomsDeviceState, m: MemberState): RoomsUserInfo {
  return userInfo(m, m.user_type === 2 ? 0 : 1, state.share?.userId === m.user_id);
}

/** `share_info`. */
export function shareInfoOf(state: RoomsDeviceState): ShareInfo {
  const share = state.share;
  if (!share) return { is_sharing: false, quick_casting_state: state.quickCastingState };
  let user: RoomsUserInfo;
  if (share.sharer === "remote") {
    const m = state.meeting?.members.find((x) => x.user_id === share.userId);
    user = m
      ? memberInfoOf(state, m)
      : { ...roomsUserOf(state), nickname: "Remote participant", host: false };
  } else if (share.sharer === "quickcast") {
    user = { ...roomsUserOf(state), nickname: "Quick cast laptop" };
  } else user = roomsUserOf(state);
  return { is_sharing: true, quick_casting_state: state.quickCastingState, share_user_info: user };
}

/** `Query ["Share"]` data. */
export function shareQueryOf(state: RoomsDeviceState): ShareQueryData {
  return {
    share: {
      share_info: shareInfoOf(state),
      cast_code: state.castCode,
      capture_device_list: [...state.captureDevices],
    },
  };
}

/**
 * `meeting_info`: `meeting_status` only when idle (0, or 5 while dialling out before a
 * meeting); `meeting_time` before the flat times and a scalar last.
 */
export function meetingInfoOf(state: RoomsDeviceState): MeetingInfo {
  const m = state.meeting;
  if (!m) return { meeting_status: state.invite.dialState !== 0 ? 5 : 0 };
  const base: MeetingInfo = { meeting_status: m.status };
  if (m.status === 2) return base;
  return {
    ...base,
    meeting_type: m.type,
    meeting_title: m.title,
    meeting_code: m.code,
    formatted_meeting_code: formatMeetingCode(m.code),
    meeting_password: m.password,
    meeting_time: { begin_time: m.beginTime, end_time: m.endTime },
    begin_time: m.beginTime,
    end_time: m.endTime,
    meeting_creator_name: m.creatorName,
    host_status: m.roomsRole === 1 || m.members.some((x) => x.role === 1 && !x.waiting) ? 1 : 0,
  };
}

/** `Query ["Meeting", "MeetingList"]` data. */
export function meetingListOf(state: RoomsDeviceState): { meeting_list: MeetingListItem[] } {
  return {
    meeting_list: state.meetingList.map((p) => ({
      meeting_time: { begin_time: p.beginTime, end_time: p.endTime },
      meeting_creator_name: p.creatorName,
      formatted_meeting_code: formatMeetingCode(p.code),
      meeting_title: p.title,
      meeting_type: p.type,
    })),
  };
}

/** `Query ["Meeting"]` data. */
export function meetingQueryOf(state: RoomsDeviceState): MeetingQueryData {
  const inMeeting = state.meeting?.status === 1 || state.meeting?.status === 4;
  const share = state.share ? shareInfoOf(state).share_user_info : undefined;
  return {
    multi_scree_info: { multi_screen_status: 0 },
    ...(inMeeting
      ? {
          layout_info: { layout_type: 2 },
          main_screen_layout_info: { layout_type: 2 },
          layout_switch_info: { current_switch_type: 0 },
        }
      : {}),
    meeting_info: meetingInfoOf(state),
    ...(inMeeting ? { self_info: roomsUserOf(state) } : {}),
    ...(share ? { share_user_info: share } : {}),
  };
}

/** `mic_info`. */
export const micInfoOf = (s: RoomsDeviceState): AudioDeviceInfo => ({
  switch: s.devices.mic.switch,
  device_id: s.devices.mic.present ? s.devices.mic.device_id : "",
  volume: s.devices.mic.volume,
});

/** `speaker_info`. */
export const speakerInfoOf = (s: RoomsDeviceState): AudioDeviceInfo => ({
  switch: s.devices.speaker.switch,
  device_id: s.devices.speaker.device_id,
  volume: s.devices.speaker.volume,
});

/** `camera_info`: the frame mode first (a nested object must not be last). */
export const cameraInfoOf = (s: RoomsDeviceState): CameraInfo => ({
  camera_frame_mode: {
    mode: s.devices.camera.frameMode,
    name: FRAME_MODES[s.devices.camera.frameMode] ?? "",
  },
  switch: s.devices.camera.switch,
  device_id: s.devices.camera.present ? s.devices.camera.device_id : "",
});

/** `device_info` (fields undocumented: emulator decision). */
export const deviceInfoOf = (s: RoomsDeviceState): DeviceQueryData["device_info"] => ({
  device_name: s.roomsName,
  device_model: "Yiqi emulated Rooms",
  rooms_version: s.version,
});

/** `Query ["Device"]` data. */
export function deviceQueryOf(s: RoomsDeviceState): DeviceQueryData {
  const p = s.devices.ptz;
  return {
    device_info: deviceInfoOf(s),
    mic_info: micInfoOf(s),
    speaker_info: speakerInfoOf(s),
    camera_info: cameraInfoOf(s),
    ptz_info: {
      support: p.support && s.devices.camera.present,
      zoom: { min: 0, max: 10, current: p.zoom },
      pan: { min: -170, max: 170, current: p.pan },
      tilt: { min: -30, max: 90, current: p.tilt },
      device_id: s.devices.camera.present ? s.devices.camera.device_id : "",
    },
  };
}

/** `Query ["Members"]` data (empty outside a meeting). */
export function membersQueryOf(s: RoomsDeviceState): MembersQueryData {
  const inMeeting = s.meeting?.status === 1;
  const members = inMeeting ? (s.meeting?.members ?? []) : [];
  const visible = members.filter((m) => !m.waiting);
  return {
    user_list_info: inMeeting ? [roomsUserOf(s), ...visible.map((m) => memberInfoOf(s, m))] : [],
    user_count_info: {
      total_count: inMeeting ? visible.length + 1 : 0,
      waiting_room_count: members.length - visible.length,
    },
  };
}

const setting = (key: string, description: string, selected: boolean) => ({
  is_selected: selected,
  key,
  description,
  enable: true,
});

/** `Query ["MeetingControl"]` data: captions, then the control options. */
export function meetingControlQueryOf(s: RoomsDeviceState): MeetingControlQueryData {
  const m = s.meeting;
  return {
    is_caption_open: s.captionOpen,
    is_caption_support: true,
    current_font_size: 24,
    source_lang_settings_list: [setting("zh", "中文", true), setting("en", "English", false)],
    translate_lang_settings_list: [
      setting("none", "不翻译", true),
      setting("en", "English", false),
    ],
    multi_screen_caption_settings: [setting("main", "主屏", true)],
    two_lang_show_settings: [setting("both", "双语", false)],
    support_size_arr: [
      { font_size: 18, description: "小" },
      { font_size: 24, description: "中" },
      { font_size: 32, description: "大" },
    ],
    meeting_info: {
      is_mute_all: m?.muteAll ?? false,
      audio_allow_unmute_by_self: m?.allowUnmuteBySelf ?? true,
      is_recording: m?.recording ?? false,
      record_request_pending: m?.recordRequestPending ?? false,
    },
  };
}

/** `Query ["Invite"]` data, with Tencent's mixed-case keys. */
export function inviteQueryOf(s: RoomsDeviceState): InviteQueryData {
  const i = s.invite;
  const inv = i.incoming;
  return {
    pstn: {
      IsPstnEnable: i.pstnEnabled,
      PtsnInfo: {
        user_id: i.dialState === 0 ? "" : `pstn-${i.phoneNumber}`,
        dial_ui_state: String(i.dialState) as "0" | "1" | "2",
        is_audio_on: !i.pstnMute,
        volume: i.pstnVolume,
        mute: i.pstnMute,
      },
    },
    rooms: {
      invite_info: [],
      buttons: { positive: "加入", negative: "拒绝" },
      invite_type: inv ? 1 : 0,
      meeting_code: inv?.code ?? "",
      meeting_password: inv?.password ?? "",
      title: inv ? `${inv.inviter} 邀请您加入会议` : "",
      inviter_nick_name: inv?.inviter ?? "",
      meeting_title: inv?.title ?? "",
    },
  };
}

/** `Query ["Ability"]` data. */
export function abilityQueryOf(s: RoomsDeviceState): AbilityQueryData {
  const a = s.ability;
  return {
    pre_meeting_ability: {
      start_meeting_ability: {
        instant_meeting_ability: {
          is_default: a.defaultStart === "instant",
          instant_meeting_ability_enable: a.instant,
        },
        pmi_meeting_ability: {
          is_default: a.defaultStart === "pmi",
          pmi_meeting_ability_enable: a.pmi,
          ...(a.pmi ? { pmi_code: a.pmiCode } : {}),
        },
      },
      whiteboard_ability: { whiteboard_ability_enable: a.whiteboard },
      cast_ability: { cast_ability_enable: a.cast },
      join_meeting_ability: { join_meeting_ability_enable: a.join },
    },
  };
}
