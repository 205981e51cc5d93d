/**
 * The harness model: one meeting (simulated in the page, or a meeting server's, see
 * {@link MeetingBackend}), one app frame per participant this page serves reconciled with the
 * meeting's views, the merged timeline, and scenario runs. The UI renders it; Playwright drives
 * it through `window.yiqiHarness`. Reads are synchronous; every change is awaited.
 *
 * @module
 */
import { signal } from "@preact/signals";
import {
  type Awaitable,
  DEFAULT_DECISIONS,
  type EmulatorDecisions,
  type MeetingModel,
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
import { createClientSync } from "./clientSync.ts";
import { FrameSet } from "./frameSet.ts";
import type { FrameUrl } from "./frameUrl.ts";
import { localBackend, type MeetingBackend, meetingOptionsFor } from "./meetingBackend.ts";
import { formatSetup, type HarnessSetup, type ParticipantSpec, roleName } from "./params.ts";
import type { AppSource } from "./serverConfig.ts";

/** The timeline entry's name when a participant moved to another view ({@link Harness.noteMoved}). */
export const PARTICIPANT_MOVED = "participant.moved";

/** Options of a {@link Harness}. */
export interface HarnessOptions {
  /**
   * Entries the timeline and the simulator's trace each keep, the newest (default 10,000).
   * Older entries are dropped behind a "trace truncated: N earlier entries dropped" marker.
   */
  traceLimit?: number;
  /** Where the meeting runs (default: in the page). */
  backend?: MeetingBackend;
}

/** The harness: the meeting, its frames, its timeline, its scenario run. */
export class Harness {
  /** Bumps on every meeting change (coalesced to one per frame). */
  readonly version = signal(0);
  /** Bumps when the timeline grows (coalesced). */
  readonly timelineVersion = signal(0);
  /** The scenario run in progress or last finished, and a bump on its changes. */
  readonly run = signal<ScenarioRun | null>(null);
  readonly runVersion = signal(0);
  /** Problems to show (bad URL parameters, refused frames, refused changes). */
  readonly problems = signal<string[]>([]);

  /** The meeting (replaced by {@link reset}: read it each time). Set once {@link start} resolved. */
  meeting!: MeetingModel;
  setup: HarnessSetup;
  /** The timeline, bounded (see {@link HarnessOptions.traceLimit}). */
  readonly log: BoundedTimeline;
  readonly backend: MeetingBackend;
  private readonly frames: FrameSet;
  private offs: (() => void)[] = [];
  private scheduled = false;
  private seq = 0;
  private generation = 0;

  constructor(
    setup: HarnessSetup,
    readonly source: AppSource,
    options: HarnessOptions = {},
  ) {
    this.setup = setup;
    this.backend = options.backend ?? localBackend();
    this.log = new BoundedTimeline(options.traceLimit ?? DEFAULT_TIMELINE_LIMIT);
    const clients = createClientSync(source.appId, (problem) => this.report(problem));
    this.frames = new FrameSet(source, clients, {
      trace: (e, pid) => {
        this.log.push(fromBridge(e, pid, ++this.seq));
        this.schedule();
      },
      report: (problem) => this.report(problem),
    });
  }

  /** Sets up the first meeting (the URL's setup, or its scenario when it names one). */
  async start(): Promise<void> {
    const { scenario } = this.setup;
    if (scenario && findScenario(scenario)) await this.loadScenario(scenario);
    else await this.reset(this.setup);
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
   * Runs a change of the meeting (a button, a field) and waits for its answer; a refusal (a
   * thrown or rejected error) is shown on the page instead of thrown.
   */
  async change<T>(what: string, run: (meeting: MeetingModel) => Awaitable<T>): Promise<T | null> {
    try {
      return await run(this.meeting);
    } catch (error) {
      this.report(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /**
   * Replaces the meeting with a new one for `setup` (and `scenario`'s app and decisions); every
   * frame is detached and removed. The first host opens the app unless a scenario is loaded.
   */
  async reset(
    setup: HarnessSetup,
    scenario?: Scenario,
    decisions?: Partial<EmulatorDecisions>,
  ): Promise<void> {
    this.run.value?.stop();
    this.run.value = null;
    for (const off of this.offs) off();
    this.offs = [];
    this.frames.clear();
    const generation = ++this.generation;
    this.setup = setup;
    this.log.clear();
    this.seq = 0;
    const participants = scenario?.participants ?? setup.participants;
    const options = meetingOptionsFor(setup, this.source, this.log.limit, scenario, decisions);
    const { model, frames, adopted } = await this.backend.reset(options);
    // A newer reset has started meanwhile: it owns the page.
    if (generation !== this.generation) return;
    this.meeting = model;
    this.frames.use(model, frames);
    if (this.backend.mode === "remote")
      for (const e of model.trace.entries()) this.log.push(fromMeeting(e, ++this.seq));
    this.offs.push(
      model.trace.subscribe((e) => {
        this.log.push(fromMeeting(e, ++this.seq));
        this.schedule();
      }),
      model.subscribe(() => {
        this.frames.reconcile();
        this.schedule();
      }),
    );
    if (!adopted) await this.openInitialApps(participants, !scenario);
    this.frames.reconcile();
    this.schedule();
  }

  /**
   * Opens the apps a setup asks for: each participant with a `scene` opens it there, and (with
   * `host`) the first host opens it in the meeting unless given a scene. A scene the simulator
   * refuses (a waiting room on a client before 3.18) is reported as a problem.
   */
  private async openInitialApps(specs: readonly ParticipantSpec[], host: boolean): Promise<void> {
    const people = this.meeting.participants();
    const opened = new Set<string>();
    for (const [i, spec] of specs.entries()) {
      const p = people[i];
      if (!p || !spec.scene) continue;
      opened.add(p.id);
      const r = await this.change(`${p.nickname}'s app`, (m) =>
        m.ui.openApp(p.id, { scene: spec.scene }),
      );
      if (r && !r.ok)
        this.report(`${p.nickname}'s app did not open in ${spec.scene}: ${r.error.errMsg}`);
    }
    const first = people.find((p) => roleName(p.role) === "host");
    if (host && first && !opened.has(first.id))
      await this.change(`${first.nickname}'s app`, (m) => m.ui.openApp(first.id));
  }

  /**
   * Notes on the timeline that `participants` moved to another view of the meeting server (a
   * phone opened their join link): asked for, so not a problem; their panes show "on another
   * device".
   */
  noteMoved(participants: readonly string[], reason: string): void {
    for (const pid of participants)
      this.log.push({
        seq: ++this.seq,
        t: Date.now(),
        source: "meeting",
        kind: "state",
        participantId: pid,
        name: PARTICIPANT_MOVED,
        data: { message: `${pid} moved to another device`, reason },
      });
    this.schedule();
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
    return this.frames.frameUrl(pid, url);
  }

  /** The views, for rendering. */
  views(): ParticipantView[] {
    return this.meeting.views();
  }

  /**
   * Who serves `pid`'s app if not this page: another view of the meeting server (its id) or
   * nobody (`""`); null when this page does.
   */
  servedElsewhere(pid: string): string | null {
    return this.frames.elsewhere(pid);
  }

  /** The current frame of `pid` (for tests: its `src`). */
  frameOf(pid: string): HTMLIFrameElement | null {
    return this.frames.frameOf(pid);
  }

  /** A pane registers (or unregisters) the element its frame lives in. */
  bindContainer(pid: string, el: HTMLElement | null): void {
    this.frames.bindContainer(pid, el);
  }

  /** Reloads `pid`'s app page: the bridge handshakes again and a new instance opens. */
  reloadApp(pid: string): void {
    this.frames.reload(pid);
  }

  /** Loads scenario `name` (a fresh meeting with its participants), ready to play. */
  async loadScenario(name: string): Promise<ScenarioRun> {
    const scenario = findScenario(name);
    if (!scenario) throw new Error(`unknown scenario "${name}"`);
    await this.reset(
      { ...this.setup, scenario: name, participants: scenario.participants },
      scenario,
    );
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
    return (await this.loadScenario(name)).play();
  }
}
