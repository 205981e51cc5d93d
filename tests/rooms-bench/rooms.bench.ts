/**
 * Rooms control API throughput over a real loopback WebSocket, in one run:
 *   floor  = bare `ws` echo server + a minimal hand-written JSON-RPC client
 *   rooms  = @yiqi/rooms-rpc RoomsClient against the emulated device (@yiqi/mock-host/node)
 * and 1,000 calls in flight with none lost or duplicated. Bounded in count and time, loopback
 * only; prints, never asserts timing.
 */
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { RoomsClient } from "@yiqi/rooms-rpc/node";
import { WebSocket, WebSocketServer } from "ws";

const CALLS = 20_000;
const WINDOW = 64;
const ROUNDS = 3;
const DEADLINE = Date.now() + 60_000;

/** Runs `calls` calls with at most `window` in flight; returns calls per second. */
async function measure(call: (i: number) => Promise<unknown>, calls: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < calls && Date.now() < DEADLINE) await call(next++);
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  return (next / (performance.now() - started)) * 1000;
}

async function floorClient(
  url: string,
): Promise<{ call: (i: number) => Promise<unknown>; close: () => void }> {
  const ws = new WebSocket(url);
  await new Promise((r) => ws.once("open", r));
  const pending = new Map<string, (v: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id: string };
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    resolve?.(msg);
  });
  return {
    call: (i) =>
      new Promise((resolve) => {
        const id = `f${i}`;
        pending.set(id, resolve);
        ws.send(
          JSON.stringify({
            jsonrpc: "2.0",
            id,
            method: "Query",
            params: { path: ["Share", "CastCode"] },
          }),
        );
      }),
    close: () => ws.close(),
  };
}

const echo = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
await new Promise((r) => echo.once("listening", r));
echo.on("connection", (socket) =>
  socket.on("message", (data, isBinary) => socket.send(data, { binary: isBinary })),
);
const echoUrl = `ws://127.0.0.1:${(echo.address() as { port: number }).port}`;

const device = new RoomsDevice();
const server = await startRoomsServer({ device, port: 0 });
const floor = await floorClient(echoUrl);
const client = new RoomsClient({ url: server.url, password: "123456" });
const roomsCall = () => client.query(["Share", "CastCode"]);

await measure(floor.call, 2000);
await measure(roomsCall, 2000);
let bestFloor = 0;
let bestRooms = 0;
for (let round = 0; round < ROUNDS; round++) {
  bestFloor = Math.max(bestFloor, await measure(floor.call, CALLS));
  bestRooms = Math.max(bestRooms, await measure(roomsCall, CALLS));
}
const ratio = bestRooms / bestFloor;
console.log(
  `rooms-rpc bench (${CALLS} calls x ${ROUNDS} rounds, ${WINDOW} in flight, loopback, best round)`,
);
console.log(`  floor  bare ws echo + hand-written client : ${bestFloor.toFixed(0)} calls/s`);
console.log(`  rooms  RoomsClient -> emulated device     : ${bestRooms.toFixed(0)} calls/s`);
console.log(
  `  ratio  ${ratio.toFixed(2)}x the floor (target >= 0.70x)${ratio >= 0.7 ? "" : "  BELOW TARGET"}`,
);

// 1,000 calls in flight at once: every id answered exactly once, none lost, none duplicated.
const N = 1000;
const answered = new Map<string, number>();
const off = device.onLog((e) => {
  if (e.kind !== "response") return;
  const id = (JSON.parse(e.text) as { id: string }).id;
  answered.set(id, (answered.get(id) ?? 0) + 1);
});
const ids = Array.from({ length: N }, (_, i) => `burst-${i}`);
const started = performance.now();
const results = await Promise.allSettled(
  ids.map((id) =>
    client.request("Query", { path: ["Share", "CastCode"] }, { id, timeoutMs: 30_000 }),
  ),
);
const ms = performance.now() - started;
off();
const ok = results.filter((r) => r.status === "fulfilled" && r.value.error_code === 0).length;
const lost = ids.filter((id) => !answered.has(id)).length;
const duplicated = [...answered.values()].filter((n) => n > 1).length;
console.log(
  `  burst  ${N} calls in flight: ${ok} resolved, ${lost} lost, ${duplicated} duplicated, ${client.inFlight} left pending (${ms.toFixed(0)} ms)`,
);
console.log(
  `  burst  ${ok === N && lost === 0 && duplicated === 0 ? "OK: none lost or duplicated" : "PROBLEM: calls lost or duplicated"}`,
);

floor.close();
await client.close();
await server.close();
await new Promise((r) => echo.close(r));
