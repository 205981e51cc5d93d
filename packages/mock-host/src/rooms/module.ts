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
  /**
   * The asynchronous rest of the action: runs after the answer is sent (after the device's
   * `asyncDelayMs`), with its state changes diffed into events like any other.
   */
  later?: (info: HandlerInfo) => void;
}

/** What an action or query handler gets: one argument that can grow. */
export interface HandlerInfo {
  /** The action parameters (`action_params`, plus top-level fields where the action allows). */
  params: Record<string, unknown>;
  /** The device state, mutable: handlers change it and the device diffs it into events. */
  state: RoomsDeviceState;
  /** The device clock, in milliseconds. */
  now(): number;
  /**
   * Pushes an `Event/<this module>` with `sub_event` and `payload` (after the answer and the
   * events derived from state changes), to subscribed connections.
   */
  emit(subEvent: string, payload: Record<string, unknown>): void;
}

/** A precondition the dispatcher checks before the handler runs. */
export type Precondition = "inMeeting" | "sharing" | "host";

/** One `Call/<Module>` action. */
export interface ActionDef {
  /** The Rooms version that introduced it; older versions answer 9. */
  since: string;
  /** Parameter types; a missing or mistyped field answers 8. */
  params?: ParamSpec;
  /** Also read parameters from `params` itself, not only `action_params` (seed inconsistency). */
  topLevelParams?: boolean;
  /**
   * Checked in order: `inMeeting` (in the meeting, not joining or waiting) answers 10000,
   * `host` (host or co-host) answers 10022, `sharing` answers 1.
   */
  requires?: readonly Precondition[];
  /** The action name the answer carries when the device prints another (`CheckSpeaker`, sic). */
  answerAs?: string;
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
  /** The `sub_event` names of `Event/<name>` (derived and emitted ones). */
  subEvents: readonly string[];
  /** Events derived by diffing the state, by `sub_event`. */
  views?: Readonly<Record<string, EventView>>;
}

/**
 * An event derived by diffing: around every call and control change the device compares
 * `key` (default: the payload's JSON) before and after, and pushes `payload` when it changed to
 * a defined value. A transition event defines its key only in the state it announces.
 */
export interface EventView {
  key?: (state: RoomsDeviceState) => string | undefined;
  payload: (state: RoomsDeviceState) => Record<string, unknown> | undefined;
}

/** A success outcome. */
export const ok = (data?: unknown): Outcome =>
  data === undefined ? { error_code: 0, message: "" } : { error_code: 0, message: "", data };

/** A success outcome whose rest happens asynchronously (see {@link Outcome.later}). */
export const accepted = (later: (info: HandlerInfo) => void): Outcome => ({
  error_code: 0,
  message: "",
  later,
});

/** A failure outcome. */
export const failed = (error_code: number, message: string): Outcome => ({ error_code, message });
