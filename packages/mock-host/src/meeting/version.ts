/**
 * The simulator's version gates, derived from `@yiqi/jsapi`'s API table (`JSAPI_TABLE`), and
 * the one version comparison (docs/decisions/0104-version-gates.md, 0109-api-table.md).
 *
 * @module
 */
import {
  compareVersions,
  describeVersions,
  firstVersion,
  type HostResult,
  isVersionSupported,
  JSAPI_TABLE,
  type VersionRange,
  type WemeetHostApi,
} from "@yiqi/jsapi";
import { fail } from "./errors.ts";

export { compareVersions };

/** One gated API: its public `wemeet` name and the client versions that have it. */
export interface ApiGate {
  /** The name apps call, e.g. `collaboration.start`. */
  name: string;
  /** The first client version with the API, or `null` when it is never gated. */
  since: string | null;
  /** Every client version range with the API, or `null` when it is never gated. */
  versions: readonly VersionRange[] | null;
}

/**
 * The version gate of every host method (SPEC A3 "version gating"), derived from
 * `JSAPI_TABLE`: `collaboration.*` 3.12.0 and `app.getRunningContext` 3.11.0 are documented;
 * the `permission.*` and `app.getAppInfo` versions (2.17.0) are an emulator decision
 * (docs/decisions/0104-version-gates.md).
 */
export const API_GATES: Readonly<Record<keyof WemeetHostApi, ApiGate>> = Object.freeze(
  Object.fromEntries(
    Object.entries(JSAPI_TABLE).map(([method, e]) => [
      method,
      Object.freeze({ name: e.name, since: firstVersion(e.versions), versions: e.versions }),
    ]),
  ) as Record<keyof WemeetHostApi, ApiGate>,
);

/** The client version from which collaboration (invitations, join) exists at all. */
export const COLLABORATION_SINCE: string = firstVersion(API_GATES.collaborationJoin.versions) ?? "";

/** Whether a client of `clientVersion` has collaboration (gets invitations, may join). */
export function supportsCollaboration(clientVersion: string): boolean {
  return isVersionSupported(clientVersion, API_GATES.collaborationJoin.versions);
}

/**
 * The `UNSUPPORTED_VERSION` error for a client outside `versions`, or `null` when it has the API:
 * `"<name> is unsupported in client <version> (needs <versions>)"`.
 */
export function versionError<T>(
  clientVersion: string,
  name: string,
  versions: readonly VersionRange[] | null,
): HostResult<T> | null {
  if (versions === null || isVersionSupported(clientVersion, versions)) return null;
  return fail(
    "UNSUPPORTED_VERSION",
    `${name} is unsupported in client ${clientVersion} (needs ${describeVersions(versions)})`,
  );
}
