/** The shape of one `yiqi` sub-command. */
export interface Command {
  /** The word after `yiqi`, e.g. `rooms`. */
  name: string;
  /** One line for `yiqi --help`. */
  summary: string;
  /** Full usage text for `yiqi <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 failed, 2 usage/environment). */
  run(argv: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes; tests pass their own. */
export interface CommandIO {
  /** Writes one line of the command's output (stdout). */
  out(line: string): void;
  /** Writes one line of diagnostics: errors, warnings, progress (stderr). */
  err(line: string): void;
  /** Resolves when the user asks the command to stop (Ctrl-C), for long-running commands. */
  stopped: Promise<void>;
}
