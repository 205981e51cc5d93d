import { dropSeparators, optionsFromUsage, parseCommandArgs, usageError } from "./args.ts";
import type { Command, CommandIO } from "./command.ts";
import { commands } from "./commands/index.ts";
import { didYouMean } from "./suggest.ts";
import { escapeTerminal } from "./terminal.ts";
import { cliVersion } from "./version.ts";

const help = (): string =>
  [
    "yiqi: a local Tencent Meeting for app developers",
    "",
    "Usage: yiqi <command> [options]",
    "",
    "Commands:",
    ...commands.map((c: Command) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "Run `yiqi <command> --help` for a command's options; `yiqi --version` for the version.",
    "Exit codes, every command: 0 success, 1 a check or verdict failed, 2 a usage or environment",
    "problem (bad flag, port in use, endpoint unreachable).",
  ].join("\n");

/** Default IO: stdout/stderr, stopped on SIGINT/SIGTERM. */
export function processIO(): CommandIO {
  const stopped = new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    stopped,
  };
}

/**
 * Runs `yiqi` with the given arguments and resolves to the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await main(["rooms", "--port", "6295"]);
 * ```
 */
export async function main(argv: string[], io: CommandIO = processIO()): Promise<number> {
  // `pnpm <script> -- …` passes the `--` on: drop it wherever it is (decision 0010).
  const [name, ...rest] = dropSeparators(argv);
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    io.out(cliVersion());
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const names = commands.map((c) => c.name);
    const what = name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`;
    const hint = name.startsWith("-")
      ? didYouMean(name, ["--help", "--version"])
      : didYouMean(name, names);
    io.err(escapeTerminal(`yiqi: ${what}.${hint} Commands: ${names.join(", ")}.`));
    io.err("Run `yiqi --help` for usage.");
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  // Every command's flags are checked against the ones its usage documents, with the nearest
  // flag suggested, before it runs: the same messages and exit code 2 for every command.
  const checked = parseCommandArgs(command.name, rest, optionsFromUsage(command.usage), {
    positionals: true,
  });
  if ("error" in checked) return usageError(io, command.name, checked.error);
  return command.run(rest, io);
}
