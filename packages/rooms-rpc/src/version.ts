/**
 * Rooms version strings (`3.13.190`) and their comparison. The comparison is the one of
 * `@yiqi/bridge`, shared with the in-meeting JSAPI (docs/decisions/0109-api-table.md).
 *
 * @module
 */
import { compareVersions } from "@yiqi/bridge";

export { compareVersions };

/** True when `version` is `since` or newer. */
export function isVersionAtLeast(version: string, since: string): boolean {
  return compareVersions(version, since) >= 0;
}

/** True when `v` looks like a dotted numeric version (`3.13.190`). */
export function isVersionString(v: string): boolean {
  return /^\d+(\.\d+){0,3}$/.test(v);
}
