/**
 * `yiqi harness`: serves the meeting harness (participants, timeline, scenarios) on one loopback
 * port, with the bundled demo app or your app behind a per-participant origin.
 */
import {
  bundledAssets,
  HarnessServerError,
  parseAppUrl,
  startHarnessServer,
} from "@yiqi/harness/node";
import { type OptionTable, parseCommandArgs, parsePort, usageError } from "../args.ts";
import type { Command, CommandIO } from "../command.ts";

const usage = `Usage: yiqi harness [--port N] [--host H] [--public-host A] [--app URL] [--participants N] [--meeting LINK]

Serves the Yiqi harness: a meeting with simulated participants, each running its own instance
of the app inside Tencent Meeting client chrome, with every call on a timeline.

Options:
  --port N           port to listen on (default 7100; 0 = any free port)
  --host H           address to listen on (default 127.0.0.1: this machine only); another
                     address (e.g. 0.0.0.0) lets phones and other machines join by link (the
                     token is required): each participant's app then gets a port of its own
  --public-host A    the address phones use to reach this machine with --host 0.0.0.0
                     (default: its first network address)
  --app URL          your app (e.g. http://localhost:5173/); default: the bundled demo
  --participants N   participants the meeting opens with (default 3; 1..128)
  --meeting LINK     show the meeting of a meeting server (its join link, as \`yiqi meeting\`
                     prints it) instead of running one in this process

The meeting runs in this process, one simulator for every view: the harness page, another
browser or a phone opening a participant's link (/p/<participant>?token=…, printed below and in
the meeting panel), and headless views joining with the printed join link. A participant's link
carries that participant's own token: it acts as that participant only. The join link carries
the meeting's token: whoever has it can act as anyone in the meeting.

Each participant sees the app at its own origin (http://p<N>.<app>.localhost:PORT), proxied to
your app's server, so their storage and cookies are separate. Tencent's SDK script URL is served
the Yiqi wemeet shim. Stop with Ctrl-C. When --app does not answer at start, a warning says so
(the harness still starts: start your dev server).

Exit: 0 stopped with Ctrl-C, 2 a usage or environment problem (bad flag, port in use).`;

/** Participants whose view links are printed at start (the meeting panel lists every one). */
const MAX_PRINTED_LINKS = 8;

/**
 * Why the app at `url` cannot be reached (its server is not running, the name does not
 * resolve, no answer in time), or `undefined` when it answers with any HTTP status.
 */
export async function probeApp(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return undefined;
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === "TimeoutError"
        ? `no answer in ${timeoutMs / 1000} s`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    return `${url} is not reachable (${why}): start your app's dev server; until it answers, participants see an error page instead of the app`;
  }
}

/** The flags of `yiqi harness` (its usage lists each). */
export const HARNESS_OPTIONS: OptionTable = {
  port: { type: "string" },
  host: { type: "string" },
  "public-host": { type: "string" },
  app: { type: "string" },
  participants: { type: "string" },
  meeting: { type: "string" },
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const parsed = parseCommandArgs("harness", argv, HARNESS_OPTIONS);
  if ("error" in parsed) return usageError(io, "harness", parsed.error);
  const values = parsed.values as {
    port?: string;
    host?: string;
    "public-host"?: string;
    app?: string;
    participants?: string;
    meeting?: string;
  };
  const port = parsePort(values.port, 7100);
  if (port === undefined) {
    return usageError(
      io,
      "harness",
      `--port must be a port number from 0 to 65535 (got ${values.port})`,
    );
  }
  const participants = values.participants === undefined ? 3 : Number(values.participants);
  if (!Number.isInteger(participants) || participants < 1 || participants > 128) {
    return usageError(
      io,
      "harness",
      `--participants must be a whole number from 1 to 128 (got ${values.participants})`,
    );
  }
  try {
    if (values.app !== undefined) parseAppUrl(values.app);
  } catch (error) {
    return usageError(io, "harness", `--app: ${(error as Error).message}`);
  }
  // Checked while the server starts; a warning, not an error: the dev server may come up later.
  const appProblem = values.app === undefined ? Promise.resolve(undefined) : probeApp(values.app);
  let server: Awaited<ReturnType<typeof startHarnessServer>>;
  try {
    server = await startHarnessServer({
      port,
      host: values.host ?? "127.0.0.1",
      app: values.app ?? "demo",
      participants,
      ...(values.meeting !== undefined ? { meeting: values.meeting } : {}),
      ...(values["public-host"] !== undefined ? { publicHost: values["public-host"] } : {}),
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
  io.out(
    values.meeting === undefined
      ? `  meeting: runs in this process; headless views join with ${server.joinLink}`
      : `  meeting: ${server.joinLink} (a meeting server; every page here is a view of it)`,
  );
  // Each link carries its participant's own token (it admits that participant only, 0037) and,
  // as the meeting panel's, `takeover=1`: the harness page holds every participant no other
  // view holds, so a plain link would first be refused (PARTICIPANT_TAKEN, 0038).
  const shown = Math.min(participants, MAX_PRINTED_LINKS);
  io.out(
    `  join from another browser or a phone (each link moves its participant there and admits it only${shown < participants ? `; all ${participants} are in the meeting panel` : ""}):`,
  );
  for (let n = 1; n <= shown; n++) io.out(`    p${n}: ${server.viewUrl(`p${n}`)}&takeover=1`);
  const host = values.host ?? "127.0.0.1";
  if (host === "127.0.0.1" || host === "localhost" || host === "::1")
    io.out("  loopback only: pass --host 0.0.0.0 to let phones on your network join by link");
  else
    io.out(
      `  listening on ${host}: anyone on the network with a link (it carries a token) can join; the harness page stays for this machine`,
    );
  const unreachable = await appProblem;
  if (unreachable) io.err(`yiqi harness: warning: ${unreachable}`);
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
