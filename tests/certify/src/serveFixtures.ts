/**
 * A tiny loopback static server for the fixture apps in `../apps` (a stand-in for an app
 * team's dev server).
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

/** The fixture apps' directory. */
export const APPS_DIR: string = fileURLToPath(new URL("../apps/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

/** A running fixture server. */
export interface FixtureServer {
  /** `http://127.0.0.1:PORT/<file>` */
  url(file: string): string;
  close(): Promise<void>;
}

/** Serves `APPS_DIR` on 127.0.0.1 (a free port). */
export async function serveFixtures(): Promise<FixtureServer> {
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? "/", "http://x").pathname).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    try {
      const body = await readFile(join(APPS_DIR, path === "/" ? "index.html" : path));
      // `?delay=MS` (at most 2 s): the file arrives late, as a slow script does on a real page.
      const delay = Math.min(
        Number(new URL(req.url ?? "/", "http://x").searchParams.get("delay")) || 0,
        2000,
      );
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      res.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (file) => `http://127.0.0.1:${port}/${file}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
