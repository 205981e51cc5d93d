/**
 * The Device module (docs/reference/rooms.md#module-device): `Query ["Device"]` (mic, speaker, camera, PTZ) and its
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
  /** The framing mode: `mode` one of {@link CameraFrameMode}, `name` as the Rooms shows it. */
  camera_frame_mode: { mode: number; name: string };
  /** On (true) or off. */
  switch: boolean;
  /** The device name. */
  device_id: string;
}

/** One PTZ axis (inner shape undocumented: emulator decision). */
export interface PtzAxis {
  /**
   * The lowest position. Units are undocumented; the emulator uses -170–170 for pan, -30–90 for
   * tilt and 0–10 for zoom.
   */
  min: number;
  /** The highest position, in the same unit. */
  max: number;
  /** The current position, between `min` and `max`. */
  current: number;
}

/** `ptz_info` (inner shapes cut in the documents). */
export interface PtzInfo {
  /** The camera can pan, tilt and zoom. */
  support: boolean;
  /** The zoom axis. */
  zoom: PtzAxis;
  /** The pan (horizontal) axis. */
  pan: PtzAxis;
  /** The tilt (vertical) axis. */
  tilt: PtzAxis;
  /** The camera's device name. */
  device_id: string;
}

/** `device_info` (fields undocumented: emulator decision). */
export interface DeviceInfo {
  /** The Rooms's name. */
  device_name: string;
  /** The hardware model. */
  device_model: string;
  /** The Rooms software version, e.g. `"3.13.190"` (see {@link RoomsClientOptions.roomsVersion}). */
  rooms_version: string;
}

/** `Query ["Device"]` data. */
export interface DeviceQueryData {
  /** The Rooms itself. */
  device_info: DeviceInfo;
  /** The microphone. */
  mic_info: AudioDeviceInfo;
  /** The speaker. */
  speaker_info: AudioDeviceInfo;
  /** The camera. */
  camera_info: CameraInfo;
  /** The camera's pan, tilt and zoom. */
  ptz_info: PtzInfo;
}

/** The parameters of each Device action. */
export interface DeviceActionParams {
  /** `true` turns the camera on, `false` off. */
  EnableCamera: { enable: boolean };
  /** `true` turns the microphone on, `false` off. */
  EnableMic: { enable: boolean };
  /** The speaker volume, 0–100 (a non-number answers `error_code` 8). */
  SetSpeakerVolume: { volume: number };
  /** `true` starts the speaker test, `false` stops it. */
  TestSpeaker: { test: boolean };
  /** `true` starts the microphone test, `false` stops it. */
  TestMic: { test: boolean };
}

/**
 * Payloads of `Event/Device` by `sub_event`. The names are Tencent's; the payloads are emulator
 * decisions (undocumented): each result event carries `error_code`, `message` and the new info.
 */
export interface DeviceEventPayloads {
  /** The outcome of `EnableCamera` (`error_code` 0 on success) and the camera now. */
  EnableCamera: { error_code: number; message: string; camera_info: CameraInfo };
  /** The outcome of `EnableMic` and the microphone now. */
  EnableMic: { error_code: number; message: string; mic_info: AudioDeviceInfo };
  /** The outcome of `SetSpeakerVolume` and the speaker now. */
  SetSpeakerVolume: { error_code: number; message: string; speaker_info: AudioDeviceInfo };
  /** The speaker test started (`true`) or stopped. */
  SpeakerTestStateChange: { is_testing: boolean };
  /** The speaker test's level, 0–100. */
  SpeakerTestVolumeChange: { volume: number };
  /** The microphone test started (`true`) or stopped. */
  MicTestStateChange: { is_testing: boolean };
  /** The level the microphone picks up during its test, 0–100. */
  MicTestVolumeChange: { volume: number };
}

/** One `Event/Device` params object, discriminated by `sub_event`. */
export type DeviceEvent = {
  [K in keyof DeviceEventPayloads]: { sub_event: K } & DeviceEventPayloads[K];
}[keyof DeviceEventPayloads];

/**
 * Typed Device helpers (`client.device`). Each rejects with a {@link RoomsError}: code
 * `DEVICE` when the device answers a non-zero `error_code` (named in `errorName`), and
 * `TIMEOUT`, `ABORTED`, `CLOSED` or `CONNECT_FAILED` when the call gets no answer.
 */
export interface DeviceApi {
  /** `Query ["Device"]`. */
  query(options?: CallOptions): Promise<DeviceQueryData>;
  /** `Query ["Device", "CameraInfo"]`. */
  queryCamera(options?: CallOptions): Promise<{ camera_info: CameraInfo }>;
  /** `Query ["Device", "MicInfo"]`. */
  queryMic(options?: CallOptions): Promise<{ mic_info: AudioDeviceInfo }>;
  /** `Query ["Device", "SpeakerInfo"]`. */
  querySpeaker(options?: CallOptions): Promise<{ speaker_info: AudioDeviceInfo }>;
  /**
   * `EnableCamera`: acknowledged at once, the outcome follows as `Event/Device EnableCamera`;
   * 20001/20002 when already so.
   */
  enableCamera(enable: boolean, options?: CallOptions): Promise<RoomsResult>;
  /**
   * `EnableMic`: acknowledged at once, the outcome follows as `Event/Device EnableMic`;
   * 20005/20006 when already so.
   */
  enableMic(enable: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `SetSpeakerVolume` to `volume` 0–100 (outcome: `Event/Device SetSpeakerVolume`). */
  setSpeakerVolume(volume: number, options?: CallOptions): Promise<RoomsResult>;
  /** `TestSpeaker` start/stop (3.9.150). The device answers with `action: "CheckSpeaker"` (sic). */
  testSpeaker(test: boolean, options?: CallOptions): Promise<RoomsResult>;
  /** `TestMic` start/stop (3.9.150); the level arrives as `Event/Device MicTestVolumeChange`. */
  testMic(test: boolean, options?: CallOptions): Promise<RoomsResult>;
}

/**
 * Typed Device helpers over any caller (a `RoomsClient` exposes them as `client.device`).
 * Rejections: see {@link DeviceApi}.
 *
 * @example
 * ```ts
 * import { createDeviceApi, RoomsClient } from "@yiqi/rooms-rpc";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * const device = createDeviceApi(client); // the same helpers as client.device
 * await client.subscribe(["Device"]);
 * client.on("Device", (e) => {
 *   if (e.sub_event === "EnableMic") console.log("mic on:", e.mic_info.switch);
 * });
 * await device.enableMic(false);
 * const { speaker_info } = await device.querySpeaker();
 * console.log(speaker_info.volume); // 0–100
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
