/**
 * Test fixtures of the harness server's tests (not published): a stand-in for the built page,
 * demo and shim in a temporary directory, and a queue of a socket's frames.
 *
 * @module
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WebSocket } from "ws";

/** A temporary build: `assets` is what `startHarnessServer` takes for it. */
export interface StubBuild {
  readonly dir: string;
  readonly assets: { harnessDir: string; demoDir: string; shimFile: string };
  remove(): void;
}

/**
 * A temporary directory serving as the harness page (`index.html`), the view page
 * (`view.html`), the demo (the same directory) and an empty shim; each page only when given.
 */
export function stubBuild(
  prefix: string,
  pages: { index?: string; view?: string } = {},
): StubBuild {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (pages.view !== undefined) writeFileSync(join(dir, "view.html"), pages.view);
  if (pages.index !== undefined) writeFileSync(join(dir, "index.html"), pages.index);
  writeFileSync(join(dir, "shim.js"), "");
  return {
    dir,
    assets: { harnessDir: dir, demoDir: dir, shimFile: join(dir, "shim.js") },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The JSON frames `ws` receives, taken one at a time (each wait bounded to 5 s). */
export function frameQueue(ws: WebSocket): () => Promise<Record<string, unknown>> {
  const frames: Record<string, unknown>[] = [];
  ws.on("message", (d) => frames.push(JSON.parse(String(d))));
  return async () => {
    const end = Date.now() + 5000;
    while (frames.length === 0) {
      if (Date.now() > end) throw new Error("no frame");
      await new Promise((r) => setTimeout(r, 5));
    }
    return frames.shift() as Record<string, unknown>;
  };
}
