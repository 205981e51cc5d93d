/**
 * Mounts a {@link RoomsDevice} behind msw's WebSocket interception (`ws.link`), for in-process
 * tests and browser pages.
 *
 * @module
 */
import { type WebSocketHandler, ws } from "msw";
import type { RoomsDevice } from "./RoomsDevice.ts";

/** Options of {@link roomsLink}. */
export interface RoomsLinkOptions {
  /** The URL (or pattern) to intercept (default `ws://127.0.0.1:6295`, any path). */
  url?: string | RegExp;
}

/** The default endpoint of the emulated device. */
export const DEFAULT_ROOMS_URL = "ws://127.0.0.1:6295";

/**
 * An msw WebSocket handler that serves `device` at `url` (path `/`; another path closes with
 * 4404, a binary frame answers -32600). Pass it to `setupServer` (Node) or
 * `setupWorker` (browsers); on Node 20 install a global `WebSocket` first (msw intercepts the
 * global class).
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { RoomsDevice } from "@yiqi/mock-host";
 * import { roomsLink } from "@yiqi/mock-host/msw";
 *
 * const device = new RoomsDevice();
 * const server = setupServer(roomsLink(device, { url: "ws://rooms.test:6295" }));
 * server.listen();
 * ```
 */
export function roomsLink(device: RoomsDevice, options: RoomsLinkOptions = {}): WebSocketHandler {
  const url = options.url ?? DEFAULT_ROOMS_URL;
  const pattern =
    typeof url === "string"
      ? new RegExp(`^${url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\/$/, "")}(/.*)?$`)
      : url;
  return ws.link(pattern).addEventListener("connection", ({ client, info }) => {
    if (client.url.pathname !== "/" && client.url.pathname !== "") {
      // Decision 0213: the device serves `/` only. msw lets a handler close with 4000–4999.
      client.close(4404, `served at / only, not ${client.url.pathname.slice(0, 60)}`);
      return;
    }
    const conn = device.connect(
      {
        send: (text) => client.send(text),
        close: (code, reason) => client.close(code, reason),
      },
      { protocols: info.protocols, remote: "msw" },
    );
    client.addEventListener("message", (event) => {
      if (typeof event.data === "string") conn.receive(event.data);
      else conn.receiveBinary();
    });
    client.addEventListener("close", () => conn.closed());
  });
}
