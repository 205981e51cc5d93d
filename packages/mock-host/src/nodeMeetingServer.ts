/**
 * The Node adapter of the meeting server (decision 0031): `ws` over `node:http`, hardened as the
 * Rooms device server is: loopback by default, Origin allow-list, token and path checked before
 * the upgrade, frames bounded by `maxPayload`, one connection's error closes only that one.
 *
 * @module
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { MEETING_SERVER_PORT } from "./meetingServer/protocol.ts";
import {
  type ConnectRemoteMeetingOptions,
  connectRemoteMeeting as connectWith,
  type RemoteMeeting,
} from "./meetingServer/remoteMeeting.ts";
import {
  type JoinMeetingServerOptions,
  joinMeetingServer as joinWith,
  type RemoteView,
  type WebSocketConstructor,
} from "./meetingServer/remoteView.ts";
import {
  MEETING_UPGRADE_TEXT,
  type MeetingServer,
  type MeetingServerOptions,
  serverCore,
  serverHandle,
} from "./meetingServer/serverOptions.ts";
import { refuseUpgrade } from "./nodeUpgrade.ts";

/**
 * Starts a meeting server on Node and resolves once it listens.
 *
 * @throws {MeetingServerError} `INVALID_ARGUMENT` for a short token or bad limit; the listen
 *   error (e.g. `EADDRINUSE`).
 * @example
 * ```ts
 * const server = await startMeetingServer({ port: 0 });
 * console.log(server.url); // ws://127.0.0.1:…/meeting?token=…
 * ```
 */
export async function startMeetingServer(
  options: MeetingServerOptions = {},
): Promise<MeetingServer> {
  const host = options.host ?? "127.0.0.1";
  const core = serverCore(options);
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: core.limits.maxFrameBytes,
  });
  const http = createServer((_req, res) => {
    res.writeHead(426, { "content-type": "text/plain; charset=utf-8", upgrade: "websocket" });
    res.end(MEETING_UPGRADE_TEXT);
  });
  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    try {
      const refused = core.admit({ url: req.url ?? "/", origin: req.headers.origin });
      if (refused) {
        refuseUpgrade(socket, refused.status, refused.text);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const view = core.connect({
          send: (text) => ws.send(text),
          close: (code, reason) => ws.close(code, reason),
          bufferedAmount: () => ws.bufferedAmount,
        });
        ws.on("message", (data, isBinary) => {
          if (isBinary) {
            view.receive("binary frames are not accepted");
            return;
          }
          view.receive(data.toString());
        });
        ws.on("close", () => view.closed());
        // `ws` closes by itself on errors (1009 over maxPayload, 1002, resets).
        ws.on("error", () => {});
      });
    } catch {
      refuseUpgrade(socket, 500, "The meeting server failed to accept this view.\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? MEETING_SERVER_PORT, host, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  return serverHandle(
    core,
    host,
    port,
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        http.close(() => resolve());
        http.closeAllConnections?.();
      }),
  );
}

/**
 * {@link joinWith | joinMeetingServer} with Node's WebSocket (`ws`).
 *
 * @example
 * ```ts
 * const view = await joinMeetingServer(server.url, { participants: 10 });
 * ```
 */
export function joinMeetingServer(
  link: string,
  options: JoinMeetingServerOptions,
): Promise<RemoteView> {
  return joinWith(link, {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    ...options,
  });
}

/**
 * {@link connectWith | connectRemoteMeeting} with Node's WebSocket (`ws`).
 *
 * @example
 * ```ts
 * const meeting = await connectRemoteMeeting(server.url);
 * await meeting.ui.openApp("p1");
 * ```
 */
export function connectRemoteMeeting(
  link: string,
  options: ConnectRemoteMeetingOptions = {},
): Promise<RemoteMeeting> {
  return connectWith(link, {
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    ...options,
  });
}
