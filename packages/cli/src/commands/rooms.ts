/**
 * `yiqi rooms`: run the emulated Rooms device, its console driven from stdin, a file of console
 * lines (`--commands`) or HTTP (`--control-port`).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import {
  DEFAULT_ROOMS_ALLOWED_ORIGINS,
  DEFAULT_ROOMS_PASSWORD,
  DEFAULT_ROOMS_VERSION,
  normalizeOrigins,
  RoomsDevice,
} from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import { authProtocol, isVersionString } from "@yiqi/rooms-rpc";
import { type OptionTable, parseCommandArgs, parsePort, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";
import { escapeTerminal } from "../terminal.ts";
import { ROOMS_CONSOLE_HELP, runConsoleLine } from "./roomsConsole.ts";
import { type ConsoleControl, startConsoleControl } from "./roomsControl.ts";

const ROOMS_USAGE = `Usage: yiqi rooms [options]

Starts an emulated Tencent Meeting Rooms device: the control API (JSON-RPC 2.0 over WebSocket)
on port 6295, logging every request and response. Change its state with console commands:
typed on stdin, read from a file (--commands) or sent over HTTP (--control-port).

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
  --commands <file>   run the console commands in <file> (one a line, # comments) once the
                      device listens, then read stdin; a "quit" line stops the device
  --control-port <n>  also serve the console over HTTP on 127.0.0.1:<n> (0 picks a free one):
                      POST /console (lines) and GET /state, with "Authorization: Bearer
                      <password>"; pages need an allowed origin, as for the socket
  --quiet             do not log requests and responses
  -h, --help          this help

Exit: 0 stopped (Ctrl-C or "quit"), 2 a usage or environment problem (bad flag, port in use).

${ROOMS_CONSOLE_HELP}`;

/** The flags of `yiqi rooms` (its usage lists each). */
export const ROOMS_OPTIONS: OptionTable = {
  port: { type: "string" },
  host: { type: "string" },
  password: { type: "string" },
  version: { type: "string" },
  "in-meeting": { type: "boolean" },
  busy: { type: "boolean" },
  "rate-limit": { type: "string" },
  "allow-origin": { type: "string", multiple: true },
  commands: { type: "string" },
  "control-port": { type: "string" },
  quiet: { type: "boolean" },
};

/** The console lines of a `--commands` file: blank lines and `#` comments dropped. */
export function scriptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
}

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
  const parsed = parseCommandArgs("rooms", argv, ROOMS_OPTIONS);
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
  const controlPort =
    v["control-port"] === undefined ? undefined : parsePort(v["control-port"] as string, 0);
  if (v["control-port"] !== undefined && controlPort === undefined)
    return usageError(
      io,
      "rooms",
      `--control-port must be an integer from 0 to 65535, got "${v["control-port"]}"`,
    );
  let script: string[] = [];
  const commandsFile = v.commands as string | undefined;
  if (commandsFile !== undefined) {
    try {
      script = scriptLines(readFileSync(commandsFile, "utf8"));
    } catch (e) {
      return usageError(
        io,
        "rooms",
        `--commands: cannot read ${commandsFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
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
    return 2;
  }
  let quit: () => void = () => {};
  const quitting = new Promise<void>((r) => (quit = r));
  // A line that throws reports the error and the device runs on: lines come from stdin, a file
  // and HTTP, and none of them may stop the process.
  const runLine = (line: string): { lines: string[]; quit?: boolean } => {
    let outcome: { lines: string[]; quit?: boolean };
    try {
      outcome = runConsoleLine(device, line);
    } catch (e) {
      return { lines: [`error: ${(e as Error).message}`] };
    }
    if (outcome.quit) quit();
    return outcome;
  };
  let control: ConsoleControl | undefined;
  if (controlPort !== undefined) {
    try {
      control = await startConsoleControl({
        port: controlPort,
        // The device decides, counting wrong passwords against the same lockout as its socket.
        authorize: (given, address) => {
          if (given === undefined) return { ok: false, retryAfterMs: 0 };
          const admission = device.admit({ protocols: [authProtocol(given)], address });
          return admission.auth === "ok"
            ? { ok: true }
            : { ok: false, retryAfterMs: admission.retryAfterMs };
        },
        allowedOrigins,
        run: (line) => {
          const outcome = runLine(line);
          if (line.trim()) say(`[http] > ${line.trim()}`);
          for (const l of outcome.lines) say(l);
          return outcome;
        },
        state: () => device.state,
      });
    } catch (e) {
      await server.close();
      io.err(
        escapeTerminal(
          `yiqi rooms: cannot serve the console on 127.0.0.1:${controlPort}: ${(e as Error).message}${(e as { code?: string }).code === "EADDRINUSE" ? " (in use: pass --control-port 0 or another port)" : ""}`,
        ),
      );
      return 2;
    }
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
  if (control)
    say(
      `  console over HTTP: curl -H "Authorization: Bearer ${password}" --data-binary "state" ${control.url}/console`,
    );
  say('Type "help" for device commands; Ctrl-C to stop.');
  const consoleDone = (async () => {
    for (const line of script) {
      say(`> ${line}`);
      const outcome = runLine(line);
      for (const l of outcome.lines) say(l);
      if (outcome.quit) return;
    }
    const input = options.input ?? stdinLines();
    for await (const line of input) {
      const outcome = runLine(line);
      for (const l of outcome.lines) say(l);
      if (outcome.quit) return;
    }
  })();
  await Promise.race([io.stopped, quitting]);
  await control?.close();
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
