/**
 * The version of `@yiqi/cli`, for `yiqi --version` and the certification report. A constant, not
 * a read of package.json: the JSR package ships no package.json. `pnpm version-packages`
 * (scripts/sync-jsr.ts) rewrites it after `changeset version`; `pnpm lint` fails when it
 * differs from package.json's version.
 *
 * @module
 */

/** The `version` of `@yiqi/cli`'s package.json (kept in step by scripts/sync-jsr.ts). */
export const VERSION = "0.1.0";

/** The version of `@yiqi/cli`. */
export function cliVersion(): string {
  return VERSION;
}
