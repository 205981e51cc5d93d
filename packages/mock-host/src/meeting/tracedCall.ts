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

/** Run `run` between a `call` entry and its `result` / `error` entry. */
export async function traced<T>(
  st: MeetingState,
  call: TracedCall,
  run: () => HostResult<T> | Promise<HostResult<T>>,
): Promise<HostResult<T>> {
  const ids = {
    participantId: call.participantId,
    ...(call.instanceId ? { instanceId: call.instanceId } : {}),
  };
  const started = st.clock.now();
  st.trace.record({
    kind: "call",
    name: call.name,
    data: call.args ?? null,
    spec: call.spec,
    ...ids,
  });
  let result: HostResult<T>;
  try {
    result = await run();
  } catch (e) {
    result = fail(
      "INVALID_ARGUMENT",
      `${call.name} failed inside the simulator: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  st.trace.record({
    kind: result.ok ? "result" : "error",
    name: call.name,
    data: result.ok ? (result.value ?? null) : result.error,
    spec: call.spec,
    durationMs: st.clock.now() - started,
    ...ids,
  });
  return result;
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
