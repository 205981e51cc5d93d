/**
 * Node adapters: a real WebSocket server for the emulated Rooms device (the `ws` package over
 * `node:http`).
 *
 * @example
 * ```ts
 * import { RoomsDevice } from "@yiqi/mock-host";
 * import { startRoomsServer } from "@yiqi/mock-host/node";
 *
 * const server = await startRoomsServer({ device: new RoomsDevice({ password: "123456" }) });
 * console.log(server.url); // ws://127.0.0.1:6295
 * await server.close();
 * ```
 * @module
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { refuseUpgrade } from "./nodeUpgrade.ts";
import { RoomsDevice } from "./rooms/RoomsDevice.ts";
import {
  handshakeRefusal,
  ROOMS_PORT,
  type RoomsServer,
  type RoomsServerOptions,
  resolveServerLimits,
  serverUrl,
  UPGRADE_REQUIRED_TEXT,
} from "./rooms/server.ts";

export type { RoomsServer, RoomsServerOptions } from "./rooms/server.ts";
export { ROOMS_PORT };

const PROTOCOL = Symbol("yiqi.protocol");
type Tagged = IncomingMessage & { [PROTOCOL]?: string };

/**
 * Starts a WebSocket server for the emulated device on Node.
 *
 * Both credential forms are accepted: `ws` validates `Sec-WebSocket-Protocol` as an RFC 7230
 * token list and would refuse the raw `btoa` form (`/`, `=`), so the server takes the header
 * itself and echoes the offered `auth-` protocol verbatim. Browser origins outside
 * `allowedOrigins` get 403 before the upgrade; the handshake is admitted (credential, lockout)
 * before the upgrade too, so that an unauthenticated connection only ever reads small frames.
 * No input on one connection stops the server: errors close at most that connection.
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` for a bad `allowedOrigins` entry or size.
 * @example
 * ```ts
 * const server = await startRoomsServer({ port: 0, allowedOrigins: ["http://localhost:5173"] });
 * ```
 */
export async function startRoomsServer(options: RoomsServerOptions = {}): Promise<RoomsServer> {
  const device = options.device ?? new RoomsDevice();
  const host = options.host ?? "127.0.0.1";
  const limits = resolveServerLimits(options);
  // `ws` enforces maxPayload per server: one for unauthenticated connections, one for the rest.
  const servers = {
    open: new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: limits.maxPayload,
    }),
    closed: new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      maxPayload: limits.maxUnauthenticatedPayload,
    }),
  };
  for (const wss of Object.values(servers))
    wss.on("headers", (headers, req: Tagged) => {
      const protocol = req[PROTOCOL];
      if (protocol !== undefined) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
    });
  const http = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain; charset=utf-8", upgrade: "websocket" });
    res.end(UPGRADE_REQUIRED_TEXT);
  });
  http.on("upgrade", (req: Tagged, socket: Duplex, head: Buffer) => {
    // A reset peer must not raise an unhandled 'error' before `ws` takes the socket over.
    socket.on("error", () => socket.destroy());
    const remote = `${req.socket.remoteAddress}:${req.socket.remotePort}`;
    try {
      const refused = handshakeRefusal(device, limits, {
        remote,
        origin: req.headers.origin,
        url: req.url,
        path: req.url,
      });
      if (refused !== undefined) {
        refuseUpgrade(socket, refused.status, refused.text);
        return;
      }
      const offered = req.headers["sec-websocket-protocol"];
      delete req.headers["sec-websocket-protocol"];
      const admission = device.admit({ protocols: offered, address: req.socket.remoteAddress });
      if (admission.protocol !== undefined) req[PROTOCOL] = admission.protocol;
      const wss = admission.auth === "ok" ? servers.open : servers.closed;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const conn = device.connect(
          {
            send: (text) => ws.send(text),
            close: (code, reason) => ws.close(code, reason),
          },
          { protocols: offered, remote, admission },
        );
        ws.on("message", (data, isBinary) => {
          try {
            if (isBinary) conn.receiveBinary();
            else conn.receive(data.toString());
          } catch {
            ws.terminate();
          }
        });
        ws.on("close", () => conn.closed());
        // `ws` closes by itself on errors (1009 for a frame over maxPayload, 1002, resets).
        ws.on("error", () => {});
      });
    } catch {
      refuseUpgrade(socket, 500, "The emulated Rooms device failed to accept this connection.\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? ROOMS_PORT, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  return {
    url: serverUrl(host, port),
    port,
    host,
    device,
    close: () =>
      new Promise<void>((resolve) => {
        for (const wss of Object.values(servers)) {
          for (const client of wss.clients) client.terminate();
          wss.close();
        }
        http.close(() => resolve());
        http.closeAllConnections?.();
      }),
  };
}

export type {
  MeetingServer,
  MeetingServerOptions,
} from "./meetingServer/serverOptions.ts";
export {
  connectRemoteMeeting,
  joinMeetingServer,
  startMeetingServer,
} from "./nodeMeetingServer.ts";
