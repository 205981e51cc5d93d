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

/** Client versions remembered per entry before its memo starts over (bounds the memo). */
const MAX_VERSIONS_PER_ENTRY = 32;
/** Per API entry, whether a client version supports it: a pure function of the two, memoised. */
const versionVerdicts = new WeakMap<JsapiEntry, Map<string, boolean>>();

/** `isVersionSupported(clientVersion, entry.versions)`, parsed once per version and entry. */
function versionSupported(clientVersion: string, entry: JsapiEntry): boolean {
  let byVersion = versionVerdicts.get(entry);
  if (byVersion === undefined) {
    byVersion = new Map();
    versionVerdicts.set(entry, byVersion);
  }
  let ok = byVersion.get(clientVersion);
  if (ok === undefined) {
    ok = isVersionSupported(clientVersion, entry.versions);
    if (byVersion.size >= MAX_VERSIONS_PER_ENTRY) byVersion.clear();
    byVersion.set(clientVersion, ok);
  }
  return ok;
}

/**
 * The version, platform, scene and auth gates of `entry` for instance `inst` of `ps`, or `null`
 * when the call may go on. Every gate reads the current state (client version and platform,
 * decisions, scene, authorisation); only the version comparison is remembered, keyed by the
 * version it was made for, so a participant whose client version changes is gated anew.
 */
export function callGateError<T>(
  st: MeetingState,
  inst: IState,
  ps: PState,
  entry: JsapiEntry,
): HostResult<T> | null {
  const { clientVersion, platform } = ps.p;
  if (entry.versions !== null && !versionSupported(clientVersion, entry)) {
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
  if (st.decisions.sceneGates && entry.scenes === "meeting") {
    const scene = sceneOf(st, inst);
    if (!inMeetingScene(scene)) {
      return failFor(
        entry,
        "UNSUPPORTED_SCENE",
        `${entry.name} is only available in a meeting; this instance runs in scene ${scene}`,
      );
    }
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
