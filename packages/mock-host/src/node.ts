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
import { RoomsDevice } from "./rooms/RoomsDevice.ts";
import type { RoomsServer, RoomsServerOptions } from "./rooms/server.ts";

export type { RoomsServer, RoomsServerOptions } from "./rooms/server.ts";

/** The default port of the Rooms control API. */
export const ROOMS_PORT = 6295;

const PROTOCOL = Symbol("yiqi.protocol");
type Tagged = IncomingMessage & { [PROTOCOL]?: string };

/**
 * Starts a WebSocket server for the emulated device on Node.
 *
 * Both credential forms are accepted: `ws` validates `Sec-WebSocket-Protocol` as an RFC 7230
 * token list and would refuse the raw `btoa` form (`/`, `=`), so the server takes the header
 * itself and echoes the offered `auth-` protocol verbatim.
 *
 * @example
 * ```ts
 * const server = await startRoomsServer({ port: 0 });
 * ```
 */
export async function startRoomsServer(options: RoomsServerOptions = {}): Promise<RoomsServer> {
  const device = options.device ?? new RoomsDevice();
  const host = options.host ?? "127.0.0.1";
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  wss.on("headers", (headers, req: Tagged) => {
    const protocol = req[PROTOCOL];
    if (protocol !== undefined) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
  });
  const http = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain; charset=utf-8", upgrade: "websocket" });
    res.end("This is an emulated Tencent Meeting Rooms control API: connect with a WebSocket.\n");
  });
  http.on("upgrade", (req: Tagged, socket: Duplex, head: Buffer) => {
    const offered = req.headers["sec-websocket-protocol"];
    delete req.headers["sec-websocket-protocol"];
    const protocol = device.selectProtocol(offered);
    if (protocol !== undefined) req[PROTOCOL] = protocol;
    wss.handleUpgrade(req, socket, head, (socket) => {
      const conn = device.connect(
        {
          send: (text) => socket.send(text),
          close: (code, reason) => socket.close(code, reason),
        },
        { protocols: offered, remote: `${req.socket.remoteAddress}:${req.socket.remotePort}` },
      );
      socket.on("message", (data, isBinary) => {
        conn.receive(isBinary ? new TextDecoder().decode(data as Buffer) : data.toString());
      });
      socket.on("close", () => conn.closed());
      socket.on("error", () => socket.terminate());
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? ROOMS_PORT, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `ws://${urlHost}:${port}`,
    port,
    host,
    device,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections?.();
      }),
  };
}
