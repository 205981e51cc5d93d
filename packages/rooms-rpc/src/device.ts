/**
 * The Device module (reference §5.2): `Query ["Device"]` (mic, speaker, camera, PTZ) and its
 * sub-paths, the asynchronous `Call/Device` actions and their `Event/Device` results.
 *
 * @module
 */
import type { CallOptions, RoomsCaller } from "./share.ts";
import type { RoomsResult } from "./types.ts";

/** Every `Call/Device` action with the Rooms version that introduced it (older page). */
export const DEVICE_ACTIONS = {
  EnableCamera: { since: "3.8.10" },
  EnableMic: { since: "3.8.10" },
  SetSpeakerVolume: { since: "3.8.10" },
  TestSpeaker: { since: "3.9.150" },
  TestMic: { since: "3.9.150" },
} as const;

/** The name of a Device action. */
export type DeviceAction = keyof typeof DEVICE_ACTIONS;

/** `camera_frame_mode.mode`: 1 manual … 5 presenter tracking. */
export const CameraFrameMode = {
  MANUAL: 1,
  AUTO_FRAMING: 2,
  SPEAKER_TRACKING: 3,
  PARTICIPANT_MOSAIC: 4,
  PRESENTER_TRACKING: 5,
} as const;

/** `mic_info` / `speaker_info`. */
export interface AudioDeviceInfo {
  /** On (true) or off. */
  switch: boolean;
  /** The device name. */
  device_id: string;
  /** 0–100. */
  volume: number;
}

/** `camera_info`. */
export interface CameraInfo {
  camera_frame_mode: { mode: number; name: string };
  switch: boolean;
  device_id: string;
}

/** One PTZ axis (inner shape undocumented: emulator decision). */
export interface PtzAxis {
  min: number;
  max: number;
  current: number;
}

/** `ptz_info` (inner shapes cut in the documents). */
export interface PtzInfo {
  support: boolean;
  zoom: PtzAxis;
  pan: PtzAxis;
  tilt: PtzAxis;
  device_id: string;
}

/** `device_info` (fields undocumented: emulator decision). */
export interface DeviceInfo {
  device_name: string;
  device_model: string;
  rooms_version: string;
}

/** `Query ["Device"]` data. */
export interface DeviceQueryData {
  device_info: DeviceInfo;
  mic_info: AudioDeviceInfo;
  speaker_info: AudioDeviceInfo;
  camera_info: CameraInfo;
  ptz_info: PtzInfo;
}

/** The parameters of each Device action. */
export interface DeviceActionParams {
  EnableCamera: { enable: boolean };
  EnableMic: { enable: boolean };
  SetSpeakerVolume: { volume: number };
  TestSpeaker: { test: boolean };
  TestMic: { test: boolean };
}

/**
 * Payloads of `Event/Device` by `sub_event`. The names are Tencent's; the payloads are emulator
 * decisions (undocumented): each result event carries `error_code`, `message` and the new info.
 */
export interface DeviceEventPayloads {
  EnableCamera: { error_code: number; message: string; camera_info: CameraInfo };
  EnableMic: { error_code: number; message: string; mic_info: AudioDeviceInfo };
  SetSpeakerVolume: { error_code: number; message: string; speaker_info: AudioDeviceInfo };
  SpeakerTestStateChange: { is_testing: boolean };
  SpeakerTestVolumeChange: { volume: number };
  MicTestStateChange: { is_testing: boolean };
  MicTestVolumeChange: { volume: number };
}

/** One `Event/Device` params object, discriminated by `sub_event`. */
export type DeviceEvent = {
  [K in keyof DeviceEventPayloads]: { sub_event: K } & DeviceEventPayloads[K];
}[keyof DeviceEventPayloads];

/** Typed Device helpers. */
export interface DeviceApi {
  /** `Query ["Device"]`. */
  query(options?: CallOptions): Promise<DeviceQueryData>;
  /** `Query ["Device", "CameraInfo"]`. */
  queryCamera(options?: CallOptions): Promise<{ camera_info: CameraInfo }>;
  /** `Query ["Device", "MicInfo"]`. */
  queryMic(options?: CallOptions): Promise<{ mic_info: AudioDeviceInfo }>;
  /** `Query ["Device", "SpeakerInfo"]`. */
  querySpeaker(options?: CallOptions): Promise<{ speaker_info: AudioDeviceInfo }>;
  /** `EnableCamera` (async: `Event/Device EnableCamera`); 20001/20002 when already so. */
  enableCamera(enable: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `EnableMic` (async: `Event/Device EnableMic`); 20005/20006 when already so. */
  enableMic(enable: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `SetSpeakerVolume` 0–100 (async: `Event/Device SetSpeakerVolume`). */
  setSpeakerVolume(volume: number, options?: CallOptions): Promise<RoomsResult>;
  /** `TestSpeaker` start/stop (3.9.150). The device answers with `action: "CheckSpeaker"` (sic). */
  testSpeaker(test: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `TestMic` start/stop (3.9.150). */
  testMic(test: boolean, options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Device helpers over any caller (a `RoomsClient` exposes them as `client.device`).
 *
 * @example
 * ```ts
 * await createDeviceApi(client).enableMic(false);
 * ```
 */
export function createDeviceApi(caller: RoomsCaller): DeviceApi {
  const call = (action: DeviceAction, params: object, options?: CallOptions) =>
    caller.call("Device", action, params, options);
  return {
    query: (options) => caller.query<DeviceQueryData>(["Device"], options),
    queryCamera: (options) => caller.query(["Device", "CameraInfo"], options),
    queryMic: (options) => caller.query(["Device", "MicInfo"], options),
    querySpeaker: (options) => caller.query(["Device", "SpeakerInfo"], options),
    enableCamera: (enable, options) => call("EnableCamera", { enable }, options),
    enableMic: (enable, options) => call("EnableMic", { enable }, options),
    setSpeakerVolume: (volume, options) => call("SetSpeakerVolume", { volume }, options),
    testSpeaker: (test, options) => call("TestSpeaker", { test }, options),
    testMic: (test, options) => call("TestMic", { test }, options),
  };
}
