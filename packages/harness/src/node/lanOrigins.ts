/**
 * Participant origins a phone on the LAN can load (decision 0039). `p<N>.<app>.localhost`
 * resolves to loopback only, and only on the machine that runs the harness, so with
 * `--host <address>` the harness server opens, on demand, one more port per participant on that
 * address: participant N's app is `http://<address>:<port N>`, its own origin (its own storage,
 * as on `.localhost`). The meeting never sees these origins: a LAN page's frames are translated
 * to the participant's `.localhost` origin on the way in and back on the way out
 * ({@link LanOrigins.translate}), so sessions, joiners and checks work as on this machine.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import type { Duplex } from "node:stream";

/** At most this many LAN participant ports are open at once (each is one listening socket). */
export const MAX_LAN_PORTS = 128;

/** The loopback names a harness host may have besides its LAN address. */
const LOOPBACK_HOSTS: readonly string[] = ["127.0.0.1", "localhost", "[::1]", "::1"];

/** Whether `host` (a listen address) is loopback only. */
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.includes(host);

/**
 * The address phones use for a server listening on `host`: `host` itself, or for a wildcard
 * (`0.0.0.0`, `::`) this machine's first non-internal IPv4 address; undefined when loopback.
 */
export function lanAddressFor(host: string): string | undefined {
  if (isLoopbackHost(host)) return undefined;
  if (host !== "0.0.0.0" && host !== "::") return host;
  for (const list of Object.values(networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return undefined;
}

/** `address` as the host part of a URL (IPv6 in brackets). */
export const urlHost = (address: string): string =>
  address.includes(":") && !address.startsWith("[") ? `[${address}]` : address;

/** Where a request on a LAN participant port goes. */
export interface LanRoute {
  participant: number;
  appId: string;
}

/** The LAN participant ports of one harness server. */
export interface LanOrigins {
  /** The address phones use (`192.168.1.5`). */
  readonly address: string;
  /** The hostname a `Host` header carries for it (`192.168.1.5`, `[fd00::2]`). */
  readonly hostname: string;
  /** Participant `n`'s origin of `appId` on the LAN, opening its port on first use. */
  originOf(participant: number, appId: string): Promise<string>;
  /** Participant `n`'s LAN origin of `appId` if its port is open. */
  openOrigin(participant: number, appId: string): string | undefined;
  /** The participant a request on a LAN port stands for; undefined on the main port. */
  routeOf(req: IncomingMessage): LanRoute | undefined;
  /** The participant whose LAN origin `origin` is, if it is one. */
  ownerOf(origin: string | undefined): LanRoute | undefined;
  /**
   * Rewrites participant `n`'s LAN origin of `appId` to its `.localhost` origin in a page's
   * frame (`in`), or back in the meeting's frame (`out`).
   */
  translate(text: string, participant: number, appId: string, way: "in" | "out"): string;
  close(): Promise<void>;
}

/** Options of {@link createLanOrigins}. */
export interface LanOriginsOptions {
  /** The address the server listens on (a wildcard listens on every interface). */
  listenHost: string;
  /** The address phones use. */
  address: string;
  /** The `.localhost` origin of participant `n` of `appId`. */
  localOrigin(participant: number, appId: string): string;
  /** The harness server's handlers: a LAN port serves the same requests and upgrades. */
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sets up a new server as the main one is (error handling of clients). */
  prepare(server: Server): void;
}

/** Creates the LAN participant ports of a harness server (none open until asked). */
export function createLanOrigins(options: LanOriginsOptions): LanOrigins {
  const hostname = urlHost(options.address);
  const byKey = new Map<string, Promise<string>>();
  const byPort = new Map<number, LanRoute>();
  const byOrigin = new Map<string, LanRoute>();
  const servers: Server[] = [];

  const open = async (participant: number, appId: string): Promise<string> => {
    if (servers.length >= MAX_LAN_PORTS)
      throw new Error(
        `at most ${MAX_LAN_PORTS} participants' apps are served on the LAN at once: restart the harness`,
      );
    const server = createServer(options.onRequest);
    options.prepare(server);
    server.on("upgrade", options.onUpgrade);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, options.listenHost, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const route = { participant, appId };
    const origin = `http://${hostname}:${port}`;
    byPort.set(port, route);
    byOrigin.set(origin, route);
    return origin;
  };

  return {
    address: options.address,
    hostname,
    originOf(participant, appId) {
      const key = `${participant} ${appId}`;
      let origin = byKey.get(key);
      if (!origin) {
        origin = open(participant, appId);
        byKey.set(key, origin);
        origin.catch(() => byKey.delete(key));
      }
      return origin;
    },
    openOrigin: (participant, appId) =>
      [...byOrigin].find(([, r]) => r.participant === participant && r.appId === appId)?.[0],
    routeOf(req) {
      const port = req.socket?.localPort;
      return port === undefined ? undefined : byPort.get(port);
    },
    ownerOf: (origin) => (origin === undefined ? undefined : byOrigin.get(origin)),
    translate(text, participant, appId, way) {
      const lan = this.openOrigin(participant, appId);
      if (!lan) return text;
      const local = options.localOrigin(participant, appId);
      return way === "in" ? text.split(lan).join(local) : text.split(local).join(lan);
    },
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}
