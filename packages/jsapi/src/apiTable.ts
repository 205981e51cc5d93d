/**
 * The one table of the emulated `wemeet` API: for every host method its public name, the client
 * versions that have it, whether it needs `permission.agentConfig` / `config` first, the
 * platforms and the SPEC section; and every emulated event with its first version. The
 * simulator's version gates (`@yiqi/mock-host` `API_GATES`) and certification's metadata
 * (`@yiqi/conformance` `JSAPI_METADATA`) are derived from it (docs/decisions/0109-api-table.md).
 *
 * Versions, auth and platforms are Tencent's where `reference/wemeet-jsapi.md` shows them; the
 * versions of `app.getAppInfo` and `permission.*` (2.17.0) and the never-gated entries are
 * emulator decisions (docs/decisions/0104-version-gates.md).
 *
 * @module
 */
import type { Platform, WemeetEventName, WemeetHostApi } from "./types.ts";
import { compareVersions } from "./version.ts";

/**
 * Client versions that have an API: from `from` (inclusive) up to `to` (inclusive), or open
 * ended without `to`. Tencent documents gaps (`ui.exitFullscreen`: 3.0.0–3.29.0 and 3.36.0+),
 * so an API has a list of ranges.
 */
export interface VersionRange {
  readonly from: string;
  readonly to?: string;
}

/** One host method of the emulated `wemeet` API. */
export interface JsapiEntry {
  /** The name apps call, e.g. `collaboration.start` (`environment`, `unknown`: host-only). */
  readonly name: string;
  /** The client versions that have it; `null` when it is never gated. */
  readonly versions: readonly VersionRange[] | null;
  /** Whether `permission.agentConfig` / `permission.config` must succeed first. */
  readonly auth: boolean;
  /** The client platforms that have it. */
  readonly platforms: readonly Platform[];
  /** The SPEC section that documents it (A1 loading, A2 collaboration, A4 other members). */
  readonly section: "A1" | "A2" | "A4";
}

/** One emulated `wemeet` event. */
export interface JsapiEventEntry {
  /** The first client version that sends it. */
  readonly since: string;
  readonly platforms: readonly Platform[];
  /** The SPEC section that documents it. */
  readonly section: "A2" | "A4";
}

/** Windows, Mac, iOS and Android: the platforms Tencent lists for every emulated API. */
const ALL: readonly Platform[] = Object.freeze(["Windows", "Mac", "iOS", "Android"]);

const since = (from: string): readonly VersionRange[] => Object.freeze([Object.freeze({ from })]);

const entry = (
  name: string,
  versions: readonly VersionRange[] | null,
  section: JsapiEntry["section"],
): JsapiEntry => Object.freeze({ name, versions, auth: false, platforms: ALL, section });

/**
 * Every host method, in the order a host serves them (`HOST_METHODS`). The keys are exactly
 * the methods of {@link WemeetHostApi}: adding a method without an entry does not compile.
 *
 * @example
 * ```ts
 * import { JSAPI_TABLE } from "@yiqi/jsapi";
 * JSAPI_TABLE.collaborationStart; // { name: "collaboration.start", versions: [{ from: "3.12.0" }], ... }
 * ```
 */
export const JSAPI_TABLE: Readonly<Record<keyof WemeetHostApi, JsapiEntry>> = Object.freeze({
  getEnvironment: entry("environment", null, "A1"),
  collaborationStart: entry("collaboration.start", since("3.12.0"), "A2"),
  collaborationEnd: entry("collaboration.end", since("3.12.0"), "A2"),
  collaborationJoin: entry("collaboration.join", since("3.12.0"), "A2"),
  collaborationLeave: entry("collaboration.leave", since("3.12.0"), "A2"),
  collaborationGetContext: entry("collaboration.getContext", since("3.12.0"), "A2"),
  collaborationSetConfig: entry("collaboration.setCollaborationConfig", since("3.12.0"), "A2"),
  appGetRunningContext: entry("app.getRunningContext", since("3.11.0"), "A2"),
  appGetAppInfo: entry("app.getAppInfo", since("2.17.0"), "A4"),
  permissionAgentConfig: entry("permission.agentConfig", since("2.17.0"), "A4"),
  permissionConfig: entry("permission.config", since("2.17.0"), "A4"),
  invokeUnknown: entry("unknown", null, "A4"),
} satisfies Record<keyof WemeetHostApi, JsapiEntry>);

/**
 * Every emulated event and the first client version that sends it (EVT-LIST, COLLAB-MD). The
 * simulator does not gate events by version yet; the versions are recorded here once.
 */
export const JSAPI_EVENTS: Readonly<Record<WemeetEventName, JsapiEventEntry>> = Object.freeze({
  "collaboration-change": Object.freeze({ since: "3.12.0", platforms: ALL, section: "A2" }),
  "user-join": Object.freeze({ since: "3.9.0", platforms: ALL, section: "A4" }),
  "inmeeting-user-info": Object.freeze({ since: "3.8.6", platforms: ALL, section: "A4" }),
  "user-audio-status": Object.freeze({ since: "3.9.0", platforms: ALL, section: "A4" }),
  "speaking-members-changed": Object.freeze({ since: "3.9.2", platforms: ALL, section: "A4" }),
} satisfies Record<WemeetEventName, JsapiEventEntry>);

/** The client version from which `getRunningContext()` carries `msMeetingId`, `msOpenId`, `deviceId`. */
export const RUNNING_CONTEXT_IDS_SINCE = "3.14.0";

/** The names of {@link WemeetHostApi}: the only methods a host serves, in table order. */
export const HOST_METHODS: readonly (keyof WemeetHostApi)[] = Object.freeze(
  Object.keys(JSAPI_TABLE) as (keyof WemeetHostApi)[],
);

/**
 * The first client version of a method (the start of its first range), or `null` when it is
 * never gated.
 */
export function firstVersion(versions: readonly VersionRange[] | null): string | null {
  return versions?.[0]?.from ?? null;
}

/**
 * Whether `clientVersion` is inside one of `versions` (`null`: always).
 *
 * @example
 * ```ts
 * isVersionSupported("3.31.0", [{ from: "3.0.0", to: "3.29.0" }, { from: "3.36.0" }]); // false
 * ```
 */
export function isVersionSupported(
  clientVersion: string,
  versions: readonly VersionRange[] | null,
): boolean {
  if (versions === null) return true;
  for (const r of versions) {
    if (
      compareVersions(clientVersion, r.from) >= 0 &&
      (r.to === undefined || compareVersions(clientVersion, r.to) <= 0)
    )
      return true;
  }
  return false;
}

/**
 * The versions as an error message says them: `3.12.0` for one open range (the "since"
 * version), else e.g. `3.0.0–3.29.0 or 3.36.0+`.
 */
export function describeVersions(versions: readonly VersionRange[]): string {
  const [only] = versions;
  if (versions.length === 1 && only !== undefined && only.to === undefined) return only.from;
  return versions
    .map((r) => (r.to === undefined ? `${r.from}+` : `${r.from}–${r.to}`))
    .join(" or ");
}
