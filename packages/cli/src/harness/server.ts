/**
 * The `yiqi harness` server: one loopback port serving the harness UI at `127.0.0.1`, each
 * participant's view of the app at `p<N>.<app>.localhost` (its own origin, cross-site from the
 * harness), the jsapi shim and a relay on every app host. See docs/decisions/0005.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import sirv from "sirv";
import { proxyHttp, proxyUpgrade } from "./proxy.ts";
import { createRelay } from "./relay.ts";
import { appOrigin, routeOf } from "./routing.ts";

/** Options of {@link startHarnessServer}. */
export interface HarnessServerOptions {
  /** Port (default 7100; 0 picks a free one). */
  port?: number;
  /** Address to listen on (default 127.0.0.1: loopback only). */
  host?: string;
  /** The app the harness opens by default: `demo` or an http(s) URL. */
  app?: string;
  /** Participants the harness opens by default (default 3). */
  participants?: number;
  /** The built harness UI. */
  harnessDir: string;
  /** The built demo app. */
  demoDir: string;
  /** The jsapi classic-script shim (`wemeet-js-sdk.js`). */
  shimFile: string;
  /** Receives one line per notable event (app registered, proxy errors). */
  log?: (line: string) => void;
}

/** A running harness server. */
export interface HarnessServer {
  readonly port: number;
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  readonly url: string;
  /** The id under which `url` is proxied (`demo` for the bundled demo). */
  registerApp(url: string): string;
  /** The origin at which participant `n` sees app `appId`. */
  appOrigin(participant: number, appId: string): string;
  close(): Promise<void>;
}

/** Thrown for a bad `app` URL. */
export class HarnessServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HarnessServerError";
  }
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(text);
};

const text = (res: ServerResponse, status: number, body: string): void => {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(body);
};

/** Checks an app URL (http or https, absolute) and returns it parsed. */
export function parseAppUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HarnessServerError(
      `"${url}" is not a URL: pass the app's full address, e.g. http://localhost:5173/`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new HarnessServerError(
      `"${url}" is not an http(s) URL: the harness proxies web apps only`,
    );
  return parsed;
}

/** Starts the harness server. */
export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const log = options.log ?? ((): void => {});
  const apps = new Map<string, URL>();
  const relay = createRelay();
  const shim = readFileSync(options.shimFile);
  const harnessReady = existsSync(`${options.harnessDir}/index.html`);
  const serveHarness = harnessReady
    ? sirv(options.harnessDir, { single: true, dev: false, etag: true })
    : undefined;
  const serveDemo = sirv(options.demoDir, { single: true, dev: false, etag: true });
  const defaultApp = options.app ?? "demo";
  let port = 0;

  const register = (url: string): string => {
    const parsed = parseAppUrl(url);
    const id = createHash("sha256").update(parsed.origin).digest("hex").slice(0, 8);
    if (!apps.has(id)) log(`app ${id} -> ${parsed.origin}`);
    apps.set(id, parsed);
    return id;
  };
  if (defaultApp !== "demo") register(defaultApp);

  const readBody = (req: IncomingMessage, limit: number): Promise<string> =>
    new Promise((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => {
        size += c.length;
        if (size > limit) {
          reject(new HarnessServerError(`request body over ${limit} bytes`));
          req.destroy();
        } else chunks.push(c);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const onHarness = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/__yiqi/config") {
      json(res, 200, {
        port,
        defaultApp,
        participants: options.participants ?? 3,
        apps: Object.fromEntries([...apps].map(([k, v]) => [k, v.href])),
      });
      return;
    }
    if (path === "/__yiqi/apps" && req.method === "POST") {
      try {
        const body = JSON.parse(await readBody(req, 16 * 1024)) as { url?: unknown };
        if (typeof body.url !== "string")
          throw new HarnessServerError('send JSON { "url": "http://..." }');
        const id = body.url === "demo" ? "demo" : register(body.url);
        json(res, 200, { id, origin: appOrigin(1, id, port).replace("//p1.", "//p{n}.") });
      } catch (error) {
        json(res, 400, { error: error instanceof Error ? error.message : String(error) });
      }
      return;
    }
    if (path.startsWith("/__yiqi/")) {
      json(res, 404, { error: `unknown harness API ${path}` });
      return;
    }
    if (!serveHarness) {
      text(
        res,
        503,
        "The harness UI is not built: run `pnpm build` in the Yiqi repository (or reinstall @yiqi/cli).\n",
      );
      return;
    }
    serveHarness(req, res, () => text(res, 404, "not found\n"));
  };

  const onApp = (req: IncomingMessage, res: ServerResponse, appId: string): void => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/wemeet-js-sdk.js") {
      res.writeHead(200, {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "no-cache",
      });
      res.end(shim);
      return;
    }
    if (appId === "demo") {
      serveDemo(req, res, () => text(res, 404, "not found\n"));
      return;
    }
    const upstream = apps.get(appId);
    if (!upstream) {
      text(
        res,
        404,
        `No app is registered as "${appId}": open it from the harness page (it registers the app URL).\n`,
      );
      return;
    }
    proxyHttp(req, res, new URL(url.pathname + url.search, upstream.origin));
  };

  const server: Server = createServer((req, res) => {
    const route = routeOf(req.headers.host);
    if (route.kind === "refused") {
      text(
        res,
        421,
        `Yiqi serves only 127.0.0.1, localhost and its participant hosts, not "${route.hostname}": open http://127.0.0.1:${port}/\n`,
      );
      return;
    }
    if (route.kind === "harness") void onHarness(req, res);
    else onApp(req, res, route.appId);
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const route = routeOf(req.headers.host);
    const url = new URL(req.url ?? "/", "http://x");
    if (route.kind !== "app") {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    if (url.pathname === "/__yiqi/relay") {
      relay.handleUpgrade(req, socket, head, route.appId);
      return;
    }
    const upstream = apps.get(route.appId);
    if (!upstream) {
      socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
      return;
    }
    proxyUpgrade(req, socket, head, new URL(url.pathname + url.search, upstream.origin));
  });
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new HarnessServerError(
              `port ${options.port ?? 7100} is in use: pass --port <another> (or --port 0 for any free port)`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? 7100, options.host ?? "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    registerApp: (url: string): string => (url === "demo" ? "demo" : register(url)),
    appOrigin: (participant: number, appId: string): string => appOrigin(participant, appId, port),
    close: (): Promise<void> =>
      new Promise((resolve) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
