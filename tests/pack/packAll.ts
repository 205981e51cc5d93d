/**
 * What the packed-artifact suites share (tarballs.test.ts, installed.test.ts): the published
 * packages packed with `pnpm pack` (which rewrites `workspace:` ranges to real versions) and
 * extracted into a temporary directory of this test process, and commands run as a user's shell
 * runs them, each bounded, with a watchdog over the whole file.
 *
 * @module
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const published = [
  "bridge",
  "jsapi",
  "mock-host",
  "rooms-rpc",
  "harness",
  "conformance",
  "cli",
];

export const work = mkdtempSync(join(tmpdir(), "yiqi-pack-"));
export const tarballs = join(work, "tarballs");
export const extracted = join(work, "extracted");
export const project = join(work, "project");

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

export interface Packed {
  /** The manifest in the workspace. */
  source: Manifest;
  tarball: string;
  /** Paths in the tarball, without the leading `package/`. */
  files: Set<string>;
  /** Mode strings (`-rwxr-xr-x`) by path. */
  modes: Map<string, string>;
  /** The manifest as packed. */
  manifest: Manifest;
  /** Where the tarball was extracted. */
  unpacked: string;
}

export const packed = new Map<string, Packed>();
const live = new Set<ChildProcess>();

/**
 * The whole file is bounded: every command has its own timeout, and this watchdog ends the run
 * (children, temp dir and all) should the sum of them approach the budget.
 */
const budgetMs = 270_000;
const watchdog = setTimeout(() => {
  console.error(`tests/pack: still running after ${budgetMs / 1000} s; stopping`);
  for (const child of live) killGroup(child);
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}, budgetMs);
watchdog.unref();

export const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/**
 * The environment of a user's shell: without what `pnpm run` adds for its scripts (its config as
 * npm_config_*, which npm would read as its own, and this workspace's node_modules/.bin on PATH,
 * which holds a `yiqi` of its own).
 */
export function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_)/.test(key) || key === "INIT_CWD") continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(delimiter)
    .filter((p) => p !== "" && !p.startsWith(root) && !/node_modules[\\/]\.bin$/.test(p))
    .join(delimiter);
  return env;
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  out: string;
  timedOut: boolean;
}

/** Kills a child and everything it started (it leads its own process group). */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Starts `command` in its own process group (so a timeout also ends npx's node and Chromium). */
export function start(command: string, args: string[], cwd: string): ChildProcess {
  const child = spawn(command, args, {
    cwd,
    env: userEnv(),
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
  });
  live.add(child);
  child.on("exit", () => live.delete(child));
  return child;
}

/** Runs a command to completion, killed (with everything it started) after `timeoutMs`. */
export function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = start(command, args, cwd);
    child.stdin?.end();
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child);
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      const out = `$ ${command} ${args.join(" ")}${timedOut ? ` (killed after ${timeoutMs} ms)` : ""}\n${stdout}${stderr}`;
      resolvePromise({ status, stdout, stderr, out, timedOut });
    });
  });
}

/** `npx --no -- yiqi …` in the project: `--no` so npx never installs a package from a registry. */
export const yiqi = (args: string[], timeoutMs: number): Promise<RunResult> =>
  run("npx", ["--no", "--", "yiqi", ...args], project, timeoutMs);

/** The string targets of an exports entry, for every condition (null: not for that runtime). */
export function targets(entry: unknown): string[] {
  if (typeof entry === "string") return [entry];
  if (entry === null || typeof entry !== "object") return [];
  return Object.values(entry).flatMap(targets);
}

export const strip = (p: string): string => p.replace(/^\.\//, "");

/** Packs every published package into {@link tarballs}, extracted, into {@link packed}. */
export async function packAll(): Promise<void> {
  mkdirSync(tarballs);
  mkdirSync(extracted);
  for (const name of published) {
    const dir = join(root, "packages", name);
    const source = readJson<Manifest>(join(dir, "package.json"));
    const existing = new Set(readdirSync(tarballs));
    const r = await run("pnpm", ["pack", "--pack-destination", tarballs], dir, 30_000);
    assert.equal(r.status, 0, r.out);
    const made = readdirSync(tarballs).filter((f) => !existing.has(f));
    const [file, ...more] = made;
    assert.ok(file !== undefined && more.length === 0, `packages/${name}: one tarball: ${made}`);
    const tarball = join(tarballs, file);
    // The paths as `tar -tzf` lists them; `tar -tvzf` adds their modes (is the bin executable?).
    const files = new Set(
      execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map((p) => p.replace(/^package\//, "")),
    );
    const modes = new Map<string, string>();
    for (const line of execFileSync("tar", ["-tvzf", tarball], { encoding: "utf8" }).split("\n")) {
      const at = line.indexOf(" package/");
      if (at >= 0) modes.set(line.slice(at + " package/".length), line.split(/\s+/, 1)[0] ?? "");
    }
    const unpacked = join(extracted, name);
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked, "--strip-components=1"]);
    const manifest = readJson<Manifest>(join(unpacked, "package.json"));
    packed.set(name, { source, tarball, files, modes, manifest, unpacked });
  }
}

/** Ends what is still running and removes the temporary directory. */
export function cleanUp(): void {
  for (const child of live) killGroup(child);
  rmSync(work, { recursive: true, force: true });
}
