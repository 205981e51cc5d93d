/**
 * The device's dispatcher for one request: `Query`, `Call/<Module>` and the checks of
 * `Subscribe` paths, in the order of decision 0202. Pure over the state it is given; the
 * connection bookkeeping and the wire stay in `RoomsDevice`.
 *
 * @module
 */
import { isVersionAtLeast, type RoomsResult } from "@yiqi/rooms-rpc";
import { describeValue } from "./describe.ts";
import type { HandlerInfo, ModuleDef, Outcome } from "./module.ts";
import { checkParams } from "./params.ts";
import { activeMeeting, type RoomsDeviceState, roomsIsHost } from "./state.ts";
import { orderedResult } from "./wire.ts";

/** An event a handler emitted, waiting to be pushed after the answer. */
export interface PendingEvent {
  module: string;
  subEvent: string;
  payload: Record<string, unknown>;
}

/** What the dispatcher works on. */
export interface DispatchContext {
  modules: ReadonlyMap<string, ModuleDef>;
  state: RoomsDeviceState;
  now(): number;
}

/** The answer to a call, and its asynchronous rest when it has one. */
export interface CallOutcome {
  result: RoomsResult;
  /** Runs the rest of the action (see `Outcome.later`) with events collected into `emitted`. */
  later?: (emitted: PendingEvent[]) => void;
}

const fail = (error_code: number, message: string): RoomsResult => ({ error_code, message });

const names = (ctx: DispatchContext): string => [...ctx.modules.keys()].join(", ");

/** Handler info for `module` whose `emit` collects into `emitted`. */
export function handlerInfo(
  ctx: DispatchContext,
  module: string,
  params: Record<string, unknown>,
  emitted: PendingEvent[],
): HandlerInfo {
  return {
    params,
    state: ctx.state,
    now: ctx.now,
    emit: (subEvent, payload) => emitted.push({ module, subEvent, payload }),
  };
}

/** Answers `Query` with `params.path`. */
export function runQuery(ctx: DispatchContext, params: Record<string, unknown>): RoomsResult {
  const path = params.path;
  if (!Array.isArray(path) || !path.every((p) => typeof p === "string"))
    return fail(8, 'params.path must be an array of strings, e.g. ["Share"]');
  const [name, ...rest] = path as string[];
  const module = name === undefined ? undefined : ctx.modules.get(name);
  if (!module) return fail(6, `unknown query path ${describeValue(path)}; modules: ${names(ctx)}`);
  if (!isVersionAtLeast(ctx.state.version, module.querySince))
    return fail(
      6,
      `Query ${name} needs Rooms ${module.querySince}; this device runs ${ctx.state.version}`,
    );
  const outcome = module.query(rest, handlerInfo(ctx, module.name, {}, []));
  return outcome
    ? orderedResult(outcome.error_code, outcome.message, outcome.data)
    : fail(6, `unknown query path ${describeValue(path)}`);
}

const precondition = (
  state: RoomsDeviceState,
  pre: string,
  action: string,
): RoomsResult | undefined => {
  if (pre === "inMeeting" && !activeMeeting(state))
    return fail(
      10000,
      `precondition failed: ${action} needs the Rooms to be in a meeting${state.meeting ? ` (it is ${state.meeting.status === 2 ? "joining" : "in the waiting room"})` : ""}`,
    );
  if (pre === "host" && !roomsIsHost(state))
    return fail(10022, `${action} needs the Rooms to be host or co-host of the meeting`);
  if (pre === "sharing") {
    const sharer = state.share?.sharer;
    if (sharer !== "rooms" && sharer !== "quickcast")
      return fail(
        1,
        `precondition failed: ${action} needs the Rooms itself to be sharing (Rooms用户当前正在共享中)${sharer === "remote" ? "; another participant is sharing" : ""}`,
      );
  }
  return undefined;
};

/** Runs `Call/<moduleName>`; events the handler emits are collected into `emitted`. */
export function runCall(
  ctx: DispatchContext,
  moduleName: string,
  params: Record<string, unknown>,
  emitted: PendingEvent[],
): CallOutcome {
  const action = params.action;
  const answer = (r: RoomsResult, as = action): CallOutcome => ({
    result: typeof as === "string" ? orderedResult(r.error_code, r.message, r.data, as) : r,
  });
  const module = ctx.modules.get(moduleName);
  if (!module)
    return answer(fail(6, `unknown module ${describeValue(moduleName)}; modules: ${names(ctx)}`));
  if (typeof action !== "string" || action.length === 0)
    return answer(fail(8, "params.action must be a non-empty string"));
  const def = Object.hasOwn(module.actions, action) ? module.actions[action] : undefined;
  if (!def) {
    const known = Object.keys(module.actions);
    return answer(
      fail(
        9,
        `unsupported action ${describeValue(action)} in module ${moduleName}; ${known.length ? `actions: ${known.join(", ")}` : `${moduleName} has no actions (Query only)`}`,
      ),
    );
  }
  const as = def.answerAs ?? action;
  if (!isVersionAtLeast(ctx.state.version, def.since))
    return answer(
      fail(
        9,
        `unsupported action: ${action} needs Rooms ${def.since}; this device runs ${ctx.state.version}`,
      ),
      as,
    );
  const raw = params.action_params;
  if (raw !== undefined && (typeof raw !== "object" || raw === null || Array.isArray(raw)))
    return answer(fail(8, "params.action_params must be an object"), as);
  const actionParams: Record<string, unknown> = def.topLevelParams
    ? { ...params, ...(raw as Record<string, unknown> | undefined) }
    : { ...(raw as Record<string, unknown> | undefined) };
  if (def.params) {
    const bad = checkParams(actionParams, def.params);
    if (bad) return answer(fail(8, `parameter error: ${bad}`), as);
  }
  for (const pre of def.requires ?? []) {
    const failure = precondition(ctx.state, pre, action);
    if (failure) return answer(failure, as);
  }
  const info = handlerInfo(ctx, module.name, actionParams, emitted);
  const outcome: Outcome = def.handle(info);
  const later = outcome.later;
  return {
    ...answer(orderedResult(outcome.error_code, outcome.message, outcome.data), as),
    ...(later
      ? {
          later: (events: PendingEvent[]) =>
            later(handlerInfo(ctx, module.name, actionParams, events)),
        }
      : {}),
  };
}

/**
 * Checks a `Subscribe` / `Unsubscribe` path: the subscription key (`""` everything, `Module`,
 * `Module/sub_event`), or the failure (7) to answer.
 */
export function subscriptionKey(
  ctx: DispatchContext,
  params: Record<string, unknown>,
): { key: string } | { failure: RoomsResult } {
  const path = params.path;
  if (!Array.isArray(path) || !path.every((p) => typeof p === "string"))
    return {
      failure: fail(
        7,
        'params.path must be an array of strings: [] for everything, ["Share"], ["Share", "<sub_event>"]',
      ),
    };
  const [name, sub, ...extra] = path as string[];
  const module = name === undefined ? undefined : ctx.modules.get(name);
  if (name !== undefined && !module)
    return { failure: fail(7, `unknown module ${describeValue(name)}; modules: ${names(ctx)}`) };
  if (sub !== undefined && module && !module.subEvents.includes(sub))
    return {
      failure: fail(
        7,
        `unknown sub_event ${describeValue(sub)}; ${name} events: ${module.subEvents.join(", ") || "none"}`,
      ),
    };
  if (extra.length > 0) return { failure: fail(7, "a subscribe path has at most two elements") };
  return { key: path.join("/") };
}

/** The keys of every derived event (see `EventView`), in module order. */
export function eventKeys(ctx: DispatchContext): (string | undefined)[] {
  const keys: (string | undefined)[] = [];
  for (const m of ctx.modules.values())
    for (const view of Object.values(m.views ?? {}))
      keys.push(view.key ? view.key(ctx.state) : JSON.stringify(view.payload(ctx.state)));
  return keys;
}

/** The derived events whose keys changed since `before`. */
export function derivedEvents(
  ctx: DispatchContext,
  before: readonly (string | undefined)[],
): PendingEvent[] {
  const out: PendingEvent[] = [];
  let i = 0;
  for (const m of ctx.modules.values())
    for (const [subEvent, view] of Object.entries(m.views ?? {})) {
      const prev = before[i++];
      const payload = view.key ? undefined : view.payload(ctx.state);
      const key = view.key ? view.key(ctx.state) : JSON.stringify(payload);
      if (key === undefined || key === prev) continue;
      const p = payload ?? view.payload(ctx.state);
      if (p) out.push({ module: m.name, subEvent, payload: p });
    }
  return out;
}
