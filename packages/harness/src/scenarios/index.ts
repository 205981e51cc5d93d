/**
 * The scenario API: define multi-participant scripts of UI actions and bounded assertions, run
 * them step by step or headless.
 *
 * @example
 * ```ts
 * import { defineScenario, expect, ui } from "./scenarios/index.ts";
 * export const mine = defineScenario({
 *   name: "mine",
 *   title: "Host starts, Alice joins",
 *   participants: [{ nickname: "Host", role: RoleType.HOST }, { nickname: "Alice", role: RoleType.ATTENDEE }],
 *   steps: [ui.openApp("Host"), ui.clickStart("Host"), ui.join("Alice"), expect.instance("Alice").runsIn("inCollaboration")],
 * });
 * ```
 * @module
 */
export {
  A3_PHASES,
  type A3FlowOptions,
  type A3Phase,
  type A3PhaseName,
  a3Flow,
} from "./a3Flow.ts";
export { BUILTIN_SCENARIOS, findScenario } from "./builtin.ts";
export {
  DEFAULT_TIMEOUT_MS,
  defineScenario,
  type ParticipantSpec,
  type Scenario,
  type Step,
  type StepContext,
  type StepKind,
} from "./defineScenario.ts";
export {
  type InstanceScene,
  isOpenScene,
  OPEN_SCENE_LABELS,
  OPEN_SCENES,
  type OpenScene,
  type RunningScene,
} from "./openScene.ts";
export {
  createScenarioRun,
  type RunStatus,
  type ScenarioDriver,
  type ScenarioResult,
  type ScenarioRun,
  type StepResult,
  type StepStatus,
} from "./runScenario.ts";
export {
  type ActionOptions,
  type AppSteps,
  app,
  type ExpectSteps,
  expect,
  type InstanceAssertions,
  type MeetingSteps,
  meeting,
  type SessionAssertions,
  type UiSteps,
  ui,
  type ViewAssertions,
  type WaitSteps,
  wait,
} from "./steps/index.ts";
export { type Check, notYet, pass, waitUntil } from "./waitUntil.ts";
