/**
 * Calls an app made, as the host recorded them, and how to read them from a trace.
 *
 * @module
 */
import type { TraceExcerptEntry } from "./CertCaseResult.ts";
import { apiMetadata } from "./jsapiMetadata.ts";

/**
 * One call as the host saw it: a `WemeetHostApi` method and its arguments
 * (`{ method: "collaborationStart", args: [{ url, pageUrl }] }`). A public API name
 * (`collaboration.start`) with the app's own arguments is accepted too.
 */
export interface RecordedCall {
  method: string;
  args: readonly unknown[];
  participantId?: string;
  t?: number;
  /** How the call ended, when it was an error (`code` is a `WemeetErrorCode` name). */
  error?: { code?: string; errCode?: number; errMsg?: string };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Reads the calls out of a Yiqi trace: every `call` entry becomes a {@link RecordedCall}
 * (`environment` → `getEnvironment`, unknown calls `{ unknown: true, args }` → `invokeUnknown`),
 * and a following `error` entry of the same participant and name is attached as its `error`.
 *
 * @example
 * ```ts
 * gradeArgumentsMatchSpec(recordedCallsFromTrace(meeting.trace.entries()));
 * ```
 */
export function recordedCallsFromTrace(entries: readonly TraceExcerptEntry[]): RecordedCall[] {
  const calls: RecordedCall[] = [];
  const open = new Map<string, RecordedCall>();
  for (const e of entries) {
    const key = `${e.participantId ?? ""}\u0000${e.name}`;
    if (e.kind === "call") {
      const base = {
        ...(e.participantId === undefined ? {} : { participantId: e.participantId }),
        t: e.t,
      };
      let call: RecordedCall;
      if (e.name === "environment") call = { method: "getEnvironment", args: [], ...base };
      else if (isObject(e.data) && e.data.unknown === true)
        call = {
          method: "invokeUnknown",
          args: [{ path: e.name, args: Array.isArray(e.data.args) ? e.data.args : [] }],
          ...base,
        };
      else
        call = {
          method: apiMetadata(e.name)?.hostMethod ?? e.name,
          args: e.data === undefined || e.data === null ? [] : [e.data],
          ...base,
        };
      calls.push(call);
      open.set(key, call);
    } else if (e.kind === "result" || e.kind === "error") {
      const call = open.get(key);
      open.delete(key);
      if (call && e.kind === "error" && isObject(e.data)) {
        const d = e.data;
        call.error = {
          ...(typeof d.code === "string" ? { code: d.code } : {}),
          ...(typeof d.errCode === "number" ? { errCode: d.errCode } : {}),
          ...(typeof d.errMsg === "string" ? { errMsg: d.errMsg } : {}),
        };
      }
    }
  }
  return calls;
}

/** The path of an `invokeUnknown` call (`ui.setWebModalAction`), or `undefined` for other calls. */
export function unknownCallPath(call: RecordedCall): string | undefined {
  if (call.method !== "invokeUnknown") return undefined;
  const a = call.args[0];
  return isObject(a) && typeof a.path === "string" ? a.path : "(no path)";
}
