/**
 * `yiqi meeting`: runs one meeting server (decision 0031): the simulator in this process, views
 * (headless workers, Playwright workers) connecting over WebSocket with the printed join link.
 */
import { MeetingServerError } from "@yiqi/mock-host";
import { startMeetingServer } from "@yiqi/mock-host/node";
import { type OptionTable, parseCommandArgs, parsePort, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi meeting [--port N] [--host H] [--allow-origin O]...

Runs a Yiqi meeting server: one simulated Tencent Meeting that views in other processes, pages
and machines join over WebSocket, each bringing participants with their app instances.
Prints the join link (ws://…/meeting?token=…); whoever has it can act in the meeting.

Options:
  --port N            port to listen on (default 7300; 0 = any free port)
  --host H            address to listen on (default 127.0.0.1: this machine only); another
                      address exposes the meeting beyond this machine, still only to holders of
                      the token
  --allow-origin O    let web pages from origin O (e.g. http://localhost:5173) connect; views
                      outside a browser send no Origin and need only the token

Environment:
  YIQI_MEETING_TOKEN  the token to use (at least 22 characters); default: 128 random bits

Exit: 0 stopped with Ctrl-C, 2 a usage or environment problem (bad flag, port in use).`;

/** The flags of `yiqi meeting` (its usage lists each). */
export const MEETING_OPTIONS: OptionTable = {
  port: { type: "string" },
  host: { type: "string" },
  "allow-origin": { type: "string", multiple: true },
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs("meeting", argv, MEETING_OPTIONS);
  if ("error" in parsed) return usageError(io, "meeting", parsed.error);
  const values = parsed.values as { port?: string; host?: string; "allow-origin"?: string[] };
  const port = parsePort(values.port, 7300);
  if (port === undefined)
    return usageError(
      io,
      "meeting",
      `--port must be a port number from 0 to 65535 (got ${values.port})`,
    );
  const host = values.host ?? "127.0.0.1";
  const token = process.env.YIQI_MEETING_TOKEN || undefined;
  let server: Awaited<ReturnType<typeof startMeetingServer>>;
  try {
    server = await startMeetingServer({
      port,
      host,
      ...(token ? { token } : {}),
      ...(values["allow-origin"] ? { allowedOrigins: values["allow-origin"] } : {}),
    });
  } catch (error) {
    const message =
      error instanceof MeetingServerError
        ? `${error.code}: ${error.message}`
        : `cannot listen on ${host}:${port}: ${(error as Error).message}`;
    io.err(`yiqi meeting: ${message}`);
    return 2;
  }
  io.out(`Yiqi meeting: ${server.url}`);
  io.out(`  meeting ${server.meeting.id}; participant p1 (host) is free to claim`);
  if (LOOPBACK.has(host)) io.out("  loopback only: pass --host 0.0.0.0 to let other machines join");
  else io.out(`  listening on ${host}: anyone with the link (it carries the token) can join`);
  io.out("  Ctrl-C to stop.");
  await io.stopped;
  await server.close();
  io.out("Yiqi meeting stopped.");
  return 0;
}

/** The `meeting` command. */
export const meetingCommand: Command = {
  name: "meeting",
  summary: "run a meeting server that views in other processes and machines join",
  usage,
  run,
};
