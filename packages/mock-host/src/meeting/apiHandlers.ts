/**
 * The handlers of the table-driven host calls (every `JSAPI_TABLE` call beyond collaboration,
 * running context, app info and agentConfig / config): meeting data, UI, window share, "share
 * this app", OAuth consent. The host API runs them after the table's gates (gates.ts), so a
 * handler sees a gated call with checked parameters. Internal.
 *
 * @module
 */
import type { HostResult, WemeetHostApi } from "@yiqi/jsapi";
import type { MeetingAuth } from "./meetingAuth.ts";
import { MEETING_DATA_HANDLERS } from "./meetingDataHandlers.ts";
import type { IState, MeetingState, PState } from "./meetingState.ts";
import { UI_HANDLERS } from "./uiHandlers.ts";

/** What a handler gets: the meeting, its auth server, the calling instance and participant. */
export interface HandlerContext {
  st: MeetingState;
  auth: MeetingAuth;
  inst: IState;
  ps: PState;
}

/** One handler: the checked arguments (an object, `{}` when none) to a result. */
export type ApiHandler = (
  ctx: HandlerContext,
  args: Record<string, unknown>,
) => HostResult<unknown> | Promise<HostResult<unknown>>;

/** The host methods answered by a handler table rather than hand-written host code. */
export type TableMethod =
  | "appSetShareOpenAppConfig"
  | "appShareOpenApp"
  | "appShareWebAppWindow"
  | "appConfigShareWebAppWindow"
  | "appStopShareWebAppWindow"
  | "permissionCheckJsApiConfig"
  | "permissionAuthorize"
  | "dataGetPhoneNumber"
  | "meetingGetCurrMeetingInfo"
  | "meetingGetUserInfo"
  | "meetingGetUserList"
  | "meetingGetCustomerData"
  | "uiCloseLoading"
  | "uiExitFullscreen"
  | "uiChangeWebAppPosition"
  | "uiGetWebAppPosition"
  | "uiSetWindowShareMode"
  | "uiSetMoreMenu"
  | "uiOpenExternalPage"
  | "uiSetVirtualBackground"
  | "uiSetVirtualBackgroundByType"
  | "uiOpenVirtualBackgroundSetting"
  | "uiShareUserScreen";

/** Every table method's handler; a method of {@link TableMethod} without one does not compile. */
export type ApiHandlers = Readonly<Record<TableMethod & keyof WemeetHostApi, ApiHandler>>;

/** The handlers, by host method. */
export const TABLE_HANDLERS: ApiHandlers = Object.freeze({
  ...MEETING_DATA_HANDLERS,
  ...UI_HANDLERS,
});
