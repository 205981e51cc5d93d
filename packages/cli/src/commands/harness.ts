/**
 * `yiqi harness`: serves the meeting harness (participants, timeline, scenarios) on one loopback
 * port, with the bundled demo app or your app behind a per-participant origin.
 */
import { parseArgs } from "node:util";
import {
  bundledAssets,
  HarnessServerError,
  parseAppUrl,
  startHarnessServer,
} from "@yiqi/harness/node";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi harness [--port N] [--host H] [--app URL] [--participants N]

Serves the Yiqi harness: a meeting with simulated participants, each running its own instance
of the app inside Tencent Meeting client chrome, with every call on a timeline.

Options:
  --port N           port to listen on (default 7100; 0 = any free port)
  --host H           address to listen on (default 127.0.0.1: this machine only)
  --app URL          your app (e.g. http://localhost:5173/); default: the bundled demo
  --participants N   participants the meeting opens with (default 3; 1..32)

Each participant sees the app at its own origin (http://p<N>.<app>.localhost:PORT), proxied to
your app's server, so their storage and cookies are separate. Tencent's SDK script URL is served
the Yiqi wemeet shim. Stop with Ctrl-C.`;

async function run(argv: string[], io: CommandIO): Promise<number> {
  let values: { port?: string; host?: string; app?: string; participants?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        app: { type: "string" },
        participants: { type: "string" },
      },
      strict: true,
    }));
  } catch (error) {
    io.err(`yiqi harness: ${(error as Error).message}`);
    io.err(usage);
    return 2;
  }
  const port = values.port === undefined ? 7100 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`yiqi harness: --port must be a port number from 0 to 65535 (got ${values.port})`);
    return 2;
  }
  const participants = values.participants === undefined ? 3 : Number(values.participants);
  if (!Number.isInteger(participants) || participants < 1 || participants > 32) {
    io.err(
      `yiqi harness: --participants must be a whole number from 1 to 32 (got ${values.participants})`,
    );
    return 2;
  }
  try {
    if (values.app !== undefined) parseAppUrl(values.app);
  } catch (error) {
    io.err(`yiqi harness: ${(error as Error).message}`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startHarnessServer>>;
  try {
    server = await startHarnessServer({
      port,
      host: values.host ?? "127.0.0.1",
      app: values.app ?? "demo",
      participants,
      ...bundledAssets(),
      log: (line) => io.out(`  ${line}`),
    });
  } catch (error) {
    io.err(`yiqi harness: ${error instanceof HarnessServerError ? error.message : String(error)}`);
    return 2;
  }
  const query = new URLSearchParams({ participants: String(participants) });
  if (values.app) query.set("app", values.app);
  io.out(`Yiqi harness: ${server.url}?${query}`);
  io.out(
    `  app: ${values.app ?? "the bundled demo (Pixel Party)"}; participant N sees it at ${server.appOrigin(1, values.app ? server.registerApp(values.app) : "demo").replace("//p1.", "//p<N>.")}`,
  );
  io.out("  Ctrl-C to stop.");
  await io.stopped;
  await server.close();
  io.out("Yiqi harness stopped.");
  return 0;
}

/** The `harness` command. */
export const harness: Command = {
  name: "harness",
  summary: "serve the meeting harness (participants, timeline, scenarios) for the demo or your app",
  usage,
  run,
};
