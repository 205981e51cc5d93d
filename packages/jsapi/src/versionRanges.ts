/**
 * Client version ranges of the API table: which versions have an API, and how a message says
 * it. Tencent documents gaps (`ui.exitFullscreen`: 3.0.0–3.29.0 and 3.36.0+), so an API has a
 * list of ranges, not one "since" version.
 *
 * @module
 */
import { compareVersions } from "./version.ts";

/**
 * Client versions that have an API: from `from` (inclusive) up to `to` (inclusive), or open
 * ended without `to`.
 */
export interface VersionRange {
  readonly from: string;
  readonly to?: string;
}

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
