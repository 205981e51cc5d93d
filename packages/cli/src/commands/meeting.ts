/**
 * `yiqi meeting`: runs one meeting server (decision 0031): the simulator in this process, views
 * (headless workers, Playwright workers) connecting over WebSocket with the printed join link.
 */
import { bundledAssets, HarnessServerError, startHarnessServer } from "@yiqi/harness/node";
import { RoleType } from "@yiqi/jsapi";
import { createMeeting, MeetingServerError } from "@yiqi/mock-host";
import { startMeetingServer } from "@yiqi/mock-host/node";
import { type OptionTable, parseCommandArgs, parsePort, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi meeting [--port N] [--host H] [--allow-origin O]... [--participants N] [--pages PORT]

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
  --participants N    participants the meeting starts with: p1 the host, the others attendees
                      (default 1; 1..128)
  --pages PORT        also serve each participant's page (phone-sized, the bundled demo app) on
                      this machine at http://127.0.0.1:PORT/p/<participant>?token=…, and print
                      one link per participant (0 = any free port)

Environment:
  YIQI_MEETING_TOKEN  the token to use (at least 22 characters); default: 128 random bits

Exit: 0 stopped with Ctrl-C, 2 a usage or environment problem (bad flag, port in use).`;

/** The flags of `yiqi meeting` (its usage lists each). */
export const MEETING_OPTIONS: OptionTable = {
  port: { type: "string" },
  host: { type: "string" },
  "allow-origin": { type: "string", multiple: true },
  participants: { type: "string" },
  pages: { type: "string" },
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1"]);

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs("meeting", argv, MEETING_OPTIONS);
  if ("error" in parsed) return usageError(io, "meeting", parsed.error);
  const values = parsed.values as {
    port?: string;
    host?: string;
    "allow-origin"?: string[];
    participants?: string;
    pages?: string;
  };
  const port = parsePort(values.port, 7300);
  if (port === undefined)
    return usageError(
      io,
      "meeting",
      `--port must be a port number from 0 to 65535 (got ${values.port})`,
    );
  const count = values.participants === undefined ? 1 : Number(values.participants);
  if (!Number.isInteger(count) || count < 1 || count > 128)
    return usageError(
      io,
      "meeting",
      `--participants must be a whole number from 1 to 128 (got ${values.participants})`,
    );
  const pagesPort = values.pages === undefined ? undefined : parsePort(values.pages, 0);
  if (values.pages !== undefined && pagesPort === undefined)
    return usageError(
      io,
      "meeting",
      `--pages must be a port number from 0 to 65535 (got ${values.pages})`,
    );
  const host = values.host ?? "127.0.0.1";
  const token = process.env.YIQI_MEETING_TOKEN || undefined;
  let server: Awaited<ReturnType<typeof startMeetingServer>>;
  try {
    server = await startMeetingServer({
      port,
      host,
      ...(token ? { token } : {}),
      meeting: createMeeting({
        participants: Array.from({ length: count }, (_, i) =>
          i === 0
            ? { nickname: "Host", role: RoleType.HOST }
            : { nickname: `Guest ${i + 1}`, role: RoleType.ATTENDEE },
        ),
      }),
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
  const ids = server.meeting.participants().map((p) => p.id);
  io.out(`  meeting ${server.meeting.id}; free to claim: ${ids.join(", ")} (p1 the host)`);
  let pages: Awaited<ReturnType<typeof startHarnessServer>> | undefined;
  if (pagesPort !== undefined) {
    try {
      pages = await startHarnessServer({
        port: pagesPort,
        ...bundledAssets(),
        meeting: server.url,
        log: (line) => io.out(`  ${line}`),
      });
    } catch (error) {
      await server.close();
      io.err(
        `yiqi meeting: --pages: ${error instanceof HarnessServerError ? error.message : String(error)}`,
      );
      return 2;
    }
    io.out(
      "  participants' pages (open one per browser or phone on this machine; each admits its participant only):",
    );
    for (const id of ids) io.out(`    ${id}: ${pages.viewUrl(id)}`);
  }
  if (LOOPBACK.has(host)) io.out("  loopback only: pass --host 0.0.0.0 to let other machines join");
  else io.out(`  listening on ${host}: anyone with the link (it carries the token) can join`);
  io.out("  Ctrl-C to stop.");
  await io.stopped;
  await pages?.close();
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
