/**
 * The step vocabulary of the scenario API, one namespace per file: `ui` (what a user clicks in
 * the client), `app` (what happens to an app frame), `meeting` (changes an organiser makes),
 * `wait` and `expect` (bounded, eventually-true assertions on the simulator's views and trace).
 *
 * Apps run cross-origin, so a scenario never evaluates code in an app: it acts through the
 * client UI and reads what the apps did from the trace (their calls, results and events).
 *
 * @module
 */
export { type ActionOptions, type ActionResult, action } from "./action.ts";
export { type AppSteps, app } from "./app.ts";
export {
  type ExpectSteps,
  expect,
  type InstanceAssertions,
  type SessionAssertions,
  type ViewAssertions,
} from "./expect.ts";
export { type MeetingSteps, meeting } from "./meeting.ts";
export { type UiSteps, ui } from "./ui.ts";
export { type WaitSteps, wait } from "./wait.ts";
