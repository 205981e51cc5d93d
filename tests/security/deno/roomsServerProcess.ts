/**
 * A Deno Rooms server in its own process, for tests that must see whether the process survives:
 * prints `port <n>` once listening, runs until stdin closes. Password "p".
 *
 * @module
 */
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/deno";

const server = await startRoomsServer({ device: new RoomsDevice({ password: "p" }), port: 0 });
console.log(`port ${server.port}`);
for await (const _ of Deno.stdin.readable) {
  // Keep running until the parent closes stdin.
}
await server.close();
// Exit explicitly: modules loaded with "@yiqi/mock-host" (msw) can keep the event loop alive.
Deno.exit(0);
