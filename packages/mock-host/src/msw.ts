/**
 * The emulator behind msw: the JSAPI auth endpoints as msw HTTP handlers and the Rooms device
 * behind msw's WebSocket interception. A separate entry so that `@yiqi/mock-host` itself never
 * loads msw: msw's dependencies read `NODE_ENV` at load time (Deno would ask for `--allow-env`)
 * and can keep a process alive. Import this entry only where you install msw handlers
 * (decision 0020).
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * import { createMeeting, RoomsDevice } from "@yiqi/mock-host";
 * import { createAuthHandlers, roomsLink } from "@yiqi/mock-host/msw";
 *
 * const meeting = createMeeting();
 * const server = setupServer(...createAuthHandlers(meeting), roomsLink(new RoomsDevice()));
 * server.listen();
 * server.close();
 * ```
 * @module
 */

export {
  type AuthHandlerOptions,
  createAuthHandlers,
  DEFAULT_API_BASE_URL,
  DEFAULT_OAUTH_BASE_URL,
} from "./auth/createAuthHandlers.ts";
export { DEFAULT_ROOMS_URL, type RoomsLinkOptions, roomsLink } from "./rooms/roomsLink.ts";
