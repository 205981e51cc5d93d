/**
 * `yiqi rooms` (run the emulated Rooms device) and `yiqi rooms-check` (run the Rooms control API
 * contract suite against any endpoint).
 *
 * @module
 */
import { createInterface } from "node:readline";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { formatCaseResult, runRoomsContract } from "@yiqi/conformance";
import {
  DEFAULT_ROOMS_ALLOWED_ORIGINS,
  DEFAULT_ROOMS_PASSWORD,
  DEFAULT_ROOMS_VERSION,
  normalizeOrigins,
  RoomsDevice,
} from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { authProtocol, isVersionString } from "@yiqi/rooms-rpc";
import { WebSocket } from "@yiqi/rooms-rpc/node";
import type { Command, CommandIO } from "../command.ts";
import { escapeTerminal, ROOMS_CONSOLE_HELP, runConsoleLine } from "./roomsConsole.ts";

const ROOMS_USAGE = `Usage: yiqi rooms [options]

Starts an emulated Tencent Meeting Rooms device: the control API (JSON-RPC 2.0 over WebSocket)
on port 6295, logging every request and response. Type commands on stdin to change its state.

Options:
  --port <n>          TCP port (default 6295; 0 picks a free one)
  --host <addr>       interface (default 127.0.0.1, loopback only; 0.0.0.0 exposes it to the LAN)
  --password <p>      control API password (default ${DEFAULT_ROOMS_PASSWORD})
  --version <x.y.z>   emulated Rooms version (default ${DEFAULT_ROOMS_VERSION}; older versions answer 9 to newer actions)
  --in-meeting        start in a meeting
  --busy              start in a busy world (meeting, members, a remote sharer, recording, an invitation)
  --rate-limit <n>    answer 10 "too frequent" beyond n requests per second per connection (default: off)
  --allow-origin <o>  let web pages from origin <o> (e.g. http://localhost:5173) open the socket;
                      repeatable; "*" allows any page. Default: only the harness
                      (${DEFAULT_ROOMS_ALLOWED_ORIGINS.join(", ")}); clients that send no
                      Origin (drivers, scripts) are always accepted
  --quiet             do not log requests and responses
  -h, --help          this help

${ROOMS_CONSOLE_HELP}`;

const CHECK_USAGE = `Usage: yiqi rooms-check --url <ws://host:6295> --password <p> [options]

Runs the Rooms control API contract suite against any endpoint: the emulator or a real device.
Prints one line per case and a closing "N passed, N failed"; exits 0 when every case passed.

Options:
  --url <ws://…>        endpoint (default: $ROOMS_URL)
  --password <p>        control API password (default: $ROOMS_PASSWORD)
  --version <x.y.z>     the device's Rooms version: newer actions are then expected to answer 9
  --meeting-code <c>    meeting to join for "in a meeting" cases (default 100200300)
  --timeout <ms>        per-request timeout (default 5000)
  -h, --help            this help

Cases marked [emulator decision] check behaviour the Tencent documents leave open.`;

const usageError = (io: CommandIO, name: string, message: string): number => {
  io.err(escapeTerminal(`yiqi ${name}: ${message}`));
  io.err(`Run \`yiqi ${name} --help\` for usage.`);
  return 2;
};

type Parsed =
  | { values: Record<string, string | string[] | boolean | undefined> }
  | { error: string };

const parse = (argv: string[], options: NonNullable<ParseArgsConfig["options"]>): Parsed => {
  try {
    const { values } = parseArgs({ args: argv, options, allowPositionals: false, strict: true });
    return { values: values as Record<string, string | string[] | boolean | undefined> };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

const parsePort = (v: string | undefined, fallback: number): number | undefined => {
  if (v === undefined) return fallback;
  const n = Number(v);
  return /^\d+$/.test(v) && n <= 65535 ? n : undefined;
};

/** Options for {@link startRooms} beyond the command line. */
export interface StartRoomsOptions {
  /** Console lines (default: stdin lines). */
  input?: AsyncIterable<string>;
}

/**
 * Runs `yiqi rooms` with an explicit console input (tests pass their own).
 *
 * @example
 * ```ts
 * await startRooms(["--port", "0"], io, { input: (async function* () { yield "quit"; })() });
 * ```
 */
export async function startRooms(
  argv: string[],
  io: CommandIO,
  options: StartRoomsOptions = {},
): Promise<number> {
  const parsed = parse(argv, {
    port: { type: "string" },
    host: { type: "string" },
    password: { type: "string" },
    version: { type: "string" },
    "in-meeting": { type: "boolean" },
    busy: { type: "boolean" },
    "rate-limit": { type: "string" },
    "allow-origin": { type: "string", multiple: true },
    quiet: { type: "boolean" },
  });
  if ("error" in parsed) return usageError(io, "rooms", parsed.error);
  const v = parsed.values;
  const port = parsePort(v.port as string | undefined, 6295);
  if (port === undefined)
    return usageError(io, "rooms", `--port must be an integer from 0 to 65535, got "${v.port}"`);
  const version = (v.version as string | undefined) ?? DEFAULT_ROOMS_VERSION;
  if (!isVersionString(version))
    return usageError(io, "rooms", `--version must look like 3.13.190, got "${version}"`);
  const password = (v.password as string | undefined) ?? DEFAULT_ROOMS_PASSWORD;
  if (password.length === 0) return usageError(io, "rooms", "--password must not be empty");
  const host = (v.host as string | undefined) ?? "127.0.0.1";
  const extraOrigins = (v["allow-origin"] as string[] | undefined) ?? [];
  let allowedOrigins: string[];
  try {
    allowedOrigins = [...DEFAULT_ROOMS_ALLOWED_ORIGINS, ...normalizeOrigins(extraOrigins)];
  } catch (e) {
    return usageError(io, "rooms", `--allow-origin: ${(e as Error).message}`);
  }
  // Everything printed goes through escapeTerminal: frames from the wire (even unauthenticated
  // ones) must not drive the terminal. Multi-line text we write ourselves is split first.
  const say = (text: string): void => {
    for (const line of text.split("\n")) io.out(escapeTerminal(line));
  };
  const rate = v["rate-limit"] as string | undefined;
  if (rate !== undefined && !/^[1-9]\d*$/.test(rate))
    return usageError(io, "rooms", `--rate-limit must be a positive integer, got "${rate}"`);
  const device = new RoomsDevice({
    password,
    version,
    inMeeting: v["in-meeting"] === true,
    ...(v.busy === true ? { scene: "busy" as const } : {}),
    ...(rate !== undefined ? { rateLimit: { maxRequests: Number(rate), windowMs: 1000 } } : {}),
  });
  if (v.quiet !== true)
    device.onLog((e) => {
      const arrow = {
        open: "++",
        close: "--",
        request: "->",
        response: "<-",
        event: "<~",
        state: "**",
        refused: "!!",
      }[e.kind];
      io.out(
        escapeTerminal(
          `${new Date(e.at).toISOString().slice(11, 23)} ${e.connection !== undefined ? `#${e.connection}` : "  "} ${arrow} ${e.text}`,
        ),
      );
    });
  let server: Awaited<ReturnType<typeof startRoomsServer>>;
  try {
    server = await startRoomsServer({ device, port, host, allowedOrigins });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const hint =
      code === "EADDRINUSE"
        ? ` (port ${port} is in use: pass --port 0 or another port)`
        : code === "EADDRNOTAVAIL"
          ? ` (${host} is not an address of this machine)`
          : "";
    io.err(
      escapeTerminal(
        `yiqi rooms: cannot listen on ${host}:${port}: ${(e as Error).message}${hint}`,
      ),
    );
    return 1;
  }
  say(`Emulated Tencent Meeting Rooms ${version} listening on ${server.url}`);
  say(`  password: ${password}   subprotocol: ${authProtocol(password)}`);
  say(`  in a meeting: ${device.state.meeting ? device.state.meeting.code : "no"}`);
  if (host === "127.0.0.1" || host === "localhost" || host === "::1")
    say("  loopback only: pass --host 0.0.0.0 to reach it from other machines");
  say(
    `  web pages allowed: ${allowedOrigins.includes("*") ? "any (--allow-origin *)" : allowedOrigins.join(", ")}; others get 403 (add with --allow-origin)`,
  );
  say("Connect:");
  say(`  new WebSocket("${server.url}", ["${authProtocol(password)}"])`);
  say(
    `  import { RoomsClient } from "@yiqi/rooms-rpc/node"; new RoomsClient({ url: "${server.url}", password: "${password}" })`,
  );
  say(`  yiqi rooms-check --url ${server.url} --password ${password}`);
  say('Type "help" for device commands; Ctrl-C to stop.');
  let quit: () => void = () => {};
  const quitting = new Promise<void>((r) => (quit = r));
  const input = options.input ?? stdinLines();
  const consoleDone = (async () => {
    for await (const line of input) {
      const outcome = runConsoleLine(device, line);
      for (const l of outcome.lines) say(l);
      if (outcome.quit) {
        quit();
        return;
      }
    }
  })();
  await Promise.race([io.stopped, quitting]);
  await server.close();
  say("Rooms device stopped.");
  void consoleDone;
  return 0;
}

function stdinLines(): AsyncIterable<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  // Do not keep the process alive for stdin alone.
  (process.stdin as { unref?: () => void }).unref?.();
  return rl;
}

/** `yiqi rooms`: the emulated Rooms device on port 6295. */
export const roomsCommand: Command = {
  name: "rooms",
  summary: "run an emulated Tencent Meeting Rooms device (control API on port 6295)",
  usage: ROOMS_USAGE,
  run: (argv, io) => startRooms(argv, io),
};

/** `yiqi rooms-check`: the Rooms control API contract suite against any endpoint. */
export const roomsCheckCommand: Command = {
  name: "rooms-check",
  summary: "run the Rooms control API contract suite against an endpoint",
  usage: CHECK_USAGE,
  run: async (argv, io) => {
    const parsed = parse(argv, {
      url: { type: "string" },
      password: { type: "string" },
      version: { type: "string" },
      "meeting-code": { type: "string" },
      timeout: { type: "string" },
    });
    if ("error" in parsed) return usageError(io, "rooms-check", parsed.error);
    const v = parsed.values;
    const url = (v.url as string | undefined) ?? process.env.ROOMS_URL;
    const password = (v.password as string | undefined) ?? process.env.ROOMS_PASSWORD;
    if (!url || !/^wss?:\/\//.test(url))
      return usageError(io, "rooms-check", "pass --url ws://<host>:6295 (or set ROOMS_URL)");
    if (password === undefined)
      return usageError(io, "rooms-check", "pass --password <p> (or set ROOMS_PASSWORD)");
    const version = v.version as string | undefined;
    if (version !== undefined && !isVersionString(version))
      return usageError(io, "rooms-check", `--version must look like 3.13.190, got "${version}"`);
    const timeout = v.timeout === undefined ? 5000 : Number(v.timeout);
    if (!Number.isInteger(timeout) || timeout <= 0)
      return usageError(
        io,
        "rooms-check",
        `--timeout must be a positive integer (ms), got "${v.timeout}"`,
      );
    const meetingCode = v["meeting-code"] as string | undefined;
    io.out(escapeTerminal(`Rooms control API contract against ${url}`));
    const report = await runRoomsContract({
      url,
      password,
      WebSocket,
      timeoutMs: timeout,
      ...(version !== undefined ? { roomsVersion: version } : {}),
      ...(meetingCode !== undefined ? { meetingCode } : {}),
      // `problem` quotes the endpoint's answers: a hostile device must not drive the terminal.
      onResult: (r) => io.out(escapeTerminal(formatCaseResult(r))),
    });
    io.out(report.summary);
    return report.failed === 0 ? 0 : 1;
  },
};
