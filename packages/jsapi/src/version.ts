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

/**
 * `wemeet.app.version`: callable (`app.version()`, VER's example) and usable as the version
 * string (VER's "a GET returning a String"): `String(v)`, `` `${v}` ``, `v + ""`,
 * `v == "3.12.0"`, `compareVersions(v, "3.12.0")` and `JSON.stringify(v)` all give the version. What differs from a string: `typeof v` is `"function"`, so `v === "3.12.0"`
 * is false (compare `String(v)` or `v()`), and it cannot be structured-cloned (`postMessage`);
 * docs/decisions/0119-app-version-callable.md.
 */
export interface AppVersion {
  /** The version string (VER's example: `wemeet.app.version()`). */
  (): string;
  /** The version string. */
  toString(): string;
  /** The version string (`v + ""`, `v == "3.12.0"`). */
  valueOf(): string;
  /** The version string (`JSON.stringify`). */
  toJSON(): string;
  /** The version string (template literals, `String(v)`). */
  [Symbol.toPrimitive](hint: string): string;
}

/**
 * A {@link AppVersion} that reads the current version from `read` on every use (it changes once
 * the host answers the handshake).
 *
 * @example
 * ```ts
 * const v = appVersion(() => "3.12.0.400");
 * v(); // "3.12.0.400"
 * `${v}`; // "3.12.0.400"
 * ```
 */
export function appVersion(read: () => string): AppVersion {
  const v = (() => read()) as AppVersion;
  for (const key of ["toString", "valueOf", "toJSON", Symbol.toPrimitive] as const)
    Object.defineProperty(v, key, { value: () => read(), enumerable: false });
  Object.defineProperty(v, "name", { value: "version" });
  return Object.freeze(v);
}
