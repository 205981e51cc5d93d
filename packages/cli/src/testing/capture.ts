import type { CommandIO } from "../command.ts";

/** A `CommandIO` that records what a command prints; `stopped` never settles unless given. */
export const capture = (
  stopped: Promise<void> = new Promise(() => {}),
): { io: CommandIO; out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIO = { out: (l) => out.push(l), err: (l) => err.push(l), stopped };
  return { io, out, err };
};

/** The first line of `out` matching `pattern`, polled every 10 ms `attempts` times; throws with what was printed. */
export const waitForLine = async (
  out: string[],
  pattern: RegExp,
  attempts = 300,
): Promise<string> => {
  for (let i = 0; i < attempts; i++) {
    const hit = out.find((l) => pattern.test(l));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no line matching ${pattern} in:\n${out.join("\n")}`);
};
