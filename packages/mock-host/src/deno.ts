/**
 * Deno adapters: a real WebSocket server for the emulated Rooms device (`Deno.serve` +
 * `Deno.upgradeWebSocket`). Type-checks under plain `tsc` too: the `Deno` global is reached
 * through a small local interface.
 *
 * @example
 * ```ts
 * import { RoomsDevice } from "@yiqi/mock-host";
 * import { startRoomsServer } from "@yiqi/mock-host/deno";
 *
 * const server = await startRoomsServer({ device: new RoomsDevice(), port: 6295 });
 * console.log(server.url);
 * await server.close();
 * ```
 * @module
 */
import { closeQuietly } from "./denoSocket.ts";
import { utf8Exceeds } from "./rooms/limits.ts";
import { RoomsDevice } from "./rooms/RoomsDevice.ts";
import {
  handshakeRefusal,
  ROOMS_PORT,
  type RoomsServer,
  type RoomsServerOptions,
  resolveServerLimits,
  serverUrl,
  tooBigReason,
  UPGRADE_REQUIRED_TEXT,
} from "./rooms/server.ts";

export type { RoomsServer, RoomsServerOptions } from "./rooms/server.ts";

/** The members of the `Deno` global this adapter uses. */
interface DenoLike {
  serve(
    options: {
      port: number;
      hostname: string;
      onListen?: (addr: { port: number; hostname: string }) => void;
    },
    handler: (
      request: Request,
      info: { remoteAddr: { hostname: string; port: number } },
    ) => Response,
  ): { shutdown(): Promise<void>; finished: Promise<void>; addr: { port: number } };
  upgradeWebSocket(
    request: Request,
    options?: { protocol?: string },
  ): { socket: WebSocket; response: Response };
}

const denoGlobal = (): DenoLike => {
  const deno = (globalThis as unknown as { Deno?: DenoLike }).Deno;
  if (!deno)
    throw new Error("@yiqi/mock-host/deno needs Deno; on Node use @yiqi/mock-host/node instead");
  return deno;
};

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...headers },
  });

/**
 * Starts a WebSocket server for the emulated device on Deno.
 *
 * Browser origins outside `allowedOrigins` get 403 before the upgrade. The `auth-` protocol is
 * echoed by setting the header on the 101 response: `Deno.upgradeWebSocket({ protocol })` only
 * finds it in a list separated by `", "` and answers 500 to `json,auth-…`. A frame over the
 * limit (small before authentication) closes with 1009. No input on one connection stops the
 * server: errors close at most that connection.
 *
 * @throws {MeetingError} `INVALID_ARGUMENT` for a bad `allowedOrigins` entry or size.
 * @example
 * ```ts
 * const server = await startRoomsServer({ port: 0, allowedOrigins: ["http://localhost:5173"] });
 * ```
 */
export async function startRoomsServer(options: RoomsServerOptions = {}): Promise<RoomsServer> {
  const Deno = denoGlobal();
  const device = options.device ?? new RoomsDevice();
  const host = options.host ?? "127.0.0.1";
  const limits = resolveServerLimits(options);
  const sockets = new Set<WebSocket>();
  let listening: (port: number) => void = () => {};
  const ready = new Promise<number>((r) => (listening = r));
  const server = Deno.serve(
    { port: options.port ?? ROOMS_PORT, hostname: host, onListen: (addr) => listening(addr.port) },
    (request, info) => {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
        return text(426, UPGRADE_REQUIRED_TEXT, { upgrade: "websocket" });
      // Read the peer first: Deno closes the request once it is upgraded.
      const remote = `${info.remoteAddr.hostname}:${info.remoteAddr.port}`;
      const refused = handshakeRefusal(device, limits, {
        remote,
        origin: request.headers.get("origin"),
        url: request.url,
        path: new URL(request.url).pathname,
      });
      if (refused !== undefined) return text(refused.status, refused.text);
      const offered = request.headers.get("sec-websocket-protocol") ?? undefined;
      const admission = device.admit({ protocols: offered, address: info.remoteAddr.hostname });
      const { socket, response } = Deno.upgradeWebSocket(request);
      if (admission.protocol !== undefined)
        response.headers.set("sec-websocket-protocol", admission.protocol);
      const limit = admission.auth === "ok" ? limits.maxPayload : limits.maxUnauthenticatedPayload;
      sockets.add(socket);
      const close = (code: number, reason: string): void => closeQuietly(socket, code, reason);
      socket.addEventListener("open", () => {
        const conn = device.connect(
          { send: (t) => socket.send(t), close },
          { protocols: offered, remote, admission },
        );
        socket.addEventListener("message", (event) => {
          try {
            const data = event.data;
            const size = typeof data === "string" ? -1 : (data as ArrayBuffer).byteLength;
            if (size > limit || (size < 0 && utf8Exceeds(data as string, limit))) {
              close(1009, tooBigReason(limit, admission.auth === "ok"));
              return;
            }
            if (typeof data === "string") conn.receive(data);
            else conn.receiveBinary();
          } catch {
            close(1011, "internal error");
          }
        });
        socket.addEventListener("close", () => {
          sockets.delete(socket);
          conn.closed();
        });
      });
      return response;
    },
  );
  const port = await ready;
  return {
    url: serverUrl(host, port),
    port,
    host,
    device,
    close: async () => {
      for (const s of sockets) closeQuietly(s, 1001, "device stopping");
      await server.shutdown();
    },
  };
}

export { startMeetingServer } from "./denoMeetingServer.ts";
export type {
  MeetingServer,
  MeetingServerOptions,
} from "./meetingServer/serverOptions.ts";
