/**
 * One participant's meeting client: the app's top bar (name, 一起用 / 一起玩, 离开, 结束), the
 * status bar, the invitation, the 重新加入 bar, the confirmation dialog, and the main area (the
 * participant's own app frame, the starter's share, or the idle view, where the app opens in a
 * chosen scene: in the meeting, before it, in the waiting room, ...). Rendered from
 * `meeting.view(pid)`; every button goes through `meeting.ui.*` (awaited; an error is shown as a
 * problem). A participant another device serves (a view of the meeting server) has no frame here.
 *
 * @module
 */
import type { MeetingUiModel, ParticipantView } from "@yiqi/mock-host";
import type { JSX } from "preact";
import { useCallback, useState } from "preact/hooks";
import { OPEN_SCENE_LABELS, OPEN_SCENES, type OpenScene } from "../../scenarios/index.ts";
import type { Harness } from "../harness.ts";
import { roleName } from "../params.ts";

/** Props of {@link Pane}. */
export interface PaneProps {
  harness: Harness;
  view: ParticipantView;
  appName: string;
  starterName: string | null;
  clientVersion: string;
  platform: string;
  /**
   * Who serves the participant if not this page (`harness.servedElsewhere`). A prop, not read
   * here: a pane re-renders only when its props change, and a replica keeps an unchanged view's
   * identity (decision 0040) when only the holders change.
   */
  elsewhere: string | null;
}

/** An avatar with the participant's initial. */
export function Avatar({
  name,
  size = "m",
}: {
  name: string;
  size?: "s" | "m" | "l";
}): JSX.Element {
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span
      class={`avatar avatar-${size}`}
      style={{ background: `hsl(${hue} 55% 45%)` }}
      aria-hidden="true"
    >
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** One participant's pane (an accessible region named after the participant). */
export function Pane({
  harness,
  view,
  appName,
  starterName,
  clientVersion,
  platform,
  elsewhere,
}: PaneProps): JSX.Element {
  const pid = view.participantId;
  /** Clicks a client button: the action is awaited, an error shown (a refusal is the view's). */
  const act = (run: (ui: MeetingUiModel) => unknown): void => {
    void harness.change(`${view.nickname}'s client`, (m) => run(m.ui));
  };
  const bind = useCallback(
    (el: HTMLDivElement | null) => harness.bindContainer(pid, el),
    [harness, pid],
  );
  const joined = view.statusBar !== null && !view.presenter;
  const [scene, setScene] = useState<OpenScene>("inMeeting");
  const open = async (): Promise<void> => {
    const r = await harness.change(`${view.nickname}'s app`, (m) =>
      scene === "inMeeting" ? m.ui.openApp(pid) : m.ui.openApp(pid, { scene }),
    );
    if (r && !r.ok)
      harness.report(`${view.nickname}'s app did not open in ${scene}: ${r.error.errMsg}`);
  };
  return (
    <section
      class={`pane${view.presenter ? " presenter" : ""}${view.app ? " has-app" : ""}`}
      aria-label={view.nickname}
      data-participant={pid}
    >
      <header class="pane-bar">
        <Avatar name={view.nickname} size="s" />
        <span class="pane-name">{view.nickname}</span>
        <span class="badge">{roleName(view.role)}</span>
        <span class="pane-meta" title={`client ${clientVersion} on ${platform}`}>
          {platform} {clientVersion}
        </span>
        {elsewhere !== null && (
          <span class="badge elsewhere" role="status" title="Served by another view of the meeting">
            {elsewhere ? `on another device (view ${elsewhere})` : "not open on any device"}
          </span>
        )}
        <span class="spacer" />
        {view.app && <span class="pane-app">{appName}</span>}
        {view.app && view.app.scene !== "inMeeting" && view.app.scene !== "inCollaboration" && (
          <span class="badge scene" title="The scene the app runs in (getRunningContext)">
            {view.app.scene}
          </span>
        )}
        {view.startButton.visible && (
          <button type="button" class="btn primary" onClick={() => act((ui) => ui.clickStart(pid))}>
            {view.startButton.label}
          </button>
        )}
        {joined && (
          <button type="button" class="btn" onClick={() => act((ui) => ui.leave(pid))}>
            离开
          </button>
        )}
        {view.endButton && (
          <button type="button" class="btn danger" onClick={() => act((ui) => ui.end(pid))}>
            结束
          </button>
        )}
        {view.app && !view.statusBar && (
          <button
            type="button"
            class="btn ghost"
            aria-label="关闭应用"
            title="Close the app"
            onClick={() => act((ui) => ui.closeApp(pid))}
          >
            ✕
          </button>
        )}
      </header>
      {view.statusBar && (
        <div class="status-bar" role="status">
          <span class="dot" /> {view.statusBar.text}
          {view.presenter && <span class="status-note"> · 你正在展示</span>}
        </div>
      )}
      {view.invitation && (
        <fieldset class="invitation" aria-label="邀请">
          <span>
            {view.invitation.from} 邀请你一起使用 <b>{view.invitation.appName}</b>
          </span>
          <span class="spacer" />
          <button type="button" class="btn primary" onClick={() => act((ui) => ui.join(pid))}>
            加入
          </button>
          <button
            type="button"
            class="btn ghost"
            onClick={() => act((ui) => ui.dismissInvitation(pid))}
          >
            忽略
          </button>
        </fieldset>
      )}
      {view.rejoinBar && (
        <div class="rejoin-bar">
          <span>{appName} 仍在一起使用中</span>
          <span class="spacer" />
          <button type="button" class="btn primary" onClick={() => act((ui) => ui.join(pid))}>
            {view.rejoinBar.text}
          </button>
        </div>
      )}
      <div class="stage">
        <div class="frame-slot" ref={bind} hidden={!view.app || elsewhere !== null} />
        {view.app && elsewhere !== null && (
          <div class="idle elsewhere">
            <Avatar name={view.nickname} size="l" />
            <div class="idle-name">the app runs on that device</div>
          </div>
        )}
        {!view.app && view.screenShare && (
          <div
            class="share-tile"
            role="img"
            aria-label={`${starterName ?? "?"} is sharing ${view.screenShare.appName}`}
          >
            <div class="share-badge">屏幕共享</div>
            <Avatar name={starterName ?? "?"} size="l" />
            <div class="share-text">
              {starterName} is sharing <b>{view.screenShare.appName}</b>
            </div>
          </div>
        )}
        {!view.app && !view.screenShare && (
          <div class="idle">
            <Avatar name={view.nickname} size="l" />
            <div class="idle-name">{view.nickname}</div>
            <div class="open-row">
              <select
                aria-label={`Scene for ${view.nickname}`}
                title="Where the client opens the app"
                value={scene}
                onChange={(e) => setScene(e.currentTarget.value as OpenScene)}
              >
                {OPEN_SCENES.map((s) => (
                  <option key={s} value={s}>
                    {OPEN_SCENE_LABELS[s]}
                  </option>
                ))}
              </select>
              <button type="button" class="btn subtle" onClick={() => void open()}>
                打开应用
              </button>
            </div>
          </div>
        )}
      </div>
      {view.confirmation && (
        <div class="dialog-backdrop">
          <div
            class="dialog"
            role="dialog"
            aria-modal="true"
            aria-label={view.confirmation.kind === "start" ? "开始确认" : "结束确认"}
          >
            <p>{view.confirmation.message}</p>
            <div class="dialog-buttons">
              <button
                type="button"
                class="btn"
                onClick={() => act((ui) => ui.answerConfirmation(pid, false))}
              >
                取消
              </button>
              <button
                type="button"
                class="btn primary"
                onClick={() => act((ui) => ui.answerConfirmation(pid, true))}
              >
                确定
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
