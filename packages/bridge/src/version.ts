/**
 * Tencent Meeting version strings (`3.12.0.400`, a Rooms device's `3.13.190`) and their one
 * comparison, shared by `@yiqi/jsapi` (`wemeet.app.compare`, the simulator's version gates) and
 * `@yiqi/rooms-rpc` (Rooms version gates). It lives here because this is the only package below
 * both in the layers (docs/decisions/0109-api-table.md).
 *
 * @module
 */

/** A dotted segment: digits only, else 0 (`wemeet.app.compare` reads `character.1.2` as `0.1.2`). */
const segment = (s: string | undefined): number =>
  s !== undefined && /^\d+$/.test(s) ? Number(s) : 0;

/**
 * Compares two dotted versions segment by segment; missing and non-numeric segments read as 0
 * (SPEC A4, `wemeet.app.compare`).
 *
 * @returns -1 when `a < b`, 0 when equal, 1 when `a > b`.
 * @example
 * ```ts
 * compareVersions("3.12.0.400", "3.12"); // 1
 * compareVersions("3.9.0", "3.13.190"); // -1
 * ```
 */
export function compareVersions(a: string, b: string): -1 | 0 | 1 {
  // Called on every gated host call: no intermediate arrays beyond the two splits.
  const x = String(a).split(".");
  const y = String(b).split(".");
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = segment(x[i]) - segment(y[i]);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
