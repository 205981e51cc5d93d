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
