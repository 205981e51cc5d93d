/**
 * The one table of the `wemeet` API (docs/decisions/0109-api-table.md, 0111-api-table-v2.md):
 * every call and event of `reference/wemeet-jsapi.md`, with what the client and the simulator
 * need to emulate it and what the docs generator prints (`docs/reference/jsapi.md`).
 *
 * Shape (consumers: `@yiqi/mock-host` `API_GATES` and its gate pipeline, `@yiqi/conformance`
 * `JSAPI_METADATA` and its negative cases, `scripts/gen-jsapi-reference.ts`):
 * - {@link JSAPI_TABLE}: keyed by `WemeetHostApi` method (the calls the simulator answers). An
 *   entry is a {@link JsapiEntry}: `name` (public, dotted), `versions` (ranges; `null` = never
 *   gated), `platforms`, `auth`, `scenes`, `params`, `callbacks`, documented `errors`, the
 *   reference section `ref` and `source` key, the SPEC part `section`, and `notes`.
 * - {@link JSAPI_CLIENT_CALLS}: the calls `@yiqi/jsapi` answers in the page without the host
 *   (`isInWemeet`, `app.version`, `app.compare`, `event.*`): same entry shape.
 * - {@link JSAPI_EVENTS}: every event with its versions, platforms and payload source.
 *
 * The simulator gates every call in this order: instance closed → `versions`
 * (`UNSUPPORTED_VERSION`) → `platforms` (`UNSUPPORTED_PLATFORM`) → `scenes`
 * (`UNSUPPORTED_SCENE`) → `auth` (`AUTH_REQUIRED`) → `params` (`INVALID_ARGUMENT`). A failure
 * whose Yiqi code an entry's `errors` maps (`as`) also carries that documented `apiCode`.
 *
 * @module
 */
import {
  ALL,
  type CallbackNames,
  DESKTOP,
  type DocumentedError,
  entry,
  freeze,
  type JsapiEntry,
  type JsapiEventEntry,
  MOBILE,
  since,
} from "./apiEntry.ts";
import { FN, obj } from "./apiParams.ts";
import { MatterContentType } from "./apiTypes.ts";
import type { Platform, WemeetErrorCodeName, WemeetEventName, WemeetHostApi } from "./types.ts";

export {
  type CallbackNames,
  type DocumentedError,
  type JsapiEntry,
  type JsapiEventEntry,
  REFERENCE_SECTIONS,
  type ReferenceSection,
  type SceneRule,
} from "./apiEntry.ts";

const COLLAB = { scenes: "meeting", section: "A2" } as const;
const OK_FAIL: CallbackNames = Object.freeze({ success: ["success"], fail: ["fail"] });
/** The window-share calls' codes (SHARE). */
const SHARE_ERRORS: readonly DocumentedError[] = freeze(
  { apiCode: 0, meaning: "unknown" },
  { apiCode: 1, meaning: "bad parameter", as: "INVALID_ARGUMENT" },
  { apiCode: 2, meaning: "platform not supported", as: "UNSUPPORTED_PLATFORM" },
  { apiCode: 3, meaning: "share cancelled", as: "CANCELED" },
  { apiCode: 4, meaning: "no permission", as: "NOT_PERMITTED" },
);
const VB_AUTH = { auth: true, scenes: "meeting" } as const;
const VB_ERRORS: readonly DocumentedError[] = freeze(
  { apiCode: 1, meaning: "kVBKErrorParam", as: "INVALID_ARGUMENT" },
  { apiCode: 2, meaning: "kVBKErrorFileWidthOrHeightTooLarge" },
  { apiCode: 3, meaning: "kVBKErrorFileWidthOrHeightTooSmall" },
  { apiCode: 4, meaning: "kVBKErrorFileDecodeFailed" },
  { apiCode: 5, meaning: "kVBKErrorFileSizeTooBig" },
  { apiCode: 6, meaning: "kVBKErrorIsBusying" },
);
/** `AuthConfigParam` as AGENT-MD / CONFIG-MD list it (§3): every value a String but `timeout`. */
const AUTH_FIELDS = {
  sdkId: { type: "string", required: true },
  corpId: { type: "string", required: true },
  signature: { type: "string", required: true },
  nonceStr: { type: "string", required: true },
  timestamp: {
    type: "string",
    required: true,
    hint: 'pass the timestamp your server signed as a string, e.g. String(1700000000) → "1700000000"',
  },
  timeout: { type: "number" },
} as const;
const URL_FIELD = { type: "string", url: "http" } as const;
/** Collaboration URLs: the simulator's own check says more (decision 0107). */
const STR = { type: "string" } as const;
const okFailFields = (): { success: typeof FN; fail: typeof FN } => ({ success: FN, fail: FN });

/**
 * Every call the simulator answers, in the order a host serves them (`HOST_METHODS`). The keys
 * are exactly the methods of {@link WemeetHostApi}: a method without an entry does not compile.
 *
 * @example
 * ```ts
 * import { JSAPI_TABLE } from "@yiqi/jsapi";
 * JSAPI_TABLE.uiExitFullscreen.versions; // [{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }]
 * ```
 */
export const JSAPI_TABLE: Readonly<Record<keyof WemeetHostApi, JsapiEntry>> = Object.freeze({
  getEnvironment: entry("environment", null, "§2", "—", {
    section: "A1",
    notes: "The bridge handshake: client version, platform, language, UA.",
  }),
  collaborationStart: entry("collaboration.start", since("3.12.0"), "§7", "COLLAB-MD", {
    ...COLLAB,
    params: obj({ url: STR, callback: FN }, true),
    notes: "Host / co-host only; confirmation dialog (0102); session rules (0100).",
  }),
  collaborationEnd: entry("collaboration.end", since("3.12.0"), "§7", "COLLAB-MD", {
    ...COLLAB,
    params: obj({ callback: FN }, true),
    notes: "The starter ends (or hosts, decision `endPermission`).",
  }),
  collaborationJoin: entry("collaboration.join", since("3.12.0"), "§7", "COLLAB-MD", COLLAB),
  collaborationLeave: entry("collaboration.leave", since("3.12.0"), "§7", "COLLAB-MD", COLLAB),
  collaborationGetContext: entry("collaboration.getContext", since("3.12.0"), "§7", "COLLAB-MD", {
    ...COLLAB,
    notes: "`{ activeID, url }` (capital ID, sic).",
  }),
  collaborationSetConfig: entry(
    "collaboration.setCollaborationConfig",
    since("3.12.0"),
    "§7",
    "COLLAB-MD",
    { ...COLLAB, params: obj({ url: STR, visible: { type: "boolean" } }) },
  ),
  appGetRunningContext: entry("app.getRunningContext", since("3.11.0"), "§2", "CTX", {
    section: "A2",
    notes: "The instance's scene; `msMeetingId`, `msOpenId`, `deviceId` from 3.14.",
  }),
  appGetAppInfo: entry("app.getAppInfo", since("2.17.0"), "§2", "APPINFO", {
    notes: "`instanceId` is the device-type id (1 PC, 2 Mac, 3 Android, 4 iOS, 10 Linux).",
  }),
  permissionAgentConfig: entry("permission.agentConfig", since("2.17.0"), "§3", "AGENT-MD", {
    params: obj(AUTH_FIELDS),
    notes: "SHA-256 lowercase hex over a ticket bound to the calling user (0105, 0114).",
  }),
  permissionConfig: entry("permission.config", since("2.17.0"), "§3", "CONFIG-MD", {
    params: obj(AUTH_FIELDS),
    notes: "Self-built apps; the same fields as `agentConfig`, `corpId` included (0120).",
  }),
  appSetShareOpenAppConfig: entry("app.setShareOpenAppConfig", since("3.3.0"), "§6", "SOA-MD", {
    params: obj({
      shareEnable: { type: "boolean" },
      title: { type: "string" },
      desc: { type: "string" },
      notifyDesc: { type: "string" },
      confirmBtnText: { type: "string" },
      pcUrl: URL_FIELD,
      mobileUrl: URL_FIELD,
    }),
    notes: "Kept per instance; visible in the instance snapshot (`shareOpenApp`).",
  }),
  appShareOpenApp: entry("app.shareOpenApp", since("3.3.0"), "§6", "SO-MD", {
    scenes: "meeting",
    notes: "Records the share card (config or defaults) as `app.shared` in the trace.",
  }),
  appShareWebAppWindow: entry("app.shareWebAppWindow", since("3.10.0"), "§6", "SHARE", {
    platforms: DESKTOP,
    scenes: "meeting",
    params: obj({ mode: { type: "number", required: true, values: [1, 2] }, ...okFailFields() }),
    callbacks: OK_FAIL,
    errors: SHARE_ERRORS,
    notes: "The user's answer is decision `confirmWindowShare` (0115).",
  }),
  appConfigShareWebAppWindow: entry("app.configShareWebAppWindow", since("3.10.0"), "§6", "SHARE", {
    platforms: DESKTOP,
    params: obj({ shareButton: { type: "number", required: true, values: [1, 2] } }),
    errors: SHARE_ERRORS,
  }),
  appStopShareWebAppWindow: entry("app.stopShareWebAppWindow", since("3.10.5"), "§6", "SHARE", {
    platforms: DESKTOP,
    scenes: "meeting",
    params: obj(okFailFields(), true),
    callbacks: OK_FAIL,
    errors: SHARE_ERRORS,
    notes: "Rejects `NOT_PERMITTED` (code 4) when nothing is shared.",
  }),
  permissionCheckJsApiConfig: entry(
    "permission.checkJsApiConfig",
    since("2.17.0"),
    "§3",
    "CHECK-MD",
    {
      params: { kind: "value", name: "timeout", field: { type: "number" } },
      notes: "1 once this instance's agentConfig / config succeeded, else 0.",
    },
  ),
  permissionAuthorize: entry("permission.authorize", since("3.16.0"), "§3", "AUTH3P-MD", {
    params: obj({ success: FN, fail: FN, failure: FN, timeout: { type: "number" } }, true),
    callbacks: Object.freeze({ success: ["success"], fail: ["fail", "failure"] }),
    errors: freeze(
      { apiCode: 2, meaning: "CLOSED: user closed the dialog", as: "CANCELED" },
      { apiCode: 3, meaning: "REJECTED: user refused", as: "NOT_PERMITTED" },
      { apiCode: 4, meaning: "UN_KNOW: other" },
    ),
    notes: "Consent is decision `authorizeConsent` (0115); `fail` and `failure` both called.",
  }),
  dataGetPhoneNumber: entry("data.getPhoneNumber", since("3.11.0"), "§4", "PHONE", {
    auth: true,
    params: obj(okFailFields(), true),
    callbacks: OK_FAIL,
    errors: freeze({ apiCode: 1, meaning: "get auto_code is canceled", as: "CANCELED" }),
    notes: "Token single-use, 5 min; consent decision `phoneNumberConsent` (0116).",
  }),
  meetingGetCurrMeetingInfo: entry("meeting.getCurrMeetingInfo", since("2.17.0"), "§4", "MINFO", {
    auth: true,
    notes: "From the simulated meeting (`meeting.updateMeetingInfo`).",
  }),
  meetingGetUserInfo: entry("meeting.getUserInfo", since("3.2.0"), "§4", "USERINFO", {
    auth: true,
    notes: "`openCorpId` from 3.4.0, `avatarUrl` from 3.7.0; `openId` once authorised.",
  }),
  meetingGetUserList: entry("meeting.getUserList", since("3.2.0"), "§4", "ULIST", {
    auth: true,
    scenes: "meeting",
    params: obj({ index: { type: "string" } }, true),
    notes: "Host only (`NOT_PERMITTED`); pages of `userListPageSize` after `index` (0116).",
  }),
  meetingGetCustomerData: entry("meeting.getCustomerData", since("3.2.0"), "§4", "CUSTDATA-MD", {
    scenes: "meeting",
    notes: "Needs the app's `enableCustomerData` binding, else `NOT_PERMITTED` (0116).",
  }),
  uiCloseLoading: entry("ui.closeLoading", since("3.0.0"), "§5", "CLOSELOAD"),
  uiExitFullscreen: entry(
    "ui.exitFullscreen",
    Object.freeze([{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }]),
    "§5",
    "EXITFS",
    { platforms: DESKTOP },
  ),
  uiChangeWebAppPosition: entry("ui.changeWebAppPosition", since("3.6.0"), "§5", "CHGPOS", {
    platforms: DESKTOP,
    scenes: "meeting",
    params: obj({
      // CHGPOS types it Number but lists strings (sic): both are accepted.
      position: {
        type: "string|number",
        required: true,
        values: ["popup", "side_bar", "major_meeting", 1, 2, 4],
      },
    }),
    notes: "Names or `WebAppPosition` flags (CHGPOS's slip); sends `sidebar-position-changed`.",
  }),
  uiGetWebAppPosition: entry("ui.getWebAppPosition", since("3.9.0"), "§5", "GETPOS", {
    platforms: MOBILE,
    scenes: "meeting",
  }),
  uiSetWindowShareMode: entry("ui.setWindowShareMode", since("2.16.0"), "§5", "WINSHARE", {
    platforms: DESKTOP,
    params: obj({ mode: { type: "number", required: true, values: [0, 1] } }),
    notes: "Popup view only, else `NOT_PERMITTED` (WINSHARE).",
  }),
  uiSetMoreMenu: entry("ui.setMoreMenu", since("2.20.0"), "§5", "MOREMENU-MD", {
    params: obj({ menuList: { type: "array", required: true } }),
  }),
  uiOpenExternalPage: entry("ui.openExternalPage", since("3.13.0"), "§5", "OPENURL", {
    auth: true,
    params: obj({ url: { type: "string", required: true }, ...okFailFields() }),
    callbacks: OK_FAIL,
    errors: freeze(
      { apiCode: 10, meaning: "bad parameter", as: "INVALID_ARGUMENT" },
      { apiCode: 2006, meaning: "app taken down" },
      { apiCode: 2007, meaning: "app taken down" },
      { apiCode: 2009, meaning: "URL not in a trusted domain" },
      { apiCode: 2011, meaning: "HTTPS only" },
      { apiCode: 20, meaning: "service error" },
    ),
    notes: "HTTPS (2011) within `trustedDomains` (2009); opened pages are traced.",
  }),
  uiSetVirtualBackground: entry("ui.setVirtualBackground", since("3.9.0"), "§5", "VB1", {
    ...VB_AUTH,
    params: obj({
      contentType: { type: "string", required: true, values: Object.values(MatterContentType) },
      url: { type: "string", required: true },
      md5: { type: "string" },
      ...okFailFields(),
      progress: FN,
      progressCallback: FN,
      successCallback: FN,
      failedCallback: FN,
    }),
    callbacks: Object.freeze({
      success: ["success", "successCallback"],
      fail: ["fail", "failedCallback"],
      progress: ["progress", "progressCallback"],
    }),
    errors: VB_ERRORS,
    notes: "Both callback spellings (table and example) are called.",
  }),
  uiSetVirtualBackgroundByType: entry(
    "ui.setVirtualBackgroundByType",
    since("3.11.0"),
    "§5",
    "VB2",
    {
      ...VB_AUTH,
      params: obj({ backgroundType: { type: "number", required: true, values: [0, 1] } }),
    },
  ),
  uiOpenVirtualBackgroundSetting: entry(
    "ui.openVirtualBackgroundSetting",
    since("3.11.0"),
    "§5",
    "VB3",
    VB_AUTH,
  ),
  uiShareUserScreen: entry("ui.shareUserScreen", since("3.10.0"), "§6", "SHARE", {
    platforms: MOBILE,
    scenes: "meeting",
    params: obj({}, true),
    errors: SHARE_ERRORS,
    notes: "Parameters are not documented; any options object is accepted.",
  }),
  invokeUnknown: entry("unknown", null, "§2", "—", {
    notes: "Any other member: traced and answered by decision `unknownCalls` (0106).",
  }),
} satisfies Record<keyof WemeetHostApi, JsapiEntry>);

/**
 * The calls `@yiqi/jsapi` answers in the page, without the host: the UA test, the version, the
 * comparison and the event registry.
 */
export const JSAPI_CLIENT_CALLS: readonly JsapiEntry[] = freeze(
  entry("isInWemeet", since("2.17.0"), "§2", "INWM", {
    notes: "`navigator.userAgent` has `app/tencent_wemeet` (or the client connected).",
  }),
  entry("app.version", since("2.17.0"), "§2", "VER", {
    notes:
      "Callable (`app.version()`, VER's example) and a string everywhere but `===` (`String(v)`, template literals, JSON) (0119).",
  }),
  entry("app.compare", since("2.17.0"), "§2", "CMP", {
    params: { kind: "value", name: "version", field: { type: "string", required: true } },
    notes: "Resolves a Promise of -1 / 0 / 1; non-numeric segments read as 0.",
  }),
  entry("event.addEventListener", since("2.17.0"), "§8", "EVT-*", {
    notes: "Also `wemeet.addEventListener`.",
  }),
  entry("event.removeEventListener", since("2.17.0"), "§8", "EVT-*"),
  entry("event.removeEventListeners", since("2.17.0"), "§8", "EVT-*"),
  entry("event.removeAllEventListener", since("2.17.0"), "§8", "EVT-*", {
    notes: "Singular, as Tencent spells it.",
  }),
);

const event = (
  sinceVersion: string,
  section: "A2" | "A4",
  notes: string,
  platforms: readonly Platform[] = ALL,
): JsapiEventEntry =>
  Object.freeze({ since: sinceVersion, platforms, section, source: "EVT-LIST", notes });

/**
 * Every event, the first client version that sends it and its platforms (EVT-LIST,
 * COLLAB-MD). The simulator sends an event only to clients that have it (version and platform)
 * and only to instances in a meeting scene (docs/decisions/0118-events.md).
 */
export const JSAPI_EVENTS: Readonly<Record<WemeetEventName, JsapiEventEntry>> = Object.freeze({
  "collaboration-change": event("3.12.0", "A2", "Start, join, leave, end (0101)."),
  "sidebar-position-changed": event(
    "2.17.0",
    "A4",
    "After `ui.changeWebAppPosition`, to that instance.",
    DESKTOP,
  ),
  "inmeeting-user-info": event("3.8.6", "A4", "A participant's role or nickname changed."),
  "speaking-members-changed": event("3.9.2", "A4", "One `MeetingUser` per speaking member."),
  "user-audio-status": event("3.9.0", "A4", "`meeting.setAudio`."),
  "user-join": event("3.9.0", "A4", "A participant was added."),
} satisfies Record<WemeetEventName, JsapiEventEntry>);

/** The client version from which `getRunningContext()` carries `msMeetingId`, `msOpenId`, `deviceId`. */
export const RUNNING_CONTEXT_IDS_SINCE = "3.14.0";

/** The client version from which a client has the `inWaitingRoom` scene (CTX). */
export const WAITING_ROOM_SINCE = "3.18.0";

/** The names of {@link WemeetHostApi}: the only methods a host serves, in table order. */
export const HOST_METHODS: readonly (keyof WemeetHostApi)[] = Object.freeze(
  Object.keys(JSAPI_TABLE) as (keyof WemeetHostApi)[],
);

/** The documented `apiCode` a failure with Yiqi code `code` carries for `entry`, if any. */
export function apiCodeFor(entry: JsapiEntry, code: WemeetErrorCodeName): number | undefined {
  return entry.errors.find((e) => e.as === code)?.apiCode;
}
