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
import { RoomsDevice } from "./rooms/RoomsDevice.ts";
import type { RoomsServer, RoomsServerOptions } from "./rooms/server.ts";

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

/**
 * Starts a WebSocket server for the emulated device on Deno.
 *
 * @example
 * ```ts
 * const server = await startRoomsServer({ port: 0 });
 * ```
 */
export async function startRoomsServer(options: RoomsServerOptions = {}): Promise<RoomsServer> {
  const Deno = denoGlobal();
  const device = options.device ?? new RoomsDevice();
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<WebSocket>();
  let listening: (port: number) => void = () => {};
  const ready = new Promise<number>((r) => (listening = r));
  const server = Deno.serve(
    { port: options.port ?? 6295, hostname: host, onListen: (addr) => listening(addr.port) },
    (request, info) => {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
        return new Response(
          "This is an emulated Tencent Meeting Rooms control API: connect with a WebSocket.\n",
          { status: 426, headers: { upgrade: "websocket" } },
        );
      // Read the peer first: Deno closes the request once it is upgraded.
      const remote = `${info.remoteAddr.hostname}:${info.remoteAddr.port}`;
      const offered = request.headers.get("sec-websocket-protocol") ?? undefined;
      const protocol = device.selectProtocol(offered);
      const { socket, response } = Deno.upgradeWebSocket(
        request,
        protocol !== undefined ? { protocol } : {},
      );
      sockets.add(socket);
      socket.addEventListener("open", () => {
        const conn = device.connect(
          {
            send: (text) => socket.send(text),
            close: (code, reason) => socket.close(code, reason),
          },
          { protocols: offered, remote },
        );
        socket.addEventListener("message", (event) => {
          const data = event.data;
          conn.receive(
            typeof data === "string" ? data : new TextDecoder().decode(data as ArrayBuffer),
          );
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
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `ws://${urlHost}:${port}`,
    port,
    host,
    device,
    close: async () => {
      for (const s of sockets) s.close(1001, "device stopping");
      await server.shutdown();
    },
  };
}
