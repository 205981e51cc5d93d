/**
 * The harness page's app frames: one per participant whose client shows the app, reconciled with
 * the meeting's views (a new app key opens a new frame, no app removes it, a changed client
 * reloads it), each served through the meeting's {@link FrameHosts}.
 *
 * @module
 */
import type { BridgeTraceEntry } from "@yiqi/bridge";
import type { MeetingModel } from "@yiqi/mock-host";
import type { ClientSync } from "./clientSync.ts";
import type { FrameHosts, HostedApp } from "./frameHosts.ts";
import { type FrameUrl, frameUrlFor, participantNumber } from "./frameUrl.ts";
import type { AppSource } from "./serverConfig.ts";

interface Frame {
  key: string;
  src: string;
  /** The participant's client when the frame loaded (its user agent; a change reloads it). */
  client: string;
  iframe: HTMLIFrameElement;
  hosted: HostedApp;
}

/** What the frames report to the harness. */
export interface FrameSetHooks {
  /** A bridge trace entry of participant `pid`'s frame. */
  trace(entry: BridgeTraceEntry, pid: string): void;
  report(problem: string): void;
}

/** The app frames of one page (they outlive meetings: {@link FrameSet.use} switches). */
export class FrameSet {
  private readonly frames = new Map<string, Frame>();
  /** Panel keys whose URL was refused (reported once each). */
  private readonly refusedKeys = new Set<string>();
  private readonly containers = new Map<string, HTMLElement>();
  private meeting: MeetingModel | null = null;
  private hosts: FrameHosts | null = null;
  private generation = 0;

  constructor(
    private readonly source: AppSource,
    private readonly clients: ClientSync,
    private readonly hooks: FrameSetHooks,
  ) {}

  /** Removes every frame; frames from now on serve `meeting` through `hosts`. */
  use(meeting: MeetingModel, hosts: FrameHosts): void {
    this.clear();
    this.meeting = meeting;
    this.hosts = hosts;
  }

  /** Removes every frame (their instances close). */
  clear(): void {
    for (const pid of [...this.frames.keys()]) this.remove(pid);
    this.generation++;
    this.refusedKeys.clear();
  }

  /**
   * The frame URL of participant `pid` for the simulator's `url` (its own origin), or why it
   * gets none: only URLs on the app's own origins are ever given to a frame (decision 0107).
   */
  frameUrl(pid: string, url: string): FrameUrl {
    return frameUrlFor(url, this.numberOf(pid), this.source);
  }

  /** Who serves `pid`'s app if not this page (see {@link FrameHosts.elsewhere}). */
  elsewhere(pid: string): string | null {
    return this.hosts?.elsewhere(pid) ?? null;
  }

  /** The current frame of `pid` (for tests: its `src`). */
  frameOf(pid: string): HTMLIFrameElement | null {
    return this.frames.get(pid)?.iframe ?? null;
  }

  /** A pane registers (or unregisters) the element its frame lives in. */
  bindContainer(pid: string, el: HTMLElement | null): void {
    if (!el) {
      this.containers.delete(pid);
      return;
    }
    this.containers.set(pid, el);
    const frame = this.frames.get(pid);
    if (frame && frame.iframe.parentElement !== el) el.append(frame.iframe);
  }

  /** Reloads `pid`'s app page: the bridge handshakes again and a new instance opens. */
  reload(pid: string): void {
    const frame = this.frames.get(pid);
    if (!frame) return;
    frame.iframe.src = frame.src;
  }

  /** The server's participant number of `pid` (its origin is `p<N>.<app>.localhost`). */
  private numberOf(pid: string): number {
    const index = this.meeting?.participants().findIndex((p) => p.id === pid) ?? -1;
    return participantNumber(pid, index + 1);
  }

  /**
   * Reconciles frames with views: a new key opens a new frame; no app (or a participant served
   * elsewhere) removes it; a participant whose client (platform, version, district) changed
   * reloads, to see its new user agent.
   */
  reconcile(): void {
    const meeting = this.meeting;
    if (!meeting) return;
    this.clients.update(
      meeting.participants().map((p, i) => ({
        participant: participantNumber(p.id, i + 1),
        platform: p.platform,
        clientVersion: p.clientVersion,
        district: p.district,
      })),
    );
    const views = meeting.views().filter((v) => this.elsewhere(v.participantId) === null);
    const present = new Set(views.map((v) => v.participantId));
    for (const pid of [...this.frames.keys()]) if (!present.has(pid)) this.remove(pid);
    for (const view of views) {
      const frame = this.frames.get(view.participantId);
      if (frame && (!view.app || view.app.key !== frame.key)) this.remove(view.participantId);
      if (view.app && !this.frames.has(view.participantId)) {
        this.add(view.participantId, view.app.key, view.app.url, view.nickname);
      }
      const open = this.frames.get(view.participantId);
      const client = this.clients.keyOf(this.numberOf(view.participantId));
      if (open && open.client !== client) {
        open.client = client;
        this.clients.afterSent(() => {
          if (this.frames.get(view.participantId) === open) open.iframe.src = open.src;
        });
      }
    }
  }

  private add(pid: string, key: string, url: string, nickname: string): void {
    const checked = this.frameUrl(pid, url);
    if (!checked.ok) {
      // Defence in depth: the simulator already refuses such URLs. Say it once per panel.
      if (this.refusedKeys.has(key)) return;
      this.refusedKeys.add(key);
      this.hooks.report(`${nickname}'s app was not opened: ${checked.reason}`);
      return;
    }
    const src = checked.url;
    const iframe = document.createElement("iframe");
    iframe.title = `${nickname}'s ${this.meeting?.app().name ?? "app"}`;
    iframe.dataset.participant = pid;
    iframe.className = "app-frame";
    const generation = this.generation;
    const hosted = (this.hosts as FrameHosts).host(pid, iframe, {
      url: src,
      trace: (e) => {
        if (generation === this.generation) this.hooks.trace(e, pid);
      },
      onError: (e) => this.hooks.report(`${nickname}'s frame: ${e.message}`),
    });
    const frame: Frame = {
      key,
      src,
      client: this.clients.keyOf(this.numberOf(pid)),
      iframe,
      hosted,
    };
    this.frames.set(pid, frame);
    // The server must know this participant's client (and, remotely, have opened its instance)
    // before the app's first request.
    hosted.ready.then(
      () =>
        this.clients.afterSent(() => {
          if (this.frames.get(pid) === frame) iframe.src = src;
        }),
      () => {},
    );
    const container = this.containers.get(pid);
    if (container) container.append(iframe);
  }

  private remove(pid: string): void {
    const frame = this.frames.get(pid);
    if (!frame) return;
    this.frames.delete(pid);
    // The frame goes once the call that closed it (leave, end) has answered.
    void frame.hosted.detach("the client closed the app").then(() => frame.iframe.remove());
  }
}
