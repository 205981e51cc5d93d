/**
 * Rooms version strings (`3.13.190`) and their comparison. The comparison is the one of
 * `@yiqi/bridge`, shared with the in-meeting JSAPI (docs/decisions/0109-api-table.md).
 *
 * @module
 */
import { compareVersions } from "@yiqi/bridge";

export { compareVersions };

/**
 * True when `version` is `since` or newer, comparing dotted numbers (`3.9.150` < `3.13.190`).
 *
 * @example
 * ```ts
 * isVersionAtLeast("3.13.190", "3.9.150"); // true
 * isVersionAtLeast("3.10.160", "3.11.170"); // false
 * ```
 */
export function isVersionAtLeast(version: string, since: string): boolean {
  return compareVersions(version, since) >= 0;
}

/**
 * True when `v` looks like a dotted numeric version: one to four numbers (`3.13.190`).
 *
 * @example
 * ```ts
 * isVersionString("3.13.190"); // true
 * isVersionString("v3.13"); // false
 * ```
 */
export function isVersionString(v: string): boolean {
  return /^\d+(\.\d+){0,3}$/.test(v);
}
