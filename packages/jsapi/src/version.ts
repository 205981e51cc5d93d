/**
 * Client version helpers. The comparison is `@yiqi/bridge`'s, the one Yiqi has (shared with
 * `@yiqi/rooms-rpc`; docs/decisions/0109-api-table.md).
 *
 * @module
 */
/**
 * Compares two dotted versions segment by segment; missing and non-numeric segments read as 0.
 * Returns a `VersionCompareType` value (-1, 0, 1).
 */
export { compareVersions } from "@yiqi/bridge";

/** The client version in a Tencent Meeting UA (`app_version/3.12.0.400`), if any. */
export function versionFromUserAgent(userAgent: string): string | undefined {
  return /\bapp_version\/([\d.]+)/.exec(userAgent)?.[1];
}

/** True when the UA carries the client's marker `app/tencent_wemeet`. */
export function userAgentIsWemeet(userAgent: string): boolean {
  return /\bapp\/tencent_wemeet\b/.test(userAgent);
}
