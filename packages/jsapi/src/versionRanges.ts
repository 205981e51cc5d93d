/**
 * Client version ranges of the API table: which versions have an API, and how a message says
 * it. Tencent documents gaps (`ui.exitFullscreen`: 3.0.0–3.29.0 and 3.36.0+, none in
 * 3.30–3.35), so an API has a list of ranges, not one "since" version.
 *
 * @module
 */
import { compareVersions } from "./version.ts";

/**
 * Client versions that have an API: from `from` (inclusive) up to but not including `before`,
 * or open ended without `before`. The upper bound is exclusive so that "3.0.0 - 3.29.0, not in
 * 3.30–3.35" (EXITFS) is `{ from: "3.0.0", before: "3.30.0" }`: patch and build clients such as
 * 3.29.1 or 3.29.0.500 are inside, as Tencent's wording says.
 */
export interface VersionRange {
  readonly from: string;
  /** The first client version that no longer has it (exclusive). */
  readonly before?: string;
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
 * isVersionSupported("3.31.0", [{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }]); // false
 * isVersionSupported("3.29.1", [{ from: "3.0.0", before: "3.30.0" }, { from: "3.36.0" }]); // true
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
      (r.before === undefined || compareVersions(clientVersion, r.before) < 0)
    )
      return true;
  }
  return false;
}

/**
 * The versions as an error message says them: `3.12.0` for one open range (the "since"
 * version), else e.g. `3.0.0 up to (not incl.) 3.30.0 or 3.36.0+`.
 */
export function describeVersions(versions: readonly VersionRange[]): string {
  const [only] = versions;
  if (versions.length === 1 && only !== undefined && only.before === undefined) return only.from;
  return versions
    .map((r) => (r.before === undefined ? `${r.from}+` : `${r.from} up to (not incl.) ${r.before}`))
    .join(" or ");
}
