/**
 * `yiqi rooms-check`: the Rooms control API contract suite against any endpoint (the emulator or
 * a real device).
 *
 * @module
 */
import { connect } from "node:net";
import { formatCaseResult, runRoomsContract } from "@yiqi/conformance";
import { isVersionString } from "@yiqi/rooms-rpc";
import { WebSocket } from "@yiqi/rooms-rpc/node";
import { type OptionTable, parseCommandArgs, usageError } from "../args.ts";
import type { Command } from "../command.ts";
import { escapeTerminal } from "../terminal.ts";

const CHECK_USAGE = `Usage: yiqi rooms-check --url <ws://host:6295> --password <p> [options]

Runs the Rooms control API contract suite against any endpoint: the emulator or a real device.
Prints one line per case and a closing "N passed, N failed".

Options:
  --url <ws://…>        endpoint (default: $ROOMS_URL)
  --password <p>        control API password (default: $ROOMS_PASSWORD)
  --version <x.y.z>     the device's Rooms version: newer actions are then expected to answer 9
  --meeting-code <c>    meeting to join for "in a meeting" cases (default 100200300)
  --timeout <ms>        per-request timeout (default 5000)
  -h, --help            this help

Cases marked [emulator decision] check behaviour the Tencent documents leave open.
Exit: 0 every case passed, 1 a case failed, 2 a usage problem or the endpoint is unreachable.`;

/** The flags of `yiqi rooms-check` (its usage lists each). */
export const ROOMS_CHECK_OPTIONS: OptionTable = {
  url: { type: "string" },
  password: { type: "string" },
  version: { type: "string" },
  "meeting-code": { type: "string" },
  timeout: { type: "string" },
};

/**
 * Why nothing can be reached at a `ws://` / `wss://` URL (a TCP connection to its host and
 * port, so that no authentication attempt is spent), or `undefined` when something listens.
 */
export function unreachable(url: string, timeoutMs: number): Promise<string | undefined> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(`${url} is not a URL`);
  }
  const port = Number(target.port || (target.protocol === "wss:" ? 443 : 80));
  const host = target.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (why: string | undefined): void => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer from ${host}:${port} in ${timeoutMs} ms`));
    socket.once("connect", () => done(undefined));
    socket.once("error", (e: NodeJS.ErrnoException) =>
      done(
        e.code === "ECONNREFUSED"
          ? `nothing listens on ${host}:${port} (is the device on? start an emulated one with \`yiqi rooms\`)`
          : e.code === "ENOTFOUND" || e.code === "EAI_AGAIN"
            ? `the host ${host} is not found`
            : `${host}:${port}: ${e.code ?? e.message}`,
      ),
    );
  });
}

/** `yiqi rooms-check`: the Rooms control API contract suite against any endpoint. */
export const roomsCheckCommand: Command = {
  name: "rooms-check",
  summary: "run the Rooms control API contract suite against an endpoint",
  usage: CHECK_USAGE,
  run: async (argv, io) => {
    const parsed = parseCommandArgs("rooms-check", argv, ROOMS_CHECK_OPTIONS);
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
    // An endpoint that is not there is an environment problem, not 50 failed cases: one line, 2.
    const why = await unreachable(url, timeout);
    if (why !== undefined) {
      io.err(escapeTerminal(`yiqi rooms-check: cannot reach ${url}: ${why}`));
      return 2;
    }
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
