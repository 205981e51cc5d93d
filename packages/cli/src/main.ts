import type { Command, CommandIO } from "./command.ts";
import { commands } from "./commands/index.ts";

const help = (): string =>
  [
    "yiqi: a local Tencent Meeting for app developers",
    "",
    "Usage: yiqi <command> [options]",
    "",
    "Commands:",
    ...commands.map((c: Command) => `  ${c.name.padEnd(10)} ${c.summary}`),
    "",
    "Run `yiqi <command> --help` for a command's options.",
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
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(
      `yiqi: unknown command "${name}". Known commands: ${commands.map((c) => c.name).join(", ")}.`,
    );
    io.err("Run `yiqi --help` for usage.");
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return 0;
  }
  return command.run(rest, io);
}
