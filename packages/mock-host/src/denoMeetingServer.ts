/**
 * The Deno adapter of the meeting server (decision 0031): `Deno.serve` + `Deno.upgradeWebSocket`,
 * with the Node adapter's checks (path, Origin, token before the upgrade; frames bounded; one
 * connection's error closes only that one).
 *
 * @module
 */
import { closeQuietly } from "./denoSocket.ts";
import { frameTooLarge, MEETING_SERVER_PORT } from "./meetingServer/protocol.ts";
import {
  MEETING_UPGRADE_TEXT,
  type MeetingServer,
  type MeetingServerOptions,
  serverCore,
  serverHandle,
} from "./meetingServer/serverOptions.ts";

interface DenoServe {
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response,
  ): { shutdown(): Promise<void> };
  upgradeWebSocket(request: Request): { socket: WebSocket; response: Response };
}

const text = (status: number, body: string): Response =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

/**
 * Starts a meeting server on Deno and resolves once it listens.
 *
 * @throws {MeetingServerError} `INVALID_ARGUMENT` for a short token or bad limit.
 * @example
 * ```ts
 * const server = await startMeetingServer({ port: 0 });
 * console.log(server.url);
 * ```
 */
export async function startMeetingServer(
  options: MeetingServerOptions = {},
): Promise<MeetingServer> {
  const Deno = (globalThis as unknown as { Deno?: DenoServe }).Deno;
  if (!Deno)
    throw new Error("@yiqi/mock-host/deno needs Deno; on Node use @yiqi/mock-host/node instead");
  const host = options.host ?? "127.0.0.1";
  const core = serverCore(options);
  const limit = core.limits.maxFrameBytes;
  const sockets = new Set<WebSocket>();
  let listening: (port: number) => void = () => {};
  const ready = new Promise<number>((r) => (listening = r));
  const server = Deno.serve(
    {
      port: options.port ?? MEETING_SERVER_PORT,
      hostname: host,
      onListen: (a) => listening(a.port),
    },
    (request) => {
      if (request.headers.get("upgrade")?.toLowerCase() !== "websocket")
        return text(426, MEETING_UPGRADE_TEXT);
      const refused = core.admit({ url: request.url, origin: request.headers.get("origin") });
      if (refused) return text(refused.status, refused.text);
      const { socket, response } = Deno.upgradeWebSocket(request);
      sockets.add(socket);
      const close = (code: number, reason: string): void => closeQuietly(socket, code, reason);
      socket.addEventListener("open", () => {
        const view = core.connect({
          send: (t) => socket.send(t),
          close,
          bufferedAmount: () => socket.bufferedAmount,
        });
        socket.addEventListener("message", (event) => {
          const data: unknown = event.data;
          if (typeof data !== "string") {
            view.receive("binary frames are not accepted");
            return;
          }
          if (frameTooLarge(data, limit)) close(1009, `FRAME_TOO_LARGE: at most ${limit} bytes`);
          else view.receive(data);
        });
        socket.addEventListener("close", () => {
          sockets.delete(socket);
          view.closed();
        });
      });
      return response;
    },
  );
  const port = await ready;
  return serverHandle(core, host, port, async () => {
    for (const s of sockets) closeQuietly(s, 1001, "meeting server stopping");
    await server.shutdown();
  });
}
