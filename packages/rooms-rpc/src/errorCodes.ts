/**
 * The Rooms control API error codes (docs/reference/rooms.md#errors) with a stable name and
 * their meaning.
 *
 * The official table was not available; this one follows a public third-party transcription.
 * Ranges (10002–10032, 20000–20019, 40000–40007, 50000–50004) are described by family.
 *
 * @module
 */

/** Name and meaning of one device `error_code`. */
export interface ErrorCodeInfo {
  /** Stable UPPER_SNAKE name, e.g. `NOT_IN_MEETING`. */
  name: string;
  /** What the code means, in English. */
  meaning: string;
}

/**
 * Device `error_code` values that have a single meaning, keyed by number. Codes inside a
 * family range but not listed here are described by {@link describeErrorCode}.
 *
 * @example
 * ```ts
 * import { ROOMS_ERROR_CODES } from "@yiqi/rooms-rpc";
 *
 * ROOMS_ERROR_CODES[10022]?.name; // "NOT_HOST"
 * ```
 */
export const ROOMS_ERROR_CODES: Readonly<Record<number, ErrorCodeInfo>> = {
  0: { name: "SUCCESS", meaning: "success" },
  1: { name: "FAIL", meaning: "the operation failed (e.g. a precondition does not hold)" },
  2: { name: "API_DISABLED", meaning: "the control API is disabled on this Rooms" },
  3: { name: "NOT_LOGGED_IN", meaning: "the Rooms is not logged in" },
  4: { name: "REQUEST_HEADER_ERROR", meaning: "request header error" },
  5: { name: "AUTH_FAILED", meaning: "authentication failed" },
  6: { name: "QUERY_PATH_ERROR", meaning: "query path error (unknown module or path)" },
  7: { name: "SUBSCRIBE_PATH_ERROR", meaning: "subscribe path error" },
  8: { name: "PARAMETER_ERROR", meaning: "parameter error (missing or mistyped)" },
  9: {
    name: "UNSUPPORTED_ACTION",
    meaning: "unsupported action (unknown, or newer than this Rooms)",
  },
  10: { name: "TOO_FREQUENT", meaning: "requests are too frequent" },
  11: { name: "SUBSCRIBE_FAILED", meaning: "subscribe failed" },
  12: { name: "NETWORK_FAILED", meaning: "network failed" },
  13: { name: "ROOMS_DISCONNECTED", meaning: "the Rooms is disconnected" },
  14: { name: "ROOMS_VERSION_RETIRED", meaning: "this Rooms version is retired" },
  15: { name: "API_VERSION_RETIRED", meaning: "this control API version is retired" },
  16: { name: "PASSWORD_FAILED", meaning: "control API password failed" },
  17: { name: "REPEATED_OPERATION", meaning: "repeated operation (already in that state)" },
  9999: { name: "UNKNOWN", meaning: "unknown error" },
  10000: { name: "NOT_IN_MEETING", meaning: "the Rooms is not in a meeting" },
  10001: { name: "ALREADY_IN_MEETING", meaning: "the Rooms is already in a meeting" },
  10002: { name: "NOT_INVITED", meaning: "the Rooms is not invited" },
  10010: { name: "MEETING_CODE_INVALID", meaning: "the meeting code is invalid" },
  10018: { name: "MEETING_NEEDS_PASSWORD", meaning: "the meeting needs a password" },
  10019: { name: "MEETING_NOT_FOUND", meaning: "the meeting does not exist" },
  10020: { name: "MEETING_PASSWORD_ERROR", meaning: "the meeting password is wrong" },
  10022: { name: "NOT_HOST", meaning: "the Rooms is not host or co-host" },
  10024: {
    name: "NO_INSTANT_MEETING_PERMISSION",
    meaning: "no permission to create an instant meeting",
  },
  10026: {
    name: "EXIT_SHARING_MODE_TO_START",
    meaning: "cannot start an instant meeting: exit sharing mode first",
  },
  10027: {
    name: "EXIT_SHARING_MODE_TO_JOIN",
    meaning: "cannot join the meeting: exit sharing mode first",
  },
  10030: { name: "PMI_MEETING_UNAVAILABLE", meaning: "cannot join the PMI meeting" },
  20000: { name: "NO_CAMERA", meaning: "no camera" },
  20001: { name: "CAMERA_ALREADY_ENABLED", meaning: "the camera is already on" },
  20002: { name: "CAMERA_ALREADY_DISABLED", meaning: "the camera is already off" },
  20004: { name: "NO_MIC", meaning: "no microphone" },
  20005: { name: "MIC_ALREADY_ENABLED", meaning: "the microphone is already on" },
  20006: { name: "MIC_ALREADY_DISABLED", meaning: "the microphone is already off" },
  20014: { name: "SPEAKER_TEST_FAILED", meaning: "the speaker test failed" },
  20015: { name: "MIC_TEST_FAILED", meaning: "the microphone test failed" },
  40000: { name: "PSTN_NOT_ENABLED", meaning: "phone dial-out is not enabled" },
  40005: { name: "PSTN_ALREADY_RINGING", meaning: "a phone call is already ringing" },
  40006: { name: "PSTN_STATE_ERROR", meaning: "phone call state error" },
  40007: { name: "PSTN_NUMBER_ERROR", meaning: "the phone number is wrong" },
  50000: { name: "USER_NOT_IN_MEETING", meaning: "the user is not in the meeting" },
  50001: { name: "CANNOT_LEAVE_MEETING", meaning: "cannot leave the meeting" },
  50002: { name: "RECORDING_DISABLED", meaning: "recording is disabled" },
  50003: { name: "ALREADY_RECORDING", meaning: "already recording" },
  50004: { name: "REQUEST_RECORD_FIRST", meaning: "request recording from the host first" },
};

const RANGES: readonly (readonly [number, number, ErrorCodeInfo])[] = [
  [
    10002,
    10032,
    { name: "MEETING_JOIN_FAILED", meaning: "joining or creating the meeting failed" },
  ],
  [20000, 20019, { name: "DEVICE_ERROR", meaning: "camera, microphone or speaker error" }],
  [40000, 40007, { name: "DIAL_OUT_ERROR", meaning: "phone dial-out error" }],
  [50000, 50004, { name: "MEMBERS_ERROR", meaning: "members or recording error" }],
];

/**
 * Name and meaning of a device `error_code`: the exact entry of {@link ROOMS_ERROR_CODES}, else
 * its family (e.g. 20010 → `DEVICE_ERROR`), else `UNKNOWN_CODE`. Never throws.
 *
 * @example
 * ```ts
 * describeErrorCode(10000); // { name: "NOT_IN_MEETING", meaning: "the Rooms is not in a meeting" }
 * ```
 */
export function describeErrorCode(code: number): ErrorCodeInfo {
  const exact = ROOMS_ERROR_CODES[code];
  if (exact) return exact;
  for (const [from, to, info] of RANGES) if (code >= from && code <= to) return info;
  return { name: "UNKNOWN_CODE", meaning: `error code ${code} is not in the known table` };
}

/**
 * The device error codes the emulator and the client refer to by name: compare
 * `RoomsError.errorCode` with these rather than with bare numbers.
 *
 * @example
 * ```ts
 * import { RoomsError, RoomsErrorCodes } from "@yiqi/rooms-rpc";
 *
 * const notInMeeting = (e: unknown): boolean =>
 *   e instanceof RoomsError && e.errorCode === RoomsErrorCodes.NOT_IN_MEETING;
 * ```
 */
export const RoomsErrorCodes = {
  SUCCESS: 0,
  FAIL: 1,
  API_DISABLED: 2,
  NOT_LOGGED_IN: 3,
  REQUEST_HEADER_ERROR: 4,
  AUTH_FAILED: 5,
  QUERY_PATH_ERROR: 6,
  SUBSCRIBE_PATH_ERROR: 7,
  PARAMETER_ERROR: 8,
  UNSUPPORTED_ACTION: 9,
  TOO_FREQUENT: 10,
  PASSWORD_FAILED: 16,
  REPEATED_OPERATION: 17,
  UNKNOWN: 9999,
  NOT_IN_MEETING: 10000,
  ALREADY_IN_MEETING: 10001,
  NOT_INVITED: 10002,
  MEETING_CODE_INVALID: 10010,
  MEETING_NEEDS_PASSWORD: 10018,
  MEETING_PASSWORD_ERROR: 10020,
  NOT_HOST: 10022,
  NO_INSTANT_MEETING_PERMISSION: 10024,
  EXIT_SHARING_MODE_TO_START: 10026,
  EXIT_SHARING_MODE_TO_JOIN: 10027,
  PMI_MEETING_UNAVAILABLE: 10030,
  NO_CAMERA: 20000,
  CAMERA_ALREADY_ENABLED: 20001,
  CAMERA_ALREADY_DISABLED: 20002,
  NO_MIC: 20004,
  MIC_ALREADY_ENABLED: 20005,
  MIC_ALREADY_DISABLED: 20006,
  SPEAKER_TEST_FAILED: 20014,
  MIC_TEST_FAILED: 20015,
  PSTN_NOT_ENABLED: 40000,
  PSTN_ALREADY_RINGING: 40005,
  PSTN_STATE_ERROR: 40006,
  PSTN_NUMBER_ERROR: 40007,
  USER_NOT_IN_MEETING: 50000,
  CANNOT_LEAVE_MEETING: 50001,
  RECORDING_DISABLED: 50002,
  ALREADY_RECORDING: 50003,
  REQUEST_RECORD_FIRST: 50004,
} as const;

/**
 * JSON-RPC 2.0 standard error codes, used only for input that is not JSON-RPC at all; the
 * client reports them as a `JSON_RPC` `RoomsError` with `errorCode` set to one of these.
 */
export const JsonRpcErrorCodes = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
} as const;
