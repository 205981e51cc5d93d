/**
 * The loopback test server of the browser suites and benchmarks. One port serves the same
 * content under three sites, so Chromium treats host page, app frame and hostile frames as
 * different sites and puts the frames out of process, as a real meeting client's apps are:
 *
 * - `http://localhost:PORT` for host pages ({@link TestServer.hostOrigin});
 * - `http://127.0.0.1:PORT` for app frames ({@link TestServer.appOrigin});
 * - `http://127.0.0.2:PORT` for a third, hostile site ({@link TestServer.strangerOrigin}).
 *
 * (Two ports on 127.0.0.1 would be the same site, which is not what real apps get.) Page scripts
 * in `src/browser/*.page.ts` are bundled with esbuild at start, in memory, and served as
 * `/NAME.js` with a generated `/NAME.html` that loads them; `/sdk/wemeet-js-sdk.js` is the built
 * classic script of `@yiqi/jsapi`, and `static/` is served as it is.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * await page.goto(server.hostUrl("contract-host.html"));
 * await server.close();
 * ```
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** `tests/e2e/src/browser`: the page scripts. */
export const BROWSER_DIR: string = join(here, "browser");
/** `tests/e2e/static`: pages served as they are (e.g. an unmodified app that loads the SDK). */
export const STATIC_DIR: string = resolve(here, "../static");

/** The source entry of `@yiqi/bridge` (its contract suite ships as source only). */
export const BRIDGE_SOURCE: string = join(
  dirname(require.resolve("@yiqi/bridge/package.json")),
  "src/index.ts",
);

/** Options of {@link startTestServer}. */
export interface TestServerOptions {
  /**
   * Serve every response with COOP/COEP/CORP so pages can be cross-origin isolated, which gives
   * `performance.now()` microsecond resolution (benchmarks). Frames must be created with
   * `allow="cross-origin-isolated"` to be isolated too.
   */
  isolated?: boolean;
}

/** A running {@link startTestServer}. */
export interface TestServer {
  readonly port: number;
  /** `http://localhost:PORT`: where host pages live. */
  readonly hostOrigin: string;
  /** `http://127.0.0.1:PORT`: where app frames live (a different site from the host). */
  readonly appOrigin: string;
  /** `http://127.0.0.2:PORT`: a third site, for hostile frames. */
  readonly strangerOrigin: string;
  /** A URL of `path` on the host site. */
  hostUrl(path: string): string;
  /** A URL of `path` on the app site. */
  appUrl(path: string): string;
  /** A URL of `path` on the stranger site. */
  strangerUrl(path: string): string;
  /** Stops listening. */
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

const pageHtml = (name: string): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
  `<link rel="icon" href="data:,"></head>\n<body><script type="module" src="/${name}.js"></script></body></html>\n`;

/**
 * Bundles every `src/browser/*.page.ts`. `@yiqi/bridge` resolves to its source, because the
 * contract suite (`src/testing/contract.ts`) is not part of the build and must share one
 * `BridgeError` class with the bridge it tests. `@yiqi/jsapi` resolves to its build.
 */
async function bundlePages(): Promise<Map<string, Uint8Array>> {
  const entries = readdirSync(BROWSER_DIR)
    .filter((f) => f.endsWith(".page.ts"))
    .map((f) => ({ in: join(BROWSER_DIR, f), out: basename(f, ".page.ts") }));
  const result = await build({
    entryPoints: entries,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    sourcemap: "inline",
    write: false,
    outdir: "/out",
    logLevel: "error",
    alias: { "@yiqi/bridge": BRIDGE_SOURCE },
  });
  const files = new Map<string, Uint8Array>();
  for (const file of result.outputFiles) files.set(file.path.slice("/out".length), file.contents);
  for (const { out } of entries) files.set(`/${out}.html`, new TextEncoder().encode(pageHtml(out)));
  return files;
}

/** The built classic script of `@yiqi/jsapi`; throws with the fix when it is not built. */
function sdkPath(): string {
  const path = require.resolve("@yiqi/jsapi/wemeet-js-sdk.js");
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm build\` (or turbo's test task) first`);
  return path;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ok((server.address() as AddressInfo).port);
    });
  });
}

/**
 * Bundles the pages and starts serving them on an ephemeral port of 127.0.0.1, 127.0.0.2 and
 * (when the machine has IPv6 loopback) ::1, so `localhost` works whichever address Chromium
 * tries first. Listens on loopback only.
 *
 * @throws when `@yiqi/jsapi` is not built or a page does not bundle.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const files = await bundlePages();
  const sdk = sdkPath();
  files.set("/sdk/wemeet-js-sdk.js", readFileSync(sdk));
  if (existsSync(`${sdk}.map`)) files.set("/sdk/wemeet-js-sdk.js.map", readFileSync(`${sdk}.map`));
  if (existsSync(STATIC_DIR))
    for (const f of readdirSync(STATIC_DIR)) files.set(`/${f}`, readFileSync(join(STATIC_DIR, f)));

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = files.get(path);
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (options.isolated) {
      headers["cross-origin-opener-policy"] = "same-origin";
      headers["cross-origin-embedder-policy"] = "require-corp";
      headers["cross-origin-resource-policy"] = "cross-origin";
    }
    if (!body) {
      res.writeHead(404, { ...headers, "content-type": "text/plain" }).end(`no ${path}`);
      return;
    }
    headers["content-type"] = TYPES[extname(path)] ?? "application/octet-stream";
    res.writeHead(200, headers).end(body);
  };

  const servers: Server[] = [createServer(handle)];
  const port = await listen(servers[0] as Server, 0, "127.0.0.1");
  const more: [string, boolean][] = [
    ["127.0.0.2", true],
    ["::1", false],
  ];
  for (const [host, required] of more) {
    const server = createServer(handle);
    try {
      await listen(server, port, host);
      servers.push(server);
    } catch (error) {
      if (required) {
        await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
        throw error;
      }
    }
  }

  const hostOrigin = `http://localhost:${port}`;
  const appOrigin = `http://127.0.0.1:${port}`;
  const strangerOrigin = `http://127.0.0.2:${port}`;
  const at = (origin: string, path: string): string => new URL(path, `${origin}/`).href;
  return {
    port,
    hostOrigin,
    appOrigin,
    strangerOrigin,
    hostUrl: (path) => at(hostOrigin, path),
    appUrl: (path) => at(appOrigin, path),
    strangerUrl: (path) => at(strangerOrigin, path),
    close: async (): Promise<void> => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.closeAllConnections();
              s.close(() => r());
            }),
        ),
      );
    },
  };
}
