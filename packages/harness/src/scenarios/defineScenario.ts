/**
 * The scenario model: a named, multi-participant script of steps (actions and assertions) over
 * the meeting simulator. Steps run through the same simulator API as the harness UI.
 *
 * @module
 */
import type { Platform, RoleType } from "@yiqi/jsapi";
import type { AppConfig, EmulatorDecisions, MeetingModel } from "@yiqi/mock-host";
import type { OpenScene } from "./openScene.ts";

/** Default bound of waits and assertions (app frames load in this time). */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** One participant as a scenario (or the harness URL) describes it. */
export interface ParticipantSpec {
  nickname: string;
  role: RoleType;
  /** The emulated client version (default: the simulator's). */
  clientVersion?: string;
  /** The client's OS, as the UA's `os_name` says it (default: the simulator's, Mac). */
  platform?: Platform;
  /**
   * Open this participant's app in this scene when the meeting starts (the harness URL's
   * `participants=Bob:attendee:preMeetingDetail`); without it, only the host opens the app, in
   * the meeting, and only when no scenario is loaded.
   */
  scene?: OpenScene;
}

/** What a step gets to act on. */
export interface StepContext {
  /** The meeting (its changes answer with a Promise when it is a server's: await them). */
  readonly meeting: MeetingModel;
  /** The participant id of nickname `name`. @throws when nobody has that name. */
  pid(name: string): string;
  /** Re-create participant `pid`'s app frame (the app reloads: a new handshake, a new instance). */
  reloadApp(pid: string): void;
  /** Aborted when the run is stopped (a reset, a new run). */
  readonly signal: AbortSignal;
}

/** Whether a step changes something or checks something. */
export type StepKind = "action" | "wait" | "assert";

/** One step of a scenario. Build them with `ui`, `app`, `meeting`, `wait` and `expect`. */
export interface Step {
  kind: StepKind;
  /** What the step does, as the UI lists it (`Host clicks 一起用`). */
  label: string;
  /** Bound for the step, ms (every wait and assertion ends by then). */
  timeoutMs: number;
  /** Resolves when done; rejects with a message saying what was expected and what was seen. */
  run(ctx: StepContext): Promise<void>;
}

/** A scenario definition. */
export interface Scenario {
  /** Stable id (URL `?scenario=`, `yiqiHarness.runScenario(name)`). */
  name: string;
  title: string;
  /** What it proves, with the SPEC section. */
  description?: string;
  participants: ParticipantSpec[];
  /** App configuration overrides (the app URL stays the harness's). */
  app?: Partial<Omit<AppConfig, "url">>;
  decisions?: Partial<EmulatorDecisions>;
  steps: Step[];
}

/**
 * Defines a scenario (checks the names the steps could refer to are unique).
 *
 * @example
 * ```ts
 * defineScenario({
 *   name: "basic",
 *   title: "Start, join, end",
 *   participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Alice", role: RoleType.ATTENDEE }],
 *   steps: [ui.clickStart("Host"), ui.join("Alice"), expect.instance("Alice").runsIn("inCollaboration")],
 * });
 * ```
 */
export function defineScenario(scenario: Scenario): Scenario {
  const names = new Set<string>();
  for (const p of scenario.participants) {
    if (names.has(p.nickname)) {
      throw new Error(`scenario ${scenario.name}: participant "${p.nickname}" appears twice`);
    }
    names.add(p.nickname);
  }
  if (!/^[a-z0-9-]+$/.test(scenario.name)) {
    throw new Error(`scenario name "${scenario.name}" must be lower-case words with dashes`);
  }
  return Object.freeze({ ...scenario, steps: [...scenario.steps] });
}
