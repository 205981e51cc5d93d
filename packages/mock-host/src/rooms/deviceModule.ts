/**
 * The emulated Device module (reference §5.2): `Query ["Device"]` and its sub-paths, and the
 * asynchronous actions EnableCamera, EnableMic, SetSpeakerVolume, TestSpeaker, TestMic.
 *
 * Every action is acknowledged at once and finishes as an `Event/Device` with the sub-event the
 * older Tencent page names. What can be decided at once (bad parameters, no device, already in
 * that state) answers in the acknowledgement: decision `docs/decisions/0209-rooms-device-module.md`.
 *
 * @module
 */
import { DEVICE_ACTIONS, type DeviceAction } from "@yiqi/rooms-rpc";
import { type ActionDef, accepted, failed, type ModuleDef, ok } from "./module.ts";
import type { AudioDevice } from "./state.ts";
import { cameraInfoOf, deviceInfoOf, deviceQueryOf, micInfoOf, speakerInfoOf } from "./views.ts";

/** The level a running test reports (deterministic). */
export const TEST_LEVEL = 42;

const test = (
  kind: "speaker" | "mic",
  since: string,
  failCode: number,
  stateEvent: string,
  volumeEvent: string,
): ActionDef => ({
  since,
  params: { test: "boolean" },
  ...(kind === "speaker" ? { answerAs: "CheckSpeaker" } : {}),
  handle: ({ params, state }) => {
    const dev: AudioDevice = state.devices[kind];
    const start = params.test as boolean;
    if (!dev.present) return failed(failCode, `no ${kind} is connected to this Rooms`);
    if (dev.testing === start)
      return failed(
        17,
        `repeated operation: the ${kind} test is already ${start ? "running" : "stopped"}`,
      );
    return accepted(({ state: s, emit }) => {
      const d = s.devices[kind];
      d.testing = start;
      emit(stateEvent, { is_testing: start });
      emit(volumeEvent, { volume: start ? TEST_LEVEL : 0 });
    });
  },
});

const enable = (kind: "camera" | "mic", base: number): ActionDef => ({
  since: DEVICE_ACTIONS[kind === "camera" ? "EnableCamera" : "EnableMic"].since,
  params: { enable: "boolean" },
  handle: ({ params, state }) => {
    const dev = state.devices[kind];
    const on = params.enable as boolean;
    if (!dev.present) return failed(base, `no ${kind} is connected to this Rooms`);
    if (dev.switch === on)
      return failed(base + (on ? 1 : 2), `the ${kind} is already ${on ? "on" : "off"}`);
    return accepted(({ state: s }) => {
      s.devices[kind].switch = on;
    });
  },
});

const actions: Record<DeviceAction, ActionDef> = {
  EnableCamera: enable("camera", 20000),
  EnableMic: enable("mic", 20004),
  SetSpeakerVolume: {
    since: DEVICE_ACTIONS.SetSpeakerVolume.since,
    params: { volume: "integer" },
    handle: ({ params }) => {
      const volume = params.volume as number;
      if (volume < 0 || volume > 100)
        return failed(8, `parameter error: volume must be 0 to 100, got ${volume}`);
      return accepted(({ state }) => {
        state.devices.speaker.volume = volume;
      });
    },
  },
  TestSpeaker: test(
    "speaker",
    DEVICE_ACTIONS.TestSpeaker.since,
    20014,
    "SpeakerTestStateChange",
    "SpeakerTestVolumeChange",
  ),
  TestMic: test(
    "mic",
    DEVICE_ACTIONS.TestMic.since,
    20015,
    "MicTestStateChange",
    "MicTestVolumeChange",
  ),
};

/** The emulated Device module. */
export const deviceModule: ModuleDef = {
  name: "Device",
  querySince: "3.8.10",
  query: (subPath, { state }) => {
    if (subPath.length === 0) return ok(deviceQueryOf(state));
    if (subPath.length > 1) return undefined;
    switch (subPath[0]) {
      case "CameraInfo":
        return ok({ camera_info: cameraInfoOf(state) });
      case "MicInfo":
        return ok({ mic_info: micInfoOf(state) });
      case "SpeakerInfo":
        return ok({ speaker_info: speakerInfoOf(state) });
      // Emulator decision: the other fields are queryable by PascalCase name too.
      case "DeviceInfo":
        return ok({ device_info: deviceInfoOf(state) });
      case "PtzInfo":
        return ok({ ptz_info: deviceQueryOf(state).ptz_info });
      default:
        return undefined;
    }
  },
  actions,
  subEvents: [
    "EnableCamera",
    "EnableMic",
    "SetSpeakerVolume",
    "SpeakerTestStateChange",
    "SpeakerTestVolumeChange",
    "MicTestStateChange",
    "MicTestVolumeChange",
  ],
  views: {
    // The result events double as change notifications: a control on the Rooms fires them too.
    EnableCamera: {
      key: (s) => String(s.devices.camera.switch),
      payload: (s) => ({ error_code: 0, message: "", camera_info: cameraInfoOf(s) }),
    },
    EnableMic: {
      key: (s) => String(s.devices.mic.switch),
      payload: (s) => ({ error_code: 0, message: "", mic_info: micInfoOf(s) }),
    },
    SetSpeakerVolume: {
      key: (s) => String(s.devices.speaker.volume),
      payload: (s) => ({ error_code: 0, message: "", speaker_info: speakerInfoOf(s) }),
    },
  },
};
