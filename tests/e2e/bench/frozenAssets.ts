/**
 * The harness page, demo app and shim a bench serves, copied once at its start: a bench runs for
 * minutes, and a rebuild of `@yiqi/harness` meanwhile (another terminal, turbo's watch) would
 * otherwise give pages loaded later other bundles than the ones already open (a page host and
 * an app of two builds, or a frame whose bundle was just deleted), which is not what it measures.
 *
 * @module
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { bundledAssets, type HarnessAssets } from "@yiqi/harness/node";

/** A copy of the built assets, and a function that removes it. */
export function frozenAssets(): HarnessAssets & { remove(): void } {
  const built = bundledAssets();
  const dir = mkdtempSync(join(tmpdir(), "yiqi-bench-assets-"));
  const copy = (from: string, name: string): string => {
    const to = join(dir, name);
    cpSync(from, to, { recursive: true });
    return to;
  };
  return {
    harnessDir: copy(built.harnessDir, "page"),
    demoDir: copy(built.demoDir, "demo"),
    shimFile: copy(built.shimFile, basename(built.shimFile)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
