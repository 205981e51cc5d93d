/**
 * The argument parsing every `yiqi` command shares: the `--` that `pnpm <script> -- …` passes
 * through, one-line messages for bad flags with "did you mean", and the flags a command's usage
 * text documents (decision 0010).
 *
 * @module
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import type { CommandIO } from "./command.ts";
import { didYouMean } from "./suggest.ts";
import { escapeTerminal } from "./terminal.ts";

/** A `parseArgs` option table. */
export type OptionTable = NonNullable<ParseArgsConfig["options"]>;

/** Parsed flags and positionals, or a one-line message saying what is wrong. */
export type ParsedArgs =
  | { values: Record<string, string | string[] | boolean | undefined>; positionals: string[] }
  | { error: string };

/**
 * Removes every standalone `--`. `pnpm harness -- --app URL` runs `yiqi harness -- --app URL`
 * (pnpm 10 passes the `--` on), and no `yiqi` argument can be `--` itself: a flag's value never
 * is (`parseArgs` refuses it as ambiguous) and no positional starts with a dash.
 *
 * @example
 * ```ts
 * dropSeparators(["harness", "--", "--app", "http://localhost:5173/"]);
 * // ["harness", "--app", "http://localhost:5173/"]
 * ```
 */
export function dropSeparators(argv: readonly string[]): string[] {
  return argv.filter((a) => a !== "--");
}

// An option line of a usage text: "  --port N   …", "  --url <ws://…>  …", "  -h, --help   …".
// One space then a value name means the flag takes a value; two or more spaces, a boolean.
const OPTION_LINE = /^\s+(?:-([a-zA-Z]), )?--([a-z][a-z0-9-]*)( [^\s]+)?(?:\s{2,}|$)/;

/**
 * The flags a command's usage text documents, as a `parseArgs` table (types only: a repeatable
 * flag reads as a plain string, which parses the same). `yiqi` checks every command's flags
 * against its usage before running it, so a flag works exactly when `--help` lists it.
 *
 * @example
 * ```ts
 * optionsFromUsage("Options:\n  --port N   port\n  --quiet    less");
 * // { port: { type: "string" }, quiet: { type: "boolean" } }
 * ```
 */
export function optionsFromUsage(usage: string): OptionTable {
  const table: OptionTable = {};
  for (const line of usage.split("\n")) {
    const m = OPTION_LINE.exec(line);
    if (!m?.[2]) continue;
    table[m[2]] = {
      type: m[3] === undefined ? "boolean" : "string",
      ...(m[1] ? { short: m[1] } : {}),
    };
  }
  return table;
}

const flagsOf = (options: OptionTable): string[] => Object.keys(options).map((k) => `--${k}`);

/** Turns a `parseArgs` error into one line that says what to do. */
function describeParseError(
  error: Error & { code?: string },
  name: string,
  options: OptionTable,
): string {
  const quoted = /'([^']*)'/.exec(error.message)?.[1] ?? "";
  const flag = quoted.split(" ")[0] ?? quoted;
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${flag}.${didYouMean(flag.split("=")[0] ?? flag, flagsOf(options))}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument "${quoted}": yiqi ${name} takes only options`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (/does not take an argument/.test(error.message)) return `${flag} takes no value`;
      return /ambiguous/.test(error.message)
        ? `${flag} needs a value (to pass one that starts with a dash, write ${flag}=-X)`
        : `${flag} needs a value`;
    default:
      return error.message.split("\n")[0] ?? error.message;
  }
}

/**
 * Parses a command's arguments strictly (after {@link dropSeparators}); a bad flag gives one
 * line with the nearest known flag.
 *
 * @example
 * ```ts
 * parseCommandArgs("rooms", ["--prot", "0"], { port: { type: "string" } });
 * // { error: "unknown option --prot. Did you mean --port?" }
 * ```
 */
export function parseCommandArgs(
  name: string,
  argv: readonly string[],
  options: OptionTable,
  { positionals = false }: { positionals?: boolean } = {},
): ParsedArgs {
  try {
    const parsed = parseArgs({
      args: dropSeparators(argv),
      options,
      allowPositionals: positionals,
      strict: true,
    });
    return {
      values: parsed.values as Record<string, string | string[] | boolean | undefined>,
      positionals: parsed.positionals,
    };
  } catch (error) {
    return { error: describeParseError(error as Error & { code?: string }, name, options) };
  }
}

/**
 * A TCP port flag's value: decimal digits from 0 to 65535 (0: any free port), the `fallback`
 * when the flag is absent, `undefined` when it is not a port (`""`, `1e3`, `0x50`, ` 80`, which
 * `Number` would all accept).
 *
 * @example
 * ```ts
 * parsePort("8080", 7100); // 8080
 * parsePort(undefined, 7100); // 7100
 * parsePort("", 7100); // undefined
 * ```
 */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback;
  return /^\d{1,5}$/.test(value) && Number(value) <= 65535 ? Number(value) : undefined;
}

/**
 * Prints a usage problem the way every command does (the message, then where help is) and
 * returns exit code 2.
 */
export function usageError(io: CommandIO, name: string, message: string): number {
  io.err(escapeTerminal(`yiqi ${name}: ${message}`));
  io.err(`Run \`yiqi ${name} --help\` for usage.`);
  return 2;
}
