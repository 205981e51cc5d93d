/**
 * The shape of one emulated control API module: its query paths, actions and event names.
 *
 * @module
 */
import type { ParamSpec } from "./params.ts";
import type { RoomsDeviceState } from "./state.ts";

/** An in-band outcome: `error_code` (0 = success), `message` and optional `data`. */
export interface Outcome {
  error_code: number;
  message: string;
  data?: unknown;
}

/** What an action or query handler gets: one argument that can grow. */
export interface HandlerInfo {
  /** The action parameters (`action_params`, plus top-level fields where the action allows). */
  params: Record<string, unknown>;
  /** The device state, mutable: handlers change it and the device diffs it into events. */
  state: RoomsDeviceState;
}

/** A precondition the dispatcher checks before the handler runs. */
export type Precondition = "inMeeting" | "sharing";

/** One `Call/<Module>` action. */
export interface ActionDef {
  /** The Rooms version that introduced it; older versions answer 9. */
  since: string;
  /** Parameter types; a missing or mistyped field answers 8. */
  params?: ParamSpec;
  /** Also read parameters from `params` itself, not only `action_params` (seed inconsistency). */
  topLevelParams?: boolean;
  /** Checked in order: `inMeeting` answers 10000, `sharing` answers 1. */
  requires?: readonly Precondition[];
  /** Runs the action. */
  handle(info: HandlerInfo): Outcome;
}

/** One emulated module. */
export interface ModuleDef {
  /** Module name, e.g. `Share`. */
  name: string;
  /** The version since which `Query [name]` exists. */
  querySince: string;
  /** Answers `Query [name, ...subPath]`; `undefined` means an unknown path (6). */
  query(subPath: readonly string[], info: HandlerInfo): Outcome | undefined;
  /** The actions of `Call/<name>`. */
  actions: Readonly<Record<string, ActionDef>>;
  /** The `sub_event` names of `Event/<name>`. */
  subEvents: readonly string[];
}

/** A success outcome. */
export const ok = (data?: unknown): Outcome =>
  data === undefined ? { error_code: 0, message: "" } : { error_code: 0, message: "", data };

/** A failure outcome. */
export const failed = (error_code: number, message: string): Outcome => ({ error_code, message });
