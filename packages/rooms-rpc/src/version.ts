/**
 * Rooms version strings (`3.13.190`) and their comparison.
 *
 * @module
 */

/**
 * Compares two dotted versions numerically; missing or non-numeric segments read as 0.
 * Returns -1, 0 or 1.
 *
 * @example
 * ```ts
 * compareVersions("3.9.0", "3.13.190"); // -1
 * ```
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  const pa = a.split(".");
  const pb = b.split(".");
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = Number.parseInt(pa[i] ?? "0", 10) || 0;
    const y = Number.parseInt(pb[i] ?? "0", 10) || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** True when `version` is `since` or newer. */
export function isVersionAtLeast(version: string, since: string): boolean {
  return compareVersions(version, since) >= 0;
}

/** True when `v` looks like a dotted numeric version (`3.13.190`). */
export function isVersionString(v: string): boolean {
  return /^\d+(\.\d+){0,3}$/.test(v);
}
