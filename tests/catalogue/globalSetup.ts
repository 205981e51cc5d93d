/**
 * Serves the fixture apps of tests/certify/apps on a free loopback port (a stand-in for the apps'
 * own deployments) and passes its URL to the tests in `YIQI_FIXTURES_URL`. Each shard runs its
 * own, so shards on one machine never share a port.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const APPS_DIR = fileURLToPath(new URL("../certify/apps/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

// biome-ignore lint/style/noDefaultExport: Playwright runs a globalSetup module's default export
export default async function globalSetup(): Promise<() => Promise<void>> {
  const server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? "/", "http://x").pathname).replace(
      /^(\.\.[/\\])+/,
      "",
    );
    try {
      const body = await readFile(join(APPS_DIR, path));
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
  process.env.YIQI_FIXTURES_URL = `http://127.0.0.1:${port}/`;
  return () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}
