/**
 * The `yiqi harness` server: one loopback port serving the harness UI at `127.0.0.1`, each
 * participant's view of the app at `p<N>.<app>.localhost` (its own origin, cross-site from the
 * harness), the jsapi shim and a relay on every app host. See docs/decisions/0005 and 0006 (what
 * it accepts from whom). Every handler answers or closes only its own request or connection:
 * no input stops the server.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { MeetingServerCore } from "@yiqi/mock-host";
import sirv from "sirv";
import { fetchAppTitle, hostNameOf } from "./appName.ts";
import { createAppRegistry, HarnessServerError } from "./appRegistry.ts";
import { sendDemoDocument } from "./demoDocument.ts";
import { harnessApi, isThisMachine } from "./harnessApi.ts";
import { createLanOrigins, type LanOrigins, lanAddressFor, urlHost } from "./lanOrigins.ts";
import { isParticipantOrigin } from "./origin.ts";
import { createParticipantClients, DEFAULT_PARTICIPANT_CLIENT } from "./participantClients.ts";
import { type ProxyInfo, proxyHttp, proxyUpgrade } from "./proxy.ts";
import { createRelay } from "./relay.ts";
import { NOT_ORIGIN_FORM, parseRequestTarget, type RequestTarget } from "./requestTarget.ts";
import {
  answerClientError,
  failRequest,
  guardPipedSources,
  holdHeadUntilBody,
  refuseUpgrade,
  sendText,
} from "./respond.ts";
import { appOrigin, hostnameOf, type Route, routeOf } from "./routing.ts";
import { createServerMeeting } from "./serverMeeting.ts";
import { upstreamTarget } from "./upstreamTarget.ts";

export { HarnessServerError, parseAppUrl } from "./appRegistry.ts";
export type { ServerMeetingConfig } from "./serverMeeting.ts";

/** Options of {@link startHarnessServer}. */
export interface HarnessServerOptions {
  /** Port (default 7100; 0 picks a free one). */
  port?: number;
  /**
   * Address to listen on (default 127.0.0.1: loopback only). Another address lets phones and
   * other machines join by link (token required): view pages, and each participant's app on a
   * port of its own on that address (decision 0039).
   */
  host?: string;
  /**
   * The address phones use to reach this machine when `host` is a wildcard (`0.0.0.0`);
   * default: the first non-internal IPv4 address.
   */
  publicHost?: string;
  /** The app the harness opens by default: `demo` or an http(s) URL. */
  app?: string;
  /**
   * What the harness calls the default app (`yiqi harness --name`); default: its page's
   * `<title>`, else its host (docs/decisions/0009).
   */
  appName?: string;
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
  /**
   * A meeting server's join link (`yiqi harness --meeting`): the pages are views of that
   * meeting, relayed (docs/decisions/0031, "The view page"). Without it the server runs the
   * meeting itself, in process (decision 0038).
   */
  meeting?: string;
}

/** A running harness server. */
export interface HarnessServer {
  /** The TCP port the server listens on (the one asked for, or the free one chosen for 0). */
  readonly port: number;
  /** The harness page, e.g. `http://127.0.0.1:7100/`. */
  readonly url: string;
  /** The id under which `url` is proxied (`demo` for the bundled demo). */
  registerApp(url: string): string;
  /** The origin at which participant `n` sees app `appId`. */
  appOrigin(participant: number, appId: string): string;
  /**
   * The join link: a meeting-protocol view (`joinMeetingServer`, a Playwright worker) joins the
   * meeting with it. The harness server's own `ws://…/__yiqi/meeting?token=…`, or the `meeting`
   * link it was given.
   */
  readonly joinLink: string;
  /**
   * The view page link of `participant` (`p2`) with that participant's own token (it admits that
   * participant only, decision 0037): for another browser or a phone. Throws a
   * `HarnessServerError` for an id that is not `p1` … `p999`.
   */
  viewUrl(participant: string): string;
  /** The meeting server core running in this process; absent with `meeting` (it is remote). */
  readonly meetingCore?: MeetingServerCore;
  /** Stops the relay, drops every open connection and resolves once the port is free. */
  close(): Promise<void>;
}

/** Starts the harness server. */
export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const log = options.log ?? ((): void => {});
  const apps = createAppRegistry(log);
  const relay = createRelay();
  const shim = readFileSync(options.shimFile);
  const harnessReady = existsSync(`${options.harnessDir}/index.html`);
  const serveHarness = harnessReady
    ? sirv(options.harnessDir, {
        single: true,
        // Looked up per request: a rebuild's new files are served, and no stale length is sent.
        dev: true,
        etag: true,
        // The harness page holds the simulator: no other site may frame it (clickjacking).
        setHeaders: (res) => {
          res.setHeader("x-frame-options", "DENY");
          res.setHeader("content-security-policy", "frame-ancestors 'none'");
        },
      })
    : undefined;
  const serveDemo = sirv(options.demoDir, { single: true, dev: true, etag: true });
  const clients = createParticipantClients();
  const defaultApp = options.app ?? "demo";
  let port = 0;

  const defaultAppId = defaultApp === "demo" ? "demo" : apps.register(defaultApp);
  const meeting = createServerMeeting({
    ...(options.meeting ? { link: options.meeting } : {}),
    participants: options.participants ?? 3,
    app: (p) => ({
      url:
        defaultApp === "demo"
          ? `${appOrigin(1, "demo", p)}/`
          : `${appOrigin(1, defaultAppId, p)}${new URL(defaultApp).pathname}${new URL(defaultApp).search}`,
      name: options.appName ?? (defaultApp === "demo" ? "Pixel Party" : new URL(defaultApp).host),
      game: defaultApp === "demo",
    }),
    harnessDir: options.harnessDir,
    appId: defaultAppId,
    clients,
    log,
    lan: () => lan,
  });
  const { views } = meeting;
  let lan: LanOrigins | undefined;
  const lanAddress = options.publicHost ?? lanAddressFor(options.host ?? "127.0.0.1");
  const defaultOrigin = defaultApp === "demo" ? undefined : new URL(defaultApp).origin;
  /** App names by page URL: a title once read is kept; a failed read is tried again. */
  const names = new Map<string, Promise<string>>();
  const nameOf = (url: string): Promise<string> => {
    const u = new URL(url);
    if (options.appName && u.origin === defaultOrigin) return Promise.resolve(options.appName);
    const known = names.get(u.href);
    if (known) return known;
    if (names.size >= 1024) names.clear();
    const read = fetchAppTitle(u, DEFAULT_PARTICIPANT_CLIENT.userAgent).then((title) => {
      if (title === undefined) names.delete(u.href);
      return title ?? hostNameOf(u);
    });
    names.set(u.href, read);
    return read;
  };
  const notRegistered = (appId: string): string =>
    `No app is registered as "${appId}": open it from the harness page (it registers the app URL).`;
  /** A participant origin of `appId`: `p<N>.<app>.localhost`, or one of its LAN ports. */
  const isAppOrigin = (origin: string | undefined, appId: string): boolean =>
    isParticipantOrigin(origin, appId, port) || lan?.ownerOf(origin)?.appId === appId;
  /** Where a request goes: a LAN participant port by the port it came in on, else by `Host`. */
  const routeFor = (req: IncomingMessage): Route & { lan?: true } => {
    const onLan = lan?.routeOf(req);
    const hostname = hostnameOf(req.headers.host);
    if (!onLan) return routeOf(req.headers.host, lan ? [lan.hostname] : []);
    // The DNS-rebinding guard holds on LAN ports too: only the address itself is their host.
    return hostname === lan?.hostname
      ? { kind: "app", ...onLan, lan: true }
      : { kind: "refused", hostname };
  };
  const proxyInfo = (
    route: { participant: number; appId: string; lan?: true },
    upstream: URL,
    target: RequestTarget,
  ): ProxyInfo => ({
    target: upstreamTarget(upstream, target),
    isAppOrigin: (origin) => isAppOrigin(origin, route.appId),
    origin:
      (route.lan && lan?.openOrigin(route.participant, route.appId)) ||
      appOrigin(route.participant, route.appId, port),
    client: clients.get(route.appId, route.participant),
    log,
  });
  const onHarnessApi = harnessApi({
    port: () => port,
    config: (req) => ({
      port,
      defaultApp,
      participants: options.participants ?? 3,
      apps: apps.entries(),
      ...meeting.configFor(req),
    }),
    register: (url) => apps.register(url),
    nameOf,
    setClients: (appId, table) => {
      if (!apps.known(appId)) throw new Error(notRegistered(appId));
      clients.set(appId, table);
    },
    appOrigin: (n, appId) => appOrigin(n, appId, port),
  });

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = routeFor(req);
    if (route.kind === "refused") {
      sendText(
        res,
        421,
        `Yiqi serves only 127.0.0.1, localhost${lan ? `, ${lan.hostname}` : ""} and its participant hosts, not "${route.hostname}": open http://127.0.0.1:${port}/`,
      );
      return;
    }
    const target = parseRequestTarget(req.url);
    if (!target) {
      sendText(res, 400, NOT_ORIGIN_FORM);
      return;
    }
    if (route.kind === "harness") {
      if (await views.request(req, res, target.pathname, target.searchParams)) return;
      if (!isThisMachine(req.socket.remoteAddress) && !target.pathname.startsWith("/assets/")) {
        // Another machine (a phone) gets the view pages and their assets, not the harness page.
        sendText(
          res,
          403,
          "The harness page is for the machine that runs `yiqi harness`: open a participant's link (/p/<participant>?token=…) from its meeting panel or its output.",
        );
        return;
      }
      if (target.pathname.startsWith("/__yiqi/")) await onHarnessApi(req, res, target.pathname);
      else if (serveHarness) serveHarness(req, res, () => sendText(res, 404, "not found"));
      else
        sendText(
          res,
          503,
          "The harness UI is not built: run `pnpm build` in the Yiqi repository (or reinstall @yiqi/harness).",
        );
      return;
    }
    if (target.pathname === "/wemeet-js-sdk.js") {
      res.writeHead(200, {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "no-cache",
      });
      res.end(shim);
      return;
    }
    if (route.appId === "demo") {
      const client = clients.get("demo", route.participant);
      if (sendDemoDocument(req, res, options.demoDir, client, target.pathname)) return;
      serveDemo(req, res, () => sendText(res, 404, "not found"));
      return;
    }
    const upstream = apps.get(route.appId);
    if (!upstream) sendText(res, 404, notRegistered(route.appId));
    else proxyHttp(req, res, proxyInfo(route, upstream, target));
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const route = routeFor(req);
    const target = parseRequestTarget(req.url);
    if (route.kind === "harness" && target && views.upgrade(req, socket, head, target)) return;
    if (route.kind !== "app") {
      refuseUpgrade(socket, 404, "WebSocket upgrades are served on participant hosts only");
      return;
    }
    if (!target) {
      refuseUpgrade(socket, 400, NOT_ORIGIN_FORM);
      return;
    }
    if (!apps.known(route.appId)) {
      refuseUpgrade(socket, 404, notRegistered(route.appId));
      return;
    }
    if (target.pathname === "/__yiqi/relay") {
      // A browser always sends Origin on a WebSocket; a raw client must send the participant
      // origin it stands for. The room belongs to this app's participants only.
      if (!isAppOrigin(req.headers.origin, route.appId)) {
        refuseUpgrade(
          socket,
          403,
          `The relay of app ${route.appId} admits only its participant origins (${appOrigin(1, route.appId, port).replace("//p1.", "//p<N>.")}), not ${req.headers.origin === undefined ? "a request without Origin" : `Origin ${req.headers.origin}`}: connect from the app's page as the harness serves it.`,
        );
        return;
      }
      relay.handleUpgrade(req, socket, head, route.appId, target.searchParams.get("room"));
      return;
    }
    const upstream = apps.get(route.appId);
    if (!upstream) refuseUpgrade(socket, 404, "the bundled demo serves no WebSocket but the relay");
    else proxyUpgrade(req, socket, head, proxyInfo(route, upstream, target));
  };

  const server: Server = createServer((req, res) => {
    // Nothing is sent before the body starts, so a failure until then still gets an answer.
    holdHeadUntilBody(res);
    guardPipedSources(res);
    onRequest(req, res).catch((error: unknown) => {
      log(`request ${req.method} ${req.url} failed: ${String(error)}`);
      failRequest(res, error);
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node removes its own error handler from an upgraded socket: without one, a reset kills us.
    socket.on("error", () => socket.destroy());
    try {
      onUpgrade(req, socket, head);
    } catch (error) {
      log(`upgrade ${req.url} failed: ${String(error)}`);
      refuseUpgrade(socket, 500, `Yiqi failed to handle this upgrade (${String(error)})`);
    }
  });
  server.on("clientError", answerClientError);
  if (lanAddress)
    lan = createLanOrigins({
      listenHost: options.host ?? "127.0.0.1",
      address: lanAddress,
      localOrigin: (n, appId) => appOrigin(n, appId, port),
      onRequest: (req, res) => server.emit("request", req, res),
      onUpgrade: (req, socket, head) => server.emit("upgrade", req, socket, head),
      prepare: (s) => s.on("clientError", answerClientError),
    });

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
  meeting.start(port);

  return {
    port,
    // Listening on one LAN address only, the harness page is at that address (still this machine).
    url: `http://${lanAddress && lanAddress === options.host ? urlHost(lanAddress) : "127.0.0.1"}:${port}/`,
    registerApp: (url: string): string => (url === "demo" ? "demo" : apps.register(url)),
    appOrigin: (participant: number, appId: string): string => appOrigin(participant, appId, port),
    joinLink: meeting.joinLink(),
    viewUrl: (participant: string) => views.pageUrl(participant),
    ...(meeting.core() ? { meetingCore: meeting.core() as MeetingServerCore } : {}),
    close: (): Promise<void> =>
      new Promise((resolve) => {
        relay.close();
        views.close();
        server.closeAllConnections();
        void Promise.all([lan?.close(), new Promise((r) => server.close(r))]).then(() => resolve());
      }),
  };
}
