/**
 * The harness model: one simulated meeting, one app frame per participant reconciled with the
 * simulator's views, the merged timeline, and scenario runs. The UI renders it; Playwright drives
 * it through `window.yiqiHarness`.
 *
 * @module
 */
import { signal } from "@preact/signals";
import { windowHostTransport } from "@yiqi/bridge";
import {
  type AttachedApp,
  attachApp,
  createMeeting,
  DEFAULT_DECISIONS,
  type EmulatorDecisions,
  type Meeting,
  type ParticipantView,
} from "@yiqi/mock-host";
import {
  createScenarioRun,
  findScenario,
  isOpenScene,
  type OpenScene,
  type Scenario,
  type ScenarioResult,
  type ScenarioRun,
} from "../scenarios/index.ts";
import {
  BoundedTimeline,
  DEFAULT_TIMELINE_LIMIT,
  fromBridge,
  fromMeeting,
  type TimelineEntry,
} from "../timeline.ts";
import { type ClientSync, createClientSync } from "./clientSync.ts";
import { type FrameUrl, frameUrlFor, participantNumber } from "./frameUrl.ts";
import { formatSetup, type HarnessSetup, type ParticipantSpec, roleName } from "./params.ts";
import type { AppSource } from "./serverConfig.ts";

interface Frame {
  key: string;
  src: string;
  /** The participant's client when the frame loaded (its user agent; a change reloads it). */
  client: string;
  iframe: HTMLIFrameElement;
  attached: AttachedApp;
}

/**
 * Display name of an app source (decision 0009): the server's name for it (`--name`, its page's
 * title, else its host); in dev fallback the URL's host. Never a participant host label (`p1`).
 */
function appNameOf(app: string, source: AppSource): string {
  if (app === "demo") return "Pixel Party";
  if (source.name) return source.name;
  try {
    return new URL(source.url).host || "App";
  } catch {
    return "App";
  }
}

/** Options of a {@link Harness}. */
export interface HarnessOptions {
  /**
   * Entries the timeline and the simulator's trace each keep, the newest (default 10,000).
   * Older entries are dropped behind a "trace truncated: N earlier entries dropped" marker.
   */
  traceLimit?: number;
}

/** The harness: the meeting, its frames, its timeline, its scenario run. */
export class Harness {
  /** Bumps on every simulator change (coalesced to one per frame). */
  readonly version = signal(0);
  /** Bumps when the timeline grows (coalesced). */
  readonly timelineVersion = signal(0);
  /** The scenario run in progress or last finished, and a bump on its changes. */
  readonly run = signal<ScenarioRun | null>(null);
  readonly runVersion = signal(0);
  /** Problems to show (bad URL parameters, refused frames). */
  readonly problems = signal<string[]>([]);

  meeting!: Meeting;
  setup: HarnessSetup;
  /** The timeline, bounded (see {@link HarnessOptions.traceLimit}). */
  readonly log: BoundedTimeline;
  private readonly frames = new Map<string, Frame>();
  /** Panel keys whose URL was refused (reported once each). */
  private readonly refusedKeys = new Set<string>();
  private readonly containers = new Map<string, HTMLElement>();
  private offs: (() => void)[] = [];
  private scheduled = false;
  private seq = 0;
  private generation = 0;
  private readonly clients: ClientSync;

  constructor(
    setup: HarnessSetup,
    readonly source: AppSource,
    options: HarnessOptions = {},
  ) {
    this.setup = setup;
    this.clients = createClientSync(source.appId, (problem) => this.report(problem));
    this.log = new BoundedTimeline(options.traceLimit ?? DEFAULT_TIMELINE_LIMIT);
    this.reset(setup);
  }

  /** The kept timeline entries, oldest first, without the truncation marker. */
  get timeline(): readonly TimelineEntry[] {
    return this.log.kept;
  }

  /** The timeline as exports and `window.yiqiHarness` give it: the marker first, if any. */
  timelineEntries(): TimelineEntry[] {
    return this.log.entries();
  }

  /** The link that reopens this meeting (current participants, app, scenario, decisions). */
  link(): string {
    const participants: ParticipantSpec[] = this.meeting.participants().map((p) => ({
      nickname: p.nickname,
      role: p.role,
      ...(p.clientVersion !== "3.14.0.400" ? { clientVersion: p.clientVersion } : {}),
      ...(p.platform !== "Mac" ? { platform: p.platform } : {}),
      ...this.sceneOf(p.id),
    }));
    // The decisions in force now (set from the URL or the panel) that differ from the defaults.
    const current = this.meeting.decisions() as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(current).filter(
        ([k, v]) => (DEFAULT_DECISIONS as unknown as Record<string, unknown>)[k] !== v,
      ),
    ) as Partial<EmulatorDecisions>;
    const setup = { ...this.setup, participants };
    if (Object.keys(changed).length > 0) setup.decisions = changed;
    else delete setup.decisions;
    return `${location.origin}${location.pathname}${formatSetup(setup)}`;
  }

  /** `{ scene }` when `pid`'s app is open outside the meeting (a link reopens it there). */
  private sceneOf(pid: string): { scene?: OpenScene } {
    const scene = this.meeting.view(pid).app?.scene;
    return isOpenScene(scene) && scene !== "inMeeting" ? { scene } : {};
  }

  /**
   * Replaces the meeting with a new one for `setup` (and `scenario`'s app and decisions); every
   * frame is detached and removed. The first host opens the app unless a scenario is loaded.
   */
  reset(setup: HarnessSetup, scenario?: Scenario, decisions?: Partial<EmulatorDecisions>): void {
    this.run.value?.stop();
    this.run.value = null;
    for (const off of this.offs) off();
    this.offs = [];
    for (const pid of [...this.frames.keys()]) this.removeFrame(pid);
    this.generation++;
    this.setup = setup;
    this.log.clear();
    this.seq = 0;
    this.refusedKeys.clear();
    const participants = scenario?.participants ?? setup.participants;
    this.meeting = createMeeting({
      seed: scenario?.name ?? "yiqi-harness",
      clock: { now: () => Date.now() },
      maxTraceEntries: this.log.limit,
      app: {
        name: appNameOf(setup.app, this.source),
        game: setup.app === "demo",
        url: this.source.url,
        ...scenario?.app,
      },
      decisions: { ...setup.decisions, ...decisions, ...scenario?.decisions },
      participants: participants.map(({ scene: _scene, ...p }) => ({ ...p })),
    });
    this.offs.push(
      this.meeting.trace.subscribe((e) => {
        this.log.push(fromMeeting(e, ++this.seq));
        this.schedule();
      }),
      this.meeting.subscribe(() => {
        this.reconcile();
        this.schedule();
      }),
    );
    this.openInitialApps(participants, !scenario);
    this.reconcile();
    this.schedule();
  }

  /**
   * Opens the apps a setup asks for: each participant with a `scene` opens it there, and (with
   * `host`) the first host opens it in the meeting unless given a scene. A scene the simulator
   * refuses (a waiting room on a client before 3.18) is reported as a problem.
   */
  private openInitialApps(specs: readonly ParticipantSpec[], host: boolean): void {
    const people = this.meeting.participants();
    const opened = new Set<string>();
    specs.forEach((spec, i) => {
      const p = people[i];
      if (!p || !spec.scene) return;
      opened.add(p.id);
      const r = this.meeting.ui.openApp(p.id, { scene: spec.scene });
      if (!r.ok)
        this.report(`${p.nickname}'s app did not open in ${spec.scene}: ${r.error.errMsg}`);
    });
    const first = people.find((p) => roleName(p.role) === "host");
    if (host && first && !opened.has(first.id)) this.meeting.ui.openApp(first.id);
  }

  /** Shows `problem` on the page (the five latest are kept). */
  report(problem: string): void {
    this.problems.value = [...this.problems.value, problem].slice(-5);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = (): void => {
      this.scheduled = false;
      this.version.value++;
      this.timelineVersion.value++;
    };
    if (typeof requestAnimationFrame === "function" && !document.hidden) {
      requestAnimationFrame(flush);
    } else setTimeout(flush, 16);
  }

  /**
   * The frame URL of participant `pid` for the simulator's `url` (its own origin), or why it
   * gets none: only URLs on the app's own origins are ever given to a frame (decision 0107).
   */
  frameUrl(pid: string, url: string): FrameUrl {
    return frameUrlFor(url, this.numberOf(pid), this.source);
  }

  /** The views, for rendering. */
  views(): ParticipantView[] {
    return this.meeting.views();
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

  /** The server's participant number of `pid` (its origin is `p<N>.<app>.localhost`). */
  private numberOf(pid: string): number {
    const index = this.meeting.participants().findIndex((p) => p.id === pid);
    return participantNumber(pid, index + 1);
  }

  /**
   * Reconciles frames with views: a new key opens a new frame; no app removes it; a participant
   * whose client (platform, version, district) changed reloads, to see its new user agent.
   */
  private reconcile(): void {
    this.clients.update(
      this.meeting.participants().map((p, i) => ({
        participant: participantNumber(p.id, i + 1),
        platform: p.platform,
        clientVersion: p.clientVersion,
        district: p.district,
      })),
    );
    const views = this.meeting.views();
    const present = new Set(views.map((v) => v.participantId));
    for (const pid of [...this.frames.keys()]) if (!present.has(pid)) this.removeFrame(pid);
    for (const view of views) {
      const frame = this.frames.get(view.participantId);
      if (frame && (!view.app || view.app.key !== frame.key)) this.removeFrame(view.participantId);
      if (view.app && !this.frames.has(view.participantId)) {
        this.addFrame(view.participantId, view.app.key, view.app.url, view.nickname);
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

  private addFrame(pid: string, key: string, url: string, nickname: string): void {
    const checked = this.frameUrl(pid, url);
    if (!checked.ok) {
      // Defence in depth: the simulator already refuses such URLs. Say it once per panel.
      if (this.refusedKeys.has(key)) return;
      this.refusedKeys.add(key);
      const problem = `${nickname}'s app was not opened: ${checked.reason}`;
      this.problems.value = [...this.problems.value, problem].slice(-5);
      return;
    }
    const src = checked.url;
    const iframe = document.createElement("iframe");
    iframe.title = `${nickname}'s ${this.meeting.app().name}`;
    iframe.dataset.participant = pid;
    iframe.className = "app-frame";
    const generation = this.generation;
    const attached = attachApp({
      meeting: this.meeting,
      participantId: pid,
      transport: windowHostTransport(iframe),
      url: () => src,
      trace: (e) => {
        if (generation !== this.generation) return;
        this.log.push(fromBridge(e, pid, ++this.seq));
        this.schedule();
      },
      onError: (e) => {
        this.problems.value = [...this.problems.value, `${nickname}'s frame: ${e.message}`].slice(
          -5,
        );
      },
    });
    const frame: Frame = {
      key,
      src,
      client: this.clients.keyOf(this.numberOf(pid)),
      iframe,
      attached,
    };
    this.frames.set(pid, frame);
    // The server must know this participant's client before the app's first request.
    this.clients.afterSent(() => {
      if (this.frames.get(pid) === frame) iframe.src = src;
    });
    const container = this.containers.get(pid);
    if (container) container.append(iframe);
  }

  private removeFrame(pid: string): void {
    const frame = this.frames.get(pid);
    if (!frame) return;
    this.frames.delete(pid);
    // The frame goes once the call that closed it (leave, end) has answered.
    void frame.attached.detach("the client closed the app").then(() => frame.iframe.remove());
  }

  /** Reloads `pid`'s app page: the bridge handshakes again and a new instance opens. */
  reloadApp(pid: string): void {
    const frame = this.frames.get(pid);
    if (!frame) return;
    frame.iframe.src = frame.src;
  }

  /** Loads scenario `name` (a fresh meeting with its participants), ready to play. */
  loadScenario(name: string): ScenarioRun {
    const scenario = findScenario(name);
    if (!scenario) throw new Error(`unknown scenario "${name}"`);
    this.reset({ ...this.setup, scenario: name, participants: scenario.participants }, scenario);
    const run = createScenarioRun(scenario, {
      meeting: this.meeting,
      reloadApp: (pid) => this.reloadApp(pid),
    });
    run.onChange(() => {
      this.runVersion.value++;
    });
    this.run.value = run;
    return run;
  }

  /** Loads and plays scenario `name` to the end; resolves with its result. */
  async runScenario(name: string): Promise<ScenarioResult> {
    return this.loadScenario(name).play();
  }
}
