/**
 * Runs one documentation block, bounded: a timeout on everything, loopback servers only,
 * programs in a scratch directory, outputs a block writes into the repository removed after it.
 *
 * @module
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RoomsDevice } from "@yiqi/mock-host";
import { startRoomsServer } from "@yiqi/mock-host/node";
import type { DocBlock } from "./extract.ts";

/** The repository root. */
export const ROOT: string = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");
const HERE = new URL("./", import.meta.url).pathname;
/** Where program blocks are written: inside this package, so `@yiqi/*` imports resolve. */
const RUN_DIR = join(HERE, ".run");

/** How long a block may take. A block that runs longer fails: docs promise what ends, ends. */
export const TIMEOUT_MS = { shell: 600_000, serve: 120_000, program: 120_000 } as const;

/** The outcome of a block. */
export interface BlockResult {
  readonly ok: boolean;
  /** What went wrong and the block's output (cut), for the failure message. */
  readonly detail: string;
}

/**
 * What CI already ran before the tests (`bash scripts/setup.sh`) is not run again: a command
 * line `bash scripts/setup.sh && X` runs `X`.
 */
export const withoutSetup = (code: string): string =>
  code.replace(/bash scripts\/setup\.sh\s*&&\s*/g, "");

const tail = (text: string, max = 4000): string =>
  text.length > max ? `…${text.slice(text.length - max)}` : text;

/** A bin directory with `yiqi` (the workspace's CLI), prepended to PATH for shell blocks. */
const shimDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "yiqi-docs-bin-"));
  const yiqi = join(dir, "yiqi");
  writeFileSync(yiqi, `#!/bin/sh\nexec node "${ROOT}/packages/cli/bin/yiqi.js" "$@"\n`);
  chmodSync(yiqi, 0o755);
  return dir;
};

interface Started {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
}

const start = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Started => {
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  child.stdout?.on("data", (c: Buffer) => {
    out = tail(out + c.toString(), 20_000);
  });
  child.stderr?.on("data", (c: Buffer) => {
    out = tail(out + c.toString(), 20_000);
  });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
};

/** Stops a process group: TERM, then KILL after 10 s. */
const stop = async (s: Started): Promise<void> => {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  const pid = s.child.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const killed = setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // Gone.
    }
  }, 10_000);
  await s.exited;
  clearTimeout(killed);
};

/** Runs to the end within `ms`; a process still running then is killed and fails. */
const runToEnd = async (s: Started, ms: number): Promise<BlockResult> => {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stop(s);
  }, ms);
  s.child.stdin?.end();
  const { code, signal } = await s.exited;
  clearTimeout(timer);
  if (timedOut)
    return {
      ok: false,
      detail: `did not finish within ${ms / 1000} s (it must exit by itself: close what it opens)\n${tail(s.output())}`,
    };
  return { ok: code === 0, detail: `exit ${code ?? signal}\n${tail(s.output())}` };
};

/** Whether `url` answers: any HTTP status, or a TCP connect for ws:// and wss://. */
const answers = async (url: string): Promise<boolean> => {
  const u = new URL(url);
  if (u.protocol === "ws:" || u.protocol === "wss:")
    return new Promise((resolve) => {
      const socket = connect(Number(u.port || 80), u.hostname, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
      socket.setTimeout(2000, () => {
        socket.destroy();
        resolve(false);
      });
    });
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
};

/** Removes what a block created at the top of the repository (only names its code mentions). */
const cleanOutputs = (before: Set<string>, code: string): void => {
  for (const name of readdirSync(ROOT))
    if (
      !before.has(name) &&
      new RegExp(
        `(^|[\\s/"'=])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([\\s/"']|$)`,
        "m",
      ).test(code)
    )
      rmSync(join(ROOT, name), { recursive: true, force: true });
};

const PROGRAM: Record<
  "node" | "deno" | "python",
  { ext: string; argv: (file: string, flags: string) => [string, string[]] }
> = {
  node: { ext: "ts", argv: (f) => [process.execPath, ["--import", import.meta.resolve("tsx"), f]] },
  deno: {
    ext: "ts",
    argv: (f, flags) => [
      join(HERE, "node_modules", ".bin", "deno"),
      [
        "run",
        "--no-prompt",
        "--config",
        join(ROOT, "deno.json"),
        ...flags.split(/\s+/).filter(Boolean),
        f,
      ],
    ],
  },
  python: { ext: "py", argv: (f) => ["python3", [f]] },
};

/** Runs one block (not `skip` / `none`). */
export async function runBlock(block: DocBlock): Promise<BlockResult> {
  const scratch = mkdtempSync(join(tmpdir(), "yiqi-docs-"));
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: scratch, NO_COLOR: "1", CI: "1" };
  let rooms: Awaited<ReturnType<typeof startRoomsServer>> | undefined;
  const before = new Set(readdirSync(ROOT));
  try {
    if (block.needsRooms) {
      rooms = await startRoomsServer({
        device: new RoomsDevice({ password: "123456", scene: "busy" }),
        port: 0,
      });
      env.ROOMS_URL = rooms.url;
      env.ROOMS_PASSWORD = "123456";
    }
    if (block.kind === "shell" || block.kind === "serve") {
      env.PATH = `${shimDir()}:${env.PATH ?? ""}`;
      const s = start("bash", ["-eo", "pipefail", "-c", withoutSetup(block.code)], ROOT, env);
      if (block.kind === "shell") return await runToEnd(s, TIMEOUT_MS.shell);
      const deadline = Date.now() + TIMEOUT_MS.serve;
      while (Date.now() < deadline && s.child.exitCode === null) {
        if (await answers(block.arg)) {
          // The answer must be this block's: another process on that port does not count.
          await new Promise((r) => setTimeout(r, 500));
          const running = s.child.exitCode === null && s.child.signalCode === null;
          await stop(s);
          return running
            ? { ok: true, detail: `answered at ${block.arg}` }
            : {
                ok: false,
                detail: `something answered at ${block.arg}, but the block exited\n${tail(s.output())}`,
              };
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      await stop(s);
      return { ok: false, detail: `never answered at ${block.arg}\n${tail(s.output())}` };
    }
    if (block.kind === "node" || block.kind === "deno" || block.kind === "python") {
      const p = PROGRAM[block.kind];
      mkdirSync(RUN_DIR, { recursive: true });
      const file = join(RUN_DIR, `${block.file.replace(/[^\w]+/g, "_")}_${block.line}.${p.ext}`);
      writeFileSync(file, block.code);
      try {
        const [cmd, args] = p.argv(file, block.arg);
        return await runToEnd(start(cmd, args, scratch, env), TIMEOUT_MS.program);
      } finally {
        rmSync(file, { force: true });
      }
    }
    return { ok: false, detail: `a ${block.kind} block does not run` };
  } finally {
    await rooms?.close();
    cleanOutputs(before, block.code);
    if (existsSync(scratch)) rmSync(scratch, { recursive: true, force: true });
  }
}
