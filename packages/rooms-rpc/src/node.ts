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

/**
 * `RoomsClient` that defaults `options.WebSocket` to the `ws` package; otherwise the same client
 * (its calls, helpers and errors are documented on the main entry point's `RoomsClient`).
 *
 * @example
 * ```ts
 * import { RoomsError } from "@yiqi/rooms-rpc";
 * import { RoomsClient } from "@yiqi/rooms-rpc/node";
 *
 * const client = new RoomsClient({ url: "ws://127.0.0.1:6295", password: "123456" });
 * try {
 *   await client.meeting.join({ meeting_code: "123456789" });
 * } catch (e) {
 *   if (e instanceof RoomsError) console.log(e.code, e.errorName); // e.g. "DEVICE" "ALREADY_IN_MEETING"
 * }
 * await client.close();
 * ```
 */
export class RoomsClient extends BaseRoomsClient {
  /**
   * Creates the client; nothing is opened until the first call. `options.WebSocket`, when
   * given, replaces the `ws` package.
   *
   * @param options The endpoint and password, and optionally timeouts, reconnect and the
   *   device's Rooms version; see {@link RoomsClientOptions}.
   */
  constructor(options: RoomsClientOptions) {
    super({ WebSocket, ...options });
  }
}
