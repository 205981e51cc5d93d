/**
 * Traced calls: every app call and UI action is a `call` entry, then a `result` or `error` entry
 * with its simulated duration. A throw inside the simulator becomes an `INVALID_ARGUMENT`
 * result, never a rejection. Internal.
 *
 * @module
 */
import type { HostResult } from "@yiqi/jsapi";
import { fail } from "./errors.ts";
import type { MeetingState } from "./meetingState.ts";
import type { SpecRef } from "./trace.ts";

/** What a traced call records. */
export interface TracedCall {
  name: string;
  spec: SpecRef;
  participantId: string;
  instanceId?: string;
  args: unknown;
}

/** The `call` entry of `call`. */
function recordCall(st: MeetingState, call: TracedCall): void {
  st.trace.record(
    call.instanceId
      ? {
          kind: "call",
          name: call.name,
          data: call.args ?? null,
          spec: call.spec,
          participantId: call.participantId,
          instanceId: call.instanceId,
        }
      : {
          kind: "call",
          name: call.name,
          data: call.args ?? null,
          spec: call.spec,
          participantId: call.participantId,
        },
  );
}

/** The `result` / `error` entry of `call`, `started` being the clock at its `call` entry. */
function recordOutcome<T>(
  st: MeetingState,
  call: TracedCall,
  started: number,
  result: HostResult<T>,
): HostResult<T> {
  const kind = result.ok ? "result" : "error";
  const data = result.ok ? (result.value ?? null) : result.error;
  const durationMs = st.clock.now() - started;
  st.trace.record(
    call.instanceId
      ? {
          kind,
          name: call.name,
          data,
          spec: call.spec,
          durationMs,
          participantId: call.participantId,
          instanceId: call.instanceId,
        }
      : {
          kind,
          name: call.name,
          data,
          spec: call.spec,
          durationMs,
          participantId: call.participantId,
        },
  );
  return result;
}

/** What a throw inside the simulator answers. */
const thrown = <T>(call: TracedCall, e: unknown): HostResult<T> =>
  fail(
    "INVALID_ARGUMENT",
    `${call.name} failed inside the simulator: ${e instanceof Error ? e.message : String(e)}`,
  );

const isThenable = <T>(v: unknown): v is PromiseLike<T> =>
  typeof (v as { then?: unknown } | null)?.then === "function";

/**
 * Run `run` between a `call` entry and its `result` / `error` entry. When `run` answers
 * synchronously (most calls), the outcome is recorded at once and the returned promise is
 * already settled: no extra microtask turns on the per-call path.
 */
export function traced<T>(
  st: MeetingState,
  call: TracedCall,
  run: () => HostResult<T> | Promise<HostResult<T>>,
): Promise<HostResult<T>> {
  const started = st.clock.now();
  recordCall(st, call);
  let out: HostResult<T> | Promise<HostResult<T>>;
  try {
    out = run();
  } catch (e) {
    return Promise.resolve(recordOutcome(st, call, started, thrown<T>(call, e)));
  }
  if (!isThenable<HostResult<T>>(out)) {
    return Promise.resolve(recordOutcome(st, call, started, out));
  }
  return Promise.resolve(out).then(
    (result) => recordOutcome(st, call, started, result),
    (e: unknown) => recordOutcome(st, call, started, thrown<T>(call, e)),
  );
}

/** {@link traced} for synchronous UI actions (spec A3, duration 0; a throw propagates). */
export function tracedSync<T>(
  st: MeetingState,
  call: { name: string; participantId: string; args?: unknown },
  run: () => HostResult<T>,
): HostResult<T> {
  const ids = { participantId: call.participantId };
  st.trace.record({ kind: "call", name: call.name, data: call.args ?? null, spec: "A3", ...ids });
  const result = run();
  st.trace.record({
    kind: result.ok ? "result" : "error",
    name: call.name,
    data: result.ok ? (result.value ?? null) : result.error,
    spec: "A3",
    durationMs: 0,
    ...ids,
  });
  return result;
}
