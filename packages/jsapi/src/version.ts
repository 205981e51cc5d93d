/**
 * Client version helpers.
 *
 * @module
 */
import { VersionCompareType } from "./types.ts";

const segments = (version: string): number[] =>
  String(version)
    .split(".")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : 0));

/**
 * Compares two dotted versions segment by segment; missing and non-numeric segments read as 0.
 *
 * @example
 * ```ts
 * compareVersions("3.12.0.400", "3.12") // VersionCompareType.GREATER
 * ```
 */
export function compareVersions(a: string, b: string): VersionCompareType {
  const x = segments(a);
  const y = segments(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? VersionCompareType.LESS : VersionCompareType.GREATER;
  }
  return VersionCompareType.EQUAL;
}

/** The client version in a Tencent Meeting UA (`app_version/3.12.0.400`), if any. */
export function versionFromUserAgent(userAgent: string): string | undefined {
  return /\bapp_version\/([\d.]+)/.exec(userAgent)?.[1];
}

/** True when the UA carries the client's marker `app/tencent_wemeet`. */
export function userAgentIsWemeet(userAgent: string): boolean {
  return /\bapp\/tencent_wemeet\b/.test(userAgent);
}
