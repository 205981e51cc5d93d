/**
 * `ui`: what a user does in their meeting client (open the app, click 一起用 / 加入 / 离开 /
 * 结束, dismiss the invitation, answer a confirmation dialog). Each step goes through the same
 * simulator API as the harness's buttons and must succeed unless told how it fails.
 *
 * @module
 */
import { DEFAULT_TIMEOUT_MS, type Step } from "../defineScenario.ts";
import type { OpenScene } from "../openScene.ts";
import { type ActionOptions, action, confirmable } from "./action.ts";
import { untilConnected } from "./wait.ts";

/** The `ui` step builders. */
export interface UiSteps {
  /**
   * `name` opens the app from the client's app panel, in `options.scene` (default `inMeeting`;
   * e.g. `preMeetingDetail`, `inWaitingRoom` from client 3.18).
   */
  openApp(name: string, options?: ActionOptions & { scene?: OpenScene }): Step;
  /**
   * `name` clicks 一起用 / 一起玩 in the app's top bar, after waiting (bounded) for their app to
   * load, as a user would.
   */
  clickStart(name: string, options?: ActionOptions): Step;
  /** `name` clicks 加入 on the invitation (or 重新加入 on the rejoin bar). */
  join(name: string, options?: ActionOptions): Step;
  /** `name` clicks 离开. */
  leave(name: string, options?: ActionOptions): Step;
  /** `name` clicks 结束. */
  end(name: string, options?: ActionOptions): Step;
  /** `name` dismisses the invitation (a rejoin bar stays). */
  dismissInvitation(name: string, options?: ActionOptions): Step;
  /** `name` answers the confirmation dialog. */
  confirm(name: string, accept: boolean, options?: ActionOptions): Step;
}

/**
 * What a user does in their meeting client.
 *
 * @example
 * ```ts
 * [ui.openApp("Host"), ui.clickStart("Host"), ui.join("Alice"), ui.end("Bob", { fails: "NOT_PERMITTED" })]
 * [ui.openApp("Bob", { scene: "inWaitingRoom", fails: "UNSUPPORTED_VERSION" })]
 * ```
 */
export const ui: UiSteps = {
  openApp: (name, options = {}) => {
    const { scene } = options;
    return scene === undefined
      ? action(`${name} opens the app`, options, (ctx) => ctx.meeting.ui.openApp(ctx.pid(name)))
      : action(`${name} opens the app in ${scene}`, options, (ctx) =>
          ctx.meeting.ui.openApp(ctx.pid(name), { scene }),
        );
  },
  clickStart: (name, options = {}) =>
    action(`${name} clicks the start button`, options, async (ctx) => {
      const pid = ctx.pid(name);
      if (ctx.meeting.view(pid).app)
        await untilConnected(ctx, name, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      return confirmable(ctx, pid, `${name} starts`, options, () => ctx.meeting.ui.clickStart(pid));
    }),
  join: (name, options = {}) =>
    action(`${name} clicks 加入`, options, (ctx) => ctx.meeting.ui.join(ctx.pid(name))),
  leave: (name, options = {}) =>
    action(`${name} clicks 离开`, options, (ctx) => ctx.meeting.ui.leave(ctx.pid(name))),
  end: (name, options = {}) =>
    action(`${name} clicks 结束`, options, (ctx) => {
      const pid = ctx.pid(name);
      return confirmable(ctx, pid, `${name} ends`, options, () => ctx.meeting.ui.end(pid));
    }),
  dismissInvitation: (name, options = {}) =>
    action(`${name} dismisses the invitation`, options, (ctx) =>
      ctx.meeting.ui.dismissInvitation(ctx.pid(name)),
    ),
  confirm: (name, accept, options = {}) =>
    action(`${name} answers the dialog: ${accept ? "确定" : "取消"}`, options, (ctx) =>
      ctx.meeting.ui.answerConfirmation(ctx.pid(name), accept),
    ),
};
