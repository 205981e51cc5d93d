/**
 * Node adapter: `RoomsClient` with the `ws` package as its WebSocket (Node 20 has no global
 * WebSocket). Browsers and Deno use the main entry point; everything else (types, helpers,
 * `RoomsError`) is imported from there on Node too.
 *
 * @example
 * ```ts
 * import { RoomsClient } from "@yiqi/rooms-rpc/node";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * console.log(await client.share.query());
 * await client.close();
 * ```
 * @module
 */
import { WebSocket as NodeWebSocket } from "ws";
import {
  RoomsClient as BaseRoomsClient,
  type RoomsClientOptions,
  type WebSocketConstructorLike,
} from "./RoomsClient.ts";

export type { RoomsClientOptions, WebSocketConstructorLike } from "./RoomsClient.ts";

/** The `ws` package's WebSocket, typed for {@link RoomsClientOptions.WebSocket}. */
export const WebSocket: WebSocketConstructorLike = NodeWebSocket;

/** `RoomsClient` that defaults `options.WebSocket` to the `ws` package. */
export class RoomsClient extends BaseRoomsClient {
  constructor(options: RoomsClientOptions) {
    super({ WebSocket, ...options });
  }
}
