/**
 * The gates every host call passes, driven by its API table entry (`JSAPI_TABLE`), in the
 * table's order: version → platform → scene → auth → parameters. Each failure carries the
 * entry's documented `apiCode` for that Yiqi code, if the reference lists one. The decisions
 * `platformGates`, `sceneGates` and `authGates` switch the last three off (0112–0114). Internal.
 *
 * @module
 */
import {
  apiCodeFor,
  checkParams,
  describeVersions,
  type HostResult,
  isVersionSupported,
  type JsapiEntry,
  type WemeetErrorCodeName,
} from "@yiqi/jsapi";
import { wemeetError } from "./errors.ts";
import {
  type IState,
  inMeetingScene,
  type MeetingState,
  type PState,
  sceneOf,
} from "./meetingState.ts";

/** A failed result of `entry` with code `code`, carrying the documented `apiCode` if any. */
export function failFor<T = never>(
  entry: JsapiEntry,
  code: WemeetErrorCodeName,
  errMsg: string,
  apiCode: number | undefined = apiCodeFor(entry, code),
): HostResult<T> {
  const error = wemeetError(code, errMsg);
  return { ok: false, error: apiCode === undefined ? error : { ...error, apiCode } };
}

/**
 * The version, platform, scene and auth gates of `entry` for instance `inst` of `ps`, or `null`
 * when the call may go on.
 */
export function callGateError<T>(
  st: MeetingState,
  inst: IState,
  ps: PState,
  entry: JsapiEntry,
): HostResult<T> | null {
  const { clientVersion, platform } = ps.p;
  if (entry.versions !== null && !isVersionSupported(clientVersion, entry.versions)) {
    return failFor(
      entry,
      "UNSUPPORTED_VERSION",
      `${entry.name} is unsupported in client ${clientVersion} (needs ${describeVersions(entry.versions)})`,
    );
  }
  if (st.decisions.platformGates && !entry.platforms.includes(platform)) {
    return failFor(
      entry,
      "UNSUPPORTED_PLATFORM",
      `${entry.name} is unsupported on ${platform} (Tencent lists ${entry.platforms.join(", ")})`,
    );
  }
  const scene = sceneOf(st, inst);
  if (st.decisions.sceneGates && entry.scenes === "meeting" && !inMeetingScene(scene)) {
    return failFor(
      entry,
      "UNSUPPORTED_SCENE",
      `${entry.name} is only available in a meeting; this instance runs in scene ${scene}`,
    );
  }
  if (st.decisions.authGates && entry.auth && !inst.authorized) {
    return failFor(
      entry,
      "AUTH_REQUIRED",
      `${entry.name} needs JSAPI auth: call permission.agentConfig (or permission.config) with a valid signature first`,
    );
  }
  return null;
}

/** The parameter check of `entry` on what the host received (callbacks stay in the page). */
export function paramsError<T>(entry: JsapiEntry, args: unknown): HostResult<T> | null {
  const spec = entry.params;
  const arg =
    spec.kind === "value"
      ? (args as Record<string, unknown> | undefined)?.[spec.name]
      : spec.kind === "object" && args === undefined && spec.optional
        ? undefined
        : args;
  const problem = checkParams(entry.name, spec, arg, "functions");
  return problem ? failFor(entry, "INVALID_ARGUMENT", problem) : null;
}
