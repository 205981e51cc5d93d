/**
 * The published packages as a user gets them: each one packed with `pnpm pack` (which rewrites
 * `workspace:` ranges to real versions), the tarballs checked for what they must and must not
 * contain, then installed together with npm into an empty project outside the repository, where
 * the `yiqi` command is run through `npx`: help, certify of the bundled demo (reports written), a
 * port browsers refuse (exit 2 and what to do), the headless demo and the Rooms emulator checked
 * by rooms-check, and the certify step of the documented GitHub Actions workflow, as written.
 */
import assert from "node:assert/strict";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import { builtinModules } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const published = ["bridge", "jsapi", "mock-host", "rooms-rpc", "harness", "conformance", "cli"];

const work = mkdtempSync(join(tmpdir(), "yiqi-pack-"));
const tarballs = join(work, "tarballs");
const extracted = join(work, "extracted");
const project = join(work, "project");

interface Manifest {
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

interface Packed {
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

const packed = new Map<string, Packed>();
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

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/**
 * The environment of a user's shell: without what `pnpm run` adds for its scripts (its config as
 * npm_config_*, which npm would read as its own, and this workspace's node_modules/.bin on PATH,
 * which holds a `yiqi` of its own).
 */
function userEnv(): NodeJS.ProcessEnv {
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

interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  out: string;
  timedOut: boolean;
}

/** Kills a child and everything it started (it leads its own process group). */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Starts `command` in its own process group (so a timeout also ends npx's node and Chromium). */
function start(command: string, args: string[], cwd: string): ChildProcess {
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
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<RunResult> {
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
const yiqi = (args: string[], timeoutMs: number): Promise<RunResult> =>
  run("npx", ["--no", "--", "yiqi", ...args], project, timeoutMs);

/** The string targets of an exports entry, for every condition (null: not for that runtime). */
function targets(entry: unknown): string[] {
  if (typeof entry === "string") return [entry];
  if (entry === null || typeof entry !== "object") return [];
  return Object.values(entry).flatMap(targets);
}

const strip = (p: string): string => p.replace(/^\.\//, "");

before(async () => {
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
});

after(() => {
  for (const child of live) killGroup(child);
  rmSync(work, { recursive: true, force: true });
});

describe("each packed tarball", () => {
  for (const name of published) {
    describe(`@yiqi/${name}`, () => {
      const p = (): Packed => packed.get(name)!;

      test("has package.json, README.md, dist/ and the sources its source maps point to", () => {
        const { files } = p();
        assert.ok(files.has("package.json"), "package.json");
        assert.ok(files.has("README.md"), "README.md");
        assert.ok(files.has("LICENSE"), "LICENSE");
        assert.ok(
          [...files].some((f) => f.startsWith("dist/") && f.endsWith(".js")),
          "dist/ with JavaScript",
        );
        assert.ok(
          [...files].some((f) => f.startsWith("dist/") && f.endsWith(".d.ts")),
          "dist/ with declarations",
        );
        const { unpacked } = p();
        for (const map of [...files].filter((f) => f.endsWith(".map"))) {
          const { sources, sourcesContent } = readJson<{
            sources: string[];
            sourcesContent?: (string | null)[];
          }>(join(unpacked, map));
          sources.forEach((source, i) => {
            const target = relative(unpacked, resolve(unpacked, dirname(map), source));
            assert.ok(
              files.has(target) || typeof sourcesContent?.[i] === "string",
              `${map} points to ${source}, which is neither in the tarball nor inlined`,
            );
          });
        }
      });

      test("has nothing it should not: tests, test helpers, build and workspace files", () => {
        const unwanted = [...p().files].filter(
          (f) =>
            /\.test\.[cm]?[jt]sx?(\.map)?$/.test(f) ||
            /(^|\/)(testing|__tests__|__fixtures__|node_modules|\.turbo)\//.test(f) ||
            /(^|\/)tsconfig[^/]*\.json$/.test(f) ||
            /\.tsbuildinfo$/.test(f) ||
            /^(jsr|deno)\.json$|^deno\.lock$/.test(f) ||
            /^(scripts|coverage|test-results)\//.test(f),
        );
        assert.deepEqual(unwanted, []);
      });

      test("every exports target and bin is in the tarball; bins are executable", () => {
        const { files, modes, manifest } = p();
        const exported = Object.values(manifest.exports ?? {})
          .flatMap(targets)
          .map(strip);
        assert.ok(exported.length > 0, "exports");
        for (const target of exported) assert.ok(files.has(target), `exports target ${target}`);
        for (const [bin, target] of Object.entries(manifest.bin ?? {})) {
          assert.ok(files.has(strip(target)), `bin ${bin}: ${target}`);
          assert.match(modes.get(strip(target)) ?? "", /^-rwx/, `bin ${bin} is executable`);
          const text = readFileSync(join(p().unpacked, target), "utf8");
          assert.match(text, /^#!\/usr\/bin\/env node\n/, `bin ${bin} has a node shebang`);
        }
      });

      test("its manifest: public, real versions instead of workspace: ranges", () => {
        const { manifest, source } = p();
        assert.equal(manifest.name, `@yiqi/${name}`);
        assert.equal(manifest.version, source.version);
        assert.notEqual(manifest.private, true);
        assert.doesNotMatch(JSON.stringify(manifest), /workspace:/);
        for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
          if (!dep.startsWith("@yiqi/")) continue;
          const sibling = readJson<Manifest>(
            join(root, "packages", dep.slice("@yiqi/".length), "package.json"),
          );
          assert.equal(range, `^${sibling.version}`, `${dep} range`);
        }
      });

      test("its code imports only its dependencies, peers, itself and Node built-ins", () => {
        const { files, unpacked, manifest } = p();
        const allowed = new Set([
          manifest.name,
          ...Object.keys(manifest.dependencies ?? {}),
          ...Object.keys(manifest.peerDependencies ?? {}),
          ...Object.keys(manifest.optionalDependencies ?? {}),
        ]);
        const missing = new Set<string>();
        for (const file of [...files].filter((f) => /^(dist|bin)\/.*\.[cm]?js$/.test(f))) {
          const code = readFileSync(join(unpacked, file), "utf8")
            .replace(/\/\*[\s\S]*?\*\//g, "")
            .replace(/^\s*\/\/.*$/gm, "");
          const specifiers = code.matchAll(
            /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"'\s]+)["']/gm,
          );
          for (const [, specifier = ""] of specifiers) {
            if (specifier.startsWith(".") || specifier.startsWith("node:")) continue;
            if (builtinModules.includes(specifier)) continue;
            const pkg = specifier
              .split("/")
              .slice(0, specifier.startsWith("@") ? 2 : 1)
              .join("/");
            if (!allowed.has(pkg)) missing.add(`${file} imports ${specifier}`);
          }
        }
        assert.deepEqual([...missing], [], "imported but not a dependency of the package");
      });
    });
  }

  test("@yiqi/harness ships the page and the demo app with every file their index.html loads", () => {
    const { files, unpacked } = packed.get("harness")!;
    for (const app of ["page", "demo"]) {
      const index = `dist/${app}/index.html`;
      assert.ok(files.has(index), index);
      const html = readFileSync(join(unpacked, index), "utf8");
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)]
        .map(([, ref = ""]) => ref)
        .filter((ref) => !/^(data:|#|[a-z]+:\/\/)/.test(ref));
      assert.ok(refs.length > 0, `${index} loads its scripts`);
      for (const ref of refs) {
        const target = relative(unpacked, resolve(unpacked, dirname(index), ref));
        assert.ok(files.has(target), `${index} loads ${ref}, not in the tarball`);
      }
    }
  });
});

describe("installed with npm into an empty project", () => {
  before(
    async () => {
      mkdirSync(project);
      writeFileSync(
        join(project, "package.json"),
        `${JSON.stringify({ name: "yiqi-pack-check", private: true, type: "module" }, null, 2)}\n`,
      );
      // All seven in one install: npm then takes @yiqi/* dependencies from these tarballs.
      const all = [...packed.values()].map((p) => p.tarball);
      const r = await run("npm", ["install", "--no-audit", "--no-fund", ...all], project, 150_000);
      assert.equal(r.status, 0, r.out);
    },
    { timeout: 160_000 },
  );

  test("every @yiqi package came from the tarballs, none from a registry", () => {
    const lock = readJson<{ packages: Record<string, { resolved?: string }> }>(
      join(project, "package-lock.json"),
    );
    const yiqiEntries = Object.entries(lock.packages).filter(([path]) =>
      /(^|\/)node_modules\/@yiqi\//.test(path),
    );
    assert.deepEqual(
      yiqiEntries.map(([path]) => path).sort(),
      published.map((n) => `node_modules/@yiqi/${n}`).sort(),
      "each package once, at the top level",
    );
    for (const [path, entry] of yiqiEntries) {
      assert.match(entry.resolved ?? "", /^file:.*\.tgz$/, `${path} resolved from a tarball`);
    }
    assert.ok(existsSync(join(project, "node_modules/.bin/yiqi")), "node_modules/.bin/yiqi");
  });

  test("every exported entry point imports under Node", async () => {
    // Plain-string targets are files (the SDK shim script); object entries with `types` are
    // modules. Entries that need an optional peer (e.g. @playwright/test) may fail only on it.
    const entries: { specifier: string; optionalPeers: string[] }[] = [];
    for (const { manifest } of packed.values()) {
      const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([peer]) => peer);
      for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
        if (typeof entry !== "object" || entry === null) continue;
        const conditions = entry as Record<string, unknown>;
        if (!conditions.types || conditions.node === null || !conditions.default) continue;
        entries.push({ specifier: manifest.name + subpath.slice(1), optionalPeers });
      }
    }
    assert.ok(entries.length >= published.length);
    const script = `
      const results = [];
      for (const { specifier, optionalPeers } of ${JSON.stringify(entries)}) {
        try {
          const m = await import(specifier);
          results.push({ specifier, ok: Object.keys(m).length > 0 });
        } catch (e) {
          const peer = optionalPeers.find((p) => e.code === "ERR_MODULE_NOT_FOUND" && e.message.includes("'" + p + "'"));
          results.push({ specifier, ok: false, peer, error: String(e.message).split("\\n")[0] });
        }
      }
      console.log(JSON.stringify(results));`;
    const r = await run(process.execPath, ["--input-type=module", "-e", script], project, 60_000);
    assert.equal(r.status, 0, r.out);
    const results = JSON.parse(r.stdout) as {
      specifier: string;
      ok: boolean;
      peer?: string;
      error?: string;
    }[];
    const broken = results.filter((x) => !x.ok && !x.peer);
    assert.deepEqual(broken, [], "entry points that do not import");
  });

  test("npx yiqi --help lists the commands", async () => {
    const r = await yiqi(["--help"], 30_000);
    assert.equal(r.status, 0, r.out);
    for (const command of ["harness", "demo", "certify", "rooms", "rooms-check"]) {
      assert.match(r.stdout, new RegExp(`^\\s+${command}\\s`, "m"), `lists ${command}`);
    }
  });

  test("npx yiqi certify certifies the bundled demo and writes self-contained reports", async () => {
    const report = join(work, "report");
    const r = await yiqi(["certify", "demo", "--report", report], 90_000);
    assert.equal(r.status, 0, r.out);
    assert.match(r.stdout, /CERTIFIED/);
    const json = readJson<{
      verdict: { certified: boolean };
      results: { id: string; grade: string }[];
    }>(join(report, "report.json"));
    assert.equal(json.verdict.certified, true, r.out);
    assert.ok(json.results.length > 0, "results");
    const junit = readFileSync(join(report, "junit.xml"), "utf8");
    assert.match(junit, /<testsuites?\b/);
    const html = readFileSync(join(report, "report.html"), "utf8");
    assert.match(html, /^<!doctype html>/i);
    // Self-contained: everything a browser would fetch for it is inline (data: URIs at most).
    const fetched = [
      ...html.matchAll(
        /<(?:script|img|iframe|source|video|audio)\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi,
      ),
      ...html.matchAll(/<link\b[^>]*?\bhref\s*=\s*["']?([^"'\s>]+)/gi),
      ...html.matchAll(/url\(\s*["']?([^"')]+)/gi),
      ...html.matchAll(/@import\s+["']([^"']+)/gi),
    ].map(([, ref = ""]) => ref);
    assert.deepEqual(
      fetched.filter((ref) => !ref.startsWith("data:")),
      [],
      "report.html loads nothing from outside itself",
    );
    assert.doesNotMatch(html, /<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*["']?https?:/i);
  });

  test("npx yiqi certify on a port browsers refuse exits 2 and says what to do", async () => {
    const r = await yiqi(["certify", "http://127.0.0.1:9/"], 60_000);
    assert.equal(r.status, 2, r.out);
    assert.match(r.out, /port 9\b[\s\S]*another port/, "names the problem and the fix");
    assert.doesNotMatch(r.out, /^\s+at .+:\d+:\d+\)?$/m, "no stack trace");
  });

  test("npx yiqi demo runs the 一起用 flow headless", async () => {
    const r = await yiqi(["demo", "--quiet"], 60_000);
    assert.equal(r.status, 0, r.out);
    assert.match(r.stdout, /\b\d+ passed, 0 failed/);
  });

  test("the documented GitHub Actions workflow is valid and its certify step works as written", async () => {
    const workflow = parseYaml(
      readFileSync(join(root, "docs/ci/certify.github-actions.yml"), "utf8"),
    ) as {
      on: unknown;
      jobs: Record<
        string,
        {
          steps: {
            name?: string;
            run?: string;
            uses?: string;
            if?: string;
            with?: Record<string, string>;
            env?: Record<string, string>;
          }[];
        }
      >;
    };
    assert.ok(workflow.on, "has triggers");
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    // Yiqi comes from the app's devDependencies: `npm ci` installs it, the step checks it is there.
    const install = steps.find((s) => s.run?.includes("@yiqi/cli"));
    assert.match(
      install?.run ?? "",
      /^npm ci\b/m,
      "installs the app's dependencies, Yiqi included",
    );
    assert.match(install?.run ?? "", /node_modules\/\.bin\/yiqi/, "checks the local yiqi is there");
    const certify = steps.find((s) => /\byiqi certify\b/.test(s.run ?? ""));
    const keep = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    assert.ok(certify?.run && keep?.with?.path, "a certify step and an artifact step");
    assert.equal(keep.if, "always()", "the report is kept also when certification fails");
    // Run the step's script as written (in the project, whose node_modules/.bin/yiqi came from
    // the tarballs), with APP_URL at the demo the CLI ships, served by a plain static server in
    // place of the app's dev server.
    assert.match(certify.run, /\byiqi certify "\$APP_URL"/, "certifies the app at $APP_URL");
    const demo = join(project, "node_modules/@yiqi/harness/dist/demo");
    const server = createServer((req, res) => {
      const path = join(demo, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
      const file = path.endsWith("/") ? join(path, "index.html") : path;
      if (!file.startsWith(demo) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      const type = file.endsWith(".html")
        ? "text/html"
        : file.endsWith(".js")
          ? "text/javascript"
          : file.endsWith(".css")
            ? "text/css"
            : "application/octet-stream";
      res.writeHead(200, { "content-type": type }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      const script = `APP_URL='http://localhost:${port}/'\n${certify.run}`;
      const r = await run("bash", ["-e", "-c", script], project, 90_000);
      assert.equal(r.status, 0, r.out);
      for (const f of ["report.json", "junit.xml", "report.html"])
        assert.ok(existsSync(join(project, keep.with.path, f)), `the artifact path holds ${f}`);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test("npx yiqi rooms serves a device that npx yiqi rooms-check passes", async () => {
    const device = start("npx", ["--no", "--", "yiqi", "rooms", "--port", "0", "--quiet"], project);
    try {
      let output = "";
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL in 30 s:\n${output}`)), 30_000);
        device.stderr?.setEncoding("utf8").on("data", (d: string) => {
          output += d;
        });
        device.stdout?.setEncoding("utf8").on("data", (d: string) => {
          output += d;
          const m = /listening on (ws:\/\/\S+)/.exec(output);
          if (m?.[1]) {
            clearTimeout(timer);
            resolveUrl(m[1]);
          }
        });
        device.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`yiqi rooms exited (${code}):\n${output}`));
        });
      });
      const r = await yiqi(["rooms-check", "--url", url, "--password", "123456"], 60_000);
      assert.equal(r.status, 0, r.out);
      assert.match(r.stdout, /\b\d+ passed, 0 failed/);
      const exited = new Promise<number | null>((resolveExit) => {
        device.on("exit", (code) => resolveExit(code));
      });
      device.stdin?.end("quit\n");
      const code = await Promise.race([
        exited,
        new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 10_000).unref()),
      ]);
      assert.equal(code, 0, `yiqi rooms stops on "quit":\n${output}`);
    } finally {
      killGroup(device);
    }
  });
});
