/**
 * Handlers of the UI and share calls (reference §5, §6): `ui.*`, the window share and "share
 * this app". Each records what the client would show as a state entry of the trace (and in the
 * instance snapshot), so a harness or a test can see it; the user's answers to the client's
 * dialogs are decisions (`confirmWindowShare`, `confirmExternalPage`). Internal.
 *
 * @module
 */
import { HeaderMenuItem, JSAPI_TABLE, WebAppPosition } from "@yiqi/jsapi";
import type { ApiHandler, HandlerContext, TableMethod } from "./apiHandlers.ts";
import { fail, ok } from "./errors.ts";
import { failFor } from "./gates.ts";
import { deliver } from "./instances.ts";
import { type IState, instanceIds, recordState } from "./meetingState.ts";

const POSITION_FLAG: Readonly<Record<IState["position"], number>> = {
  popup: WebAppPosition.POPUP,
  side_bar: WebAppPosition.SIDEBAR,
  major_meeting: WebAppPosition.MAJOR_MEETING,
};

/** A position name, from a name or a `WebAppPosition` flag (CHGPOS types it Number, sic). */
const positionName = (p: unknown): IState["position"] =>
  (Object.entries(POSITION_FLAG).find(([name, flag]) => p === name || p === flag)?.[0] ??
    "side_bar") as IState["position"];

/** Trace what the client shows for this instance, then answer `value`. */
const shown =
  (
    name: string,
    data: (ctx: HandlerContext, args: Record<string, unknown>) => unknown = () => null,
  ) =>
  (ctx: HandlerContext, args: Record<string, unknown>) => {
    recordState(ctx.st, name, data(ctx, args), instanceIds(ctx.inst), "A4");
    return ok(null);
  };

type Method = Extract<TableMethod, `ui${string}` | `app${string}`>;

/** The handlers of this module, by host method. */
export const UI_HANDLERS: Readonly<Record<Method, ApiHandler>> = {
  appSetShareOpenAppConfig: (ctx, args) => {
    ctx.inst.shareOpenAppConfig = { ...args };
    return shown("instance.shareOpenAppConfig", () => ({ ...args }))(ctx, args);
  },

  appShareOpenApp: shown("app.shared", ({ st, inst }) => ({
    title: `邀请您使用【${st.app.name}】`,
    desc: st.app.description ?? "",
    confirmBtnText: "打开应用",
    pcUrl: st.app.url,
    mobileUrl: st.app.url,
    ...(inst.shareOpenAppConfig ?? {}),
  })),

  appShareWebAppWindow: (ctx, args) => {
    const { st, inst } = ctx;
    if (st.decisions.confirmWindowShare === "cancel") {
      return failFor(JSAPI_TABLE.appShareWebAppWindow, "CANCELED", "the user canceled the share");
    }
    inst.windowShared = true;
    return shown("instance.windowShare", () => ({ shared: true, mode: args.mode }))(ctx, args);
  },

  appConfigShareWebAppWindow: shown("instance.shareButton", (_, a) => ({
    shareButton: a.shareButton,
  })),

  appStopShareWebAppWindow: (ctx, args) => {
    const entry = JSAPI_TABLE.appStopShareWebAppWindow;
    if (!ctx.inst.windowShared)
      return failFor(entry, "NOT_PERMITTED", "the app window is not shared");
    if (ctx.st.decisions.confirmWindowShare === "cancel") {
      return failFor(entry, "CANCELED", "the user kept sharing");
    }
    ctx.inst.windowShared = false;
    return shown("instance.windowShare", () => ({ shared: false }))(ctx, args);
  },

  uiShareUserScreen: (ctx, args) => {
    if (ctx.st.decisions.confirmWindowShare === "cancel") {
      return failFor(JSAPI_TABLE.uiShareUserScreen, "CANCELED", "the user canceled the share");
    }
    return shown("participant.screenShare", () => ({ shared: true }))(ctx, args);
  },

  uiCloseLoading: shown("instance.loadingClosed"),
  uiExitFullscreen: shown("instance.fullscreenExited"),

  uiChangeWebAppPosition: (ctx, args) => {
    const { st, inst } = ctx;
    const position = positionName(args.position);
    if (position === "major_meeting" && inst.windowShared) {
      return fail("NOT_PERMITTED", "ui.changeWebAppPosition: not into the main view while sharing");
    }
    inst.position = position;
    recordState(st, "instance.position", { position }, instanceIds(inst), "A4");
    const payload = { WebAppPosition: POSITION_FLAG[position] } as { WebAppPosition: 1 | 2 | 4 };
    deliver(st, inst, { name: "sidebar-position-changed", payload }, "A4");
    return ok(null);
  },

  uiGetWebAppPosition: ({ inst }) =>
    ok({
      position: POSITION_FLAG[inst.position],
      supportPosition: WebAppPosition.POPUP | WebAppPosition.SIDEBAR | WebAppPosition.MAJOR_MEETING,
    }),

  uiSetWindowShareMode: (ctx, args) => {
    if (ctx.inst.position !== "popup") {
      return fail(
        "NOT_PERMITTED",
        `ui.setWindowShareMode works in the popup view only (WINSHARE); the app is in ${ctx.inst.position}`,
      );
    }
    return shown("instance.windowShareMode", () => ({ mode: args.mode }))(ctx, args);
  },

  uiSetMoreMenu: (ctx, args) => {
    const known = new Set<unknown>(Object.values(HeaderMenuItem));
    const list = args.menuList as unknown[];
    const bad = list.find((x) => !known.has(x));
    if (bad !== undefined) {
      return fail(
        "INVALID_ARGUMENT",
        `ui.setMoreMenu: menuList items must be HeaderMenuItem values, got ${JSON.stringify(bad)}`,
      );
    }
    return shown("instance.moreMenu", () => ({ menuList: [...list] }))(ctx, args);
  },

  uiOpenExternalPage: (ctx, args) => {
    const entry = JSAPI_TABLE.uiOpenExternalPage;
    const url = args.url as string;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return failFor(entry, "INVALID_ARGUMENT", `ui.openExternalPage: "${url}" is not a URL`, 10);
    }
    if (parsed.protocol !== "https:") {
      return failFor(entry, "INVALID_ARGUMENT", "ui.openExternalPage: HTTPS only", 2011);
    }
    const trusted = ctx.st.app.trustedDomains.length
      ? ctx.st.app.trustedDomains
      : [new URL(ctx.st.app.url).hostname];
    if (!trusted.includes(parsed.hostname)) {
      return failFor(
        entry,
        "NOT_PERMITTED",
        `ui.openExternalPage: ${parsed.hostname} is not a trusted domain (${trusted.join(", ")})`,
        2009,
      );
    }
    if (ctx.st.decisions.confirmExternalPage === "cancel") {
      return fail("CANCELED", "ui.openExternalPage: the user did not confirm");
    }
    return shown("externalPage.opened", () => ({ url }))(ctx, args);
  },

  uiSetVirtualBackground: (ctx, args) => {
    shown("participant.virtualBackground", () => ({
      url: args.url,
      contentType: args.contentType,
    }))(ctx, args);
    return ok({ Code: 0, Message: "success" });
  },
  uiSetVirtualBackgroundByType: shown("participant.virtualBackground", (_, a) => ({
    backgroundType: a.backgroundType,
  })),
  uiOpenVirtualBackgroundSetting: shown("participant.virtualBackgroundSetting"),
};
