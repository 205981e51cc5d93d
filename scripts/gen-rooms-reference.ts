/**
 * Writes docs/reference/rooms.md: the Rooms control API as the emulated device speaks it, with
 * the raw bytes of a real run. Starts the device's Node WebSocket server on a loopback port,
 * performs the opening handshake over a raw TCP socket, then sends each step of
 * `roomsReferenceSteps.ts` and records every frame each way, byte for byte.
 *
 *   node --import tsx scripts/gen-rooms-reference.ts          # rewrite docs/reference/rooms.md
 *   node --import tsx scripts/gen-rooms-reference.ts --check  # exit 1 when it is out of date
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { RoomsDevice } from "../packages/mock-host/src/index.ts";
import { startRoomsServer } from "../packages/mock-host/src/node.ts";
import { ROOMS_MODULES } from "../packages/mock-host/src/rooms/roomsModules.ts";
import { authProtocol, ROOMS_QUERY_PATHS } from "../packages/rooms-rpc/src/index.ts";
import { renderRoomsReference } from "./roomsReferenceMarkdown.ts";
import { STEPS, type Step } from "./roomsReferenceSteps.ts";

const OUT = new URL("../docs/reference/rooms.md", import.meta.url);
const PASSWORD = "123456";
/** A fixed clock (2026-01-05 10:00:00 UTC, +1 s per reading) makes the run reproducible. */
const START_MS = Date.UTC(2026, 0, 5, 10, 0, 0);

/** One recorded exchange. */
export interface Exchange {
  readonly step: Step;
  readonly request: string;
  /** The answer, then events pushed before the next request, in arrival order. */
  readonly frames: readonly string[];
}

/** What the run recorded. */
export interface Recording {
  readonly handshakeRequest: string;
  readonly handshakeResponse: string;
  /** Request (`> `) and frames (`< `) of a connection with the wrong password. */
  readonly badPassword: readonly string[];
  readonly subscribe: Exchange;
  readonly exchanges: readonly Exchange[];
  readonly errors: readonly Exchange[];
  readonly unsubscribe: Exchange;
}

/** Every action and query path of the device's tables must have a step. */
function checkCoverage(): void {
  const missing: string[] = [];
  for (const m of ROOMS_MODULES)
    for (const action of Object.keys(m.actions))
      if (
        !STEPS.some(
          (s) => s.request.method === `Call/${m.name}` && s.request.params?.action === action,
        )
      )
        missing.push(`Call/${m.name} ${action}`);
  for (const path of ROOMS_QUERY_PATHS)
    if (!STEPS.some((s) => JSON.stringify(s.request.params?.path) === JSON.stringify(path)))
      missing.push(`Query ${JSON.stringify(path)}`);
  if (missing.length > 0)
    throw new Error(`scripts/roomsReferenceSteps.ts has no step for: ${missing.join(", ")}`);
}

// --- a minimal WebSocket client over a raw socket, so the handshake bytes are real ----------

/** Masks and frames one client text frame (RFC 6455 §5.2; fixed mask: the bytes are ours). */
const frame = (text: string): Buffer => {
  const payload = Buffer.from(text, "utf8");
  const mask = Buffer.from([1, 2, 3, 4]);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x81, 0x80 | len])
      : Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff]);
  const body = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] as number)));
  return Buffer.concat([head, mask, body]);
};

/** A connection that yields the server's text frames and close frame in order. */
class RawClient {
  readonly #socket: Socket;
  #buffer = Buffer.alloc(0);
  #head: string | undefined;
  readonly #frames: string[] = [];
  #waiters: (() => void)[] = [];

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on("data", (chunk) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#parse();
      for (const w of this.#waiters.splice(0)) w();
    });
  }

  static open(port: number, request: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.write(request);
        resolve(new RawClient(socket));
      });
      socket.on("error", reject);
    });
  }

  #parse(): void {
    if (this.#head === undefined) {
      const end = this.#buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      this.#head = this.#buffer.subarray(0, end + 4).toString("latin1");
      this.#buffer = this.#buffer.subarray(end + 4);
    }
    for (;;) {
      if (this.#buffer.length < 2) return;
      const op = (this.#buffer[0] as number) & 0x0f;
      let len = (this.#buffer[1] as number) & 0x7f;
      let at = 2;
      if (len === 126) {
        if (this.#buffer.length < 4) return;
        len = this.#buffer.readUInt16BE(2);
        at = 4;
      } else if (len === 127) {
        if (this.#buffer.length < 10) return;
        len = Number(this.#buffer.readBigUInt64BE(2));
        at = 10;
      }
      if (this.#buffer.length < at + len) return;
      const payload = this.#buffer.subarray(at, at + len);
      this.#buffer = this.#buffer.subarray(at + len);
      if (op === 1) this.#frames.push(payload.toString("utf8"));
      if (op === 8)
        this.#frames.push(
          `(close ${payload.length >= 2 ? payload.readUInt16BE(0) : ""} ${payload.subarray(2).toString("utf8")})`.trim(),
        );
    }
  }

  async head(): Promise<string> {
    while (this.#head === undefined) await this.#wait();
    return this.#head;
  }

  #wait(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `the device did not answer within 5 s; so far: ${this.#head ?? "(no handshake)"} ${this.#frames.join("\n")}`,
            ),
          ),
        5000,
      );
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  send(text: string): void {
    this.#socket.write(frame(text));
  }

  /** Waits for a frame that satisfies `done`; returns every frame received up to it. */
  async until(done: (frame: string) => boolean): Promise<string[]> {
    for (;;) {
      const i = this.#frames.findIndex(done);
      if (i >= 0) return this.#frames.splice(0, i + 1);
      await this.#wait();
    }
  }

  close(): void {
    this.#socket.destroy();
  }
}

const upgrade = (port: number, protocol: string): string =>
  [
    "GET / HTTP/1.1",
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
    `Sec-WebSocket-Protocol: ${protocol}`,
    "",
    "",
  ].join("\r\n");

/** Drops the `Date` header: it is the only part of the answer the clock does not drive. */
const stable = (head: string): string =>
  head
    .split("\r\n")
    .filter((l) => !/^date:/i.test(l))
    .join("\r\n");

/** Runs the steps against a real device; returns every byte it exchanged. */
export async function record(): Promise<Recording> {
  checkCoverage();
  let clock = START_MS;
  const device = new RoomsDevice({ password: PASSWORD, now: () => (clock += 1000) });
  const server = await startRoomsServer({ device, port: 0 });
  try {
    const handshakeRequest = upgrade(server.port, authProtocol(PASSWORD)).replace(
      `127.0.0.1:${server.port}`,
      "127.0.0.1:6295",
    );
    const client = await RawClient.open(server.port, upgrade(server.port, authProtocol(PASSWORD)));
    const handshakeResponse = stable(await client.head());
    let n = 0;
    /** Sends `request`, then a sentinel: what arrives before the sentinel's answer is this step's. */
    const exchange = async (step: Step, raw?: string): Promise<Exchange> => {
      if (step.setup) {
        step.setup(device);
        // Events the world change pushed belong to no request: drain them.
        client.send(
          JSON.stringify({
            jsonrpc: "2.0",
            method: "Query",
            id: "drain",
            params: { path: ["Ability"] },
          }),
        );
        await client.until((f) => f.includes('"id": "drain"'));
      }
      n += 1;
      const id = `req-${n}`;
      const request =
        raw ??
        JSON.stringify({
          jsonrpc: "2.0",
          method: step.request.method,
          id,
          params: step.request.params,
        });
      client.send(request);
      client.send(
        JSON.stringify({
          jsonrpc: "2.0",
          method: "Query",
          id: "sentinel",
          params: { path: ["Ability"] },
        }),
      );
      const frames = (await client.until((f) => f.includes('"id": "sentinel"'))).slice(0, -1);
      const code = /"error_code": (\d+)/.exec(frames[0] ?? "")?.[1];
      if (raw === undefined && step.module !== "" && Number(code) !== (step.expect ?? 0))
        throw new Error(
          `step ${step.request.method} ${JSON.stringify(step.request.params)} answered error_code ${code}, not ${step.expect ?? 0}: ${frames[0]}`,
        );
      return { step, request, frames };
    };
    const subscribe = await exchange({
      module: "",
      note: "",
      request: { method: "Subscribe", params: { path: [] } },
    });
    const exchanges: Exchange[] = [];
    for (const step of STEPS) exchanges.push(await exchange(step));
    const errors: Exchange[] = [
      await exchange(
        { module: "", note: "A request that is not JSON: -32700.", request: { method: "" } },
        "{not json",
      ),
      await exchange(
        {
          module: "",
          note: "JSON that is not a JSON-RPC request: -32600.",
          request: { method: "" },
        },
        '{"jsonrpc": "2.0", "id": "req-x"}',
      ),
      await exchange({
        module: "",
        note: "An unknown method: in band, code 4.",
        request: { method: "Reboot" },
      }),
      await exchange({
        module: "",
        note: "An unknown action: code 9.",
        request: { method: "Call/Share", params: { action: "Teleport" } },
      }),
      await exchange({
        module: "",
        note: "An unknown query path: code 6.",
        request: { method: "Query", params: { path: ["Share", "Nope"] } },
      }),
      await exchange({
        module: "",
        note: "A mistyped parameter: code 8, naming it.",
        request: {
          method: "Call/Device",
          params: { action: "SetSpeakerVolume", action_params: { volume: "loud" } },
        },
      }),
      await exchange({
        module: "",
        note: "Not in a meeting: code 10000.",
        request: { method: "Call/Share", params: { action: "StopShare" } },
        setup: (d) => d.leaveMeeting(),
      }),
    ];
    const unsubscribe = await exchange({
      module: "",
      note: "",
      request: { method: "Unsubscribe", params: { path: [] } },
    });
    client.close();
    const bad = await RawClient.open(server.port, upgrade(server.port, authProtocol("wrong")));
    await bad.head();
    const probe = JSON.stringify({
      jsonrpc: "2.0",
      method: "Query",
      id: "req-1",
      params: { path: ["Share"] },
    });
    bad.send(probe);
    const badPassword = [
      `> ${probe}`,
      ...(await bad.until((f) => f.startsWith("(close"))).map((f) => `< ${f}`),
    ];
    bad.close();
    return {
      handshakeRequest,
      handshakeResponse,
      badPassword,
      subscribe,
      exchanges,
      errors,
      unsubscribe,
    };
  } finally {
    await server.close();
  }
}

const main = async (): Promise<void> => {
  const markdown = renderRoomsReference(await record());
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(OUT, "utf8");
    } catch {
      // Missing counts as out of date.
    }
    if (current !== markdown) {
      console.error(
        "docs/reference/rooms.md is out of date with the emulated device: run `node --import tsx scripts/gen-rooms-reference.ts` and commit it",
      );
      process.exit(1);
    }
    console.log("docs/reference/rooms.md is up to date");
    return;
  }
  writeFileSync(OUT, markdown);
  console.log("wrote docs/reference/rooms.md");
};

if (import.meta.url === `file://${process.argv[1]}`) await main();
