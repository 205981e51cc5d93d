/**
 * The release path, dry (docs/release.md): in a scratch copy of the workspace (never the working
 * tree), `pnpm version-packages` applies the pending changesets (versions, changelogs in
 * changelog-github's format with commit links from git, jsr.json and deno.json synced), then every
 * package is packed with the new versions and `deno publish --dry-run` accepts the whole
 * workspace for JSR. Also: the release workflow runs exactly these scripts.
 */
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { checkJsr, publishedPackages } from "../../scripts/jsr-sync.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const work = mkdtempSync(join(tmpdir(), "yiqi-release-"));
const copy = join(work, "repo");
const tarballs = join(work, "tarballs");

interface Release {
  name: string;
  oldVersion: string;
  newVersion: string;
  type: string;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;
const changesetFiles = (dir: string): string[] =>
  readdirSync(join(dir, ".changeset"))
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .sort();

/**
 * The environment of a release machine without GitHub: no token (so the changelog is written
 * offline, decision 0400), no repository from Actions, nothing `pnpm run` added for this test.
 */
function releaseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|GITHUB_)/.test(key) || key === "INIT_CWD") continue;
    env[key] = value;
  }
  env.NO_COLOR = "1";
  return env;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): string {
  const r = spawnSync(cmd, args, {
    cwd,
    env: releaseEnv(),
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `$ ${cmd} ${args.join(" ")} (in ${cwd})\n${r.stdout ?? ""}${r.stderr ?? ""}`;
  assert.equal(r.error, undefined, `${out}\n${r.error}`);
  assert.equal(r.status, 0, out);
  return out;
}

/**
 * A copy of what the release reads and writes: the root manifests and config, .changeset,
 * scripts and the published packages (sources and built dist/), with node_modules linked to the
 * workspace's own (the install is not what is under test). Private packages are left out: they
 * are not versioned (privatePackages in .changeset/config.json).
 */
function scratchCopy(): void {
  mkdirSync(copy);
  for (const f of [
    "package.json",
    "pnpm-workspace.yaml",
    "deno.json",
    "biome.json",
    ".gitignore",
    "tsconfig.base.json",
    "LICENSE",
  ]) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(copy, f));
  }
  for (const d of [".changeset", "scripts"])
    cpSync(join(root, d), join(copy, d), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(copy, "node_modules"));
  for (const { dir } of publishedPackages(root)) {
    const target = join(copy, "packages", basename(dir));
    cpSync(dir, target, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|\.turbo)$/.test(src),
    });
  }
  // Once every package is there, so that each @yiqi dependency can link to its copy.
  for (const { dir } of publishedPackages(root))
    linkNodeModules(
      join(dir, "node_modules"),
      join(copy, "packages", basename(dir), "node_modules"),
    );
}

/**
 * A package's node_modules in the copy: every entry links to the workspace's own, except the
 * @yiqi packages, which link to their copies (pnpm pack takes a `workspace:` dependency's version
 * from there).
 */
function linkNodeModules(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry.startsWith("@")) {
      linkNodeModules(join(from, entry), join(to, entry));
      continue;
    }
    const name = `${basename(from).startsWith("@") ? `${basename(from)}/` : ""}${entry}`;
    const copied = name.startsWith("@yiqi/") ? join(copy, "packages", entry) : undefined;
    symlinkSync(
      copied && existsSync(copied) ? copied : realpathSync(join(from, entry)),
      join(to, entry),
    );
  }
}

let plan: Release[] = [];
let snapshot = "";
let repo = "";
const rootVersionsBefore = new Map<string, string>();
let rootChangesetsBefore: string[] = [];

before(
  () => {
    for (const { pkg } of publishedPackages(root))
      rootVersionsBefore.set(pkg.name ?? "", pkg.version ?? "");
    rootChangesetsBefore = changesetFiles(root);
    scratchCopy();
    // A repository of its own, so that changesets finds the commit that added each changeset.
    const git = (...args: string[]): string =>
      execFileSync("git", args, { cwd: copy, encoding: "utf8", env: releaseEnv() }).trim();
    git("init", "-q", "-b", "main");
    git("config", "user.email", "release-dry-run@yiqi.invalid");
    git("config", "user.name", "Yiqi release dry run");
    git("config", "commit.gpgsign", "false");
    git("add", "-A");
    git("commit", "-q", "-m", "snapshot of the workspace for the release dry run");
    snapshot = git("rev-parse", "HEAD");
    const config = readJson<{ changelog: [string, { repo: string }] }>(
      join(copy, ".changeset/config.json"),
    );
    repo = config.changelog[1].repo;
    run("pnpm", ["exec", "changeset", "status", "--output=release-plan.json"], copy, 60_000);
    plan = readJson<{ releases: Release[] }>(join(copy, "release-plan.json")).releases;
    run("pnpm", ["run", "version-packages"], copy, 120_000);
  },
  { timeout: 240_000 },
);

after(() => rmSync(work, { recursive: true, force: true }));

describe("pnpm version-packages in a scratch copy", () => {
  test("leaves the working tree alone", () => {
    for (const { pkg } of publishedPackages(root))
      assert.equal(pkg.version, rootVersionsBefore.get(pkg.name ?? ""), `${pkg.name} version`);
    const now = new Set(changesetFiles(root));
    for (const f of rootChangesetsBefore) assert.ok(now.has(f), `.changeset/${f} still there`);
  });

  test("bumps what the changesets plan and only private packages are left out", () => {
    const published = new Set(publishedPackages(copy).map((p) => p.pkg.name));
    for (const r of plan) assert.ok(published.has(r.name), `${r.name} is published`);
    for (const { pkg } of publishedPackages(copy)) {
      const r = plan.find((x) => x.name === pkg.name);
      const before = rootVersionsBefore.get(pkg.name ?? "");
      assert.equal(pkg.version, r ? r.newVersion : before, `${pkg.name} version`);
    }
    assert.deepEqual(changesetFiles(copy), [], "every changeset was consumed");
    assert.ok(existsSync(join(copy, ".changeset/changelog.cjs")), "the changelog module stays");
  });

  test("writes each changelog in changelog-github's format, linking the commit", () => {
    const link = `[\`${snapshot.slice(0, 7)}\`](https://github.com/${repo}/commit/${snapshot})`;
    for (const r of plan) {
      const dir = join(copy, "packages", r.name.replace("@yiqi/", ""));
      const log = readFileSync(join(dir, "CHANGELOG.md"), "utf8");
      assert.ok(
        log.startsWith(`# ${r.name}\n\n## ${r.newVersion}\n`),
        `${r.name}: ${log.slice(0, 80)}`,
      );
      const section = log.split(/^## /m)[1] ?? "";
      assert.match(section, /^### (Major|Minor|Patch) Changes$/m, `${r.name}: change headings`);
      const entries = section.split("\n").filter((l) => l.startsWith("- "));
      assert.ok(entries.length > 0, `${r.name}: entries`);
      for (const e of entries.filter((l) => !l.startsWith("- Updated dependencies")))
        assert.ok(e.startsWith(`- ${link} - `), `${r.name}: entry links its commit: ${e}`);
    }
  });

  test("keeps jsr.json and deno.json in step, dependents included", () => {
    assert.deepEqual(checkJsr(copy), []);
    const versions = new Map(publishedPackages(copy).map((p) => [p.pkg.name, p.pkg.version]));
    for (const { jsr } of publishedPackages(copy)) {
      for (const [dep, target] of Object.entries(jsr?.imports ?? {})) {
        if (dep.startsWith("@yiqi/")) assert.equal(target, `jsr:${dep}@^${versions.get(dep)}`);
      }
    }
  });
});

describe("publishing the new versions, dry", () => {
  test("pnpm pack: each tarball carries the new version, its changelog and real @yiqi ranges", {
    timeout: 120_000,
  }, () => {
    mkdirSync(tarballs);
    for (const { dir, pkg } of publishedPackages(copy)) {
      const before = new Set(readdirSync(tarballs));
      run("pnpm", ["pack", "--pack-destination", tarballs], dir, 60_000);
      const [file] = readdirSync(tarballs).filter((f) => !before.has(f));
      assert.ok(file, `${pkg.name}: a tarball`);
      const tarball = join(tarballs, file);
      const manifest = JSON.parse(
        execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
      ) as { version: string; dependencies?: Record<string, string> };
      assert.equal(manifest.version, pkg.version, `${pkg.name} packed version`);
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        if (!dep.startsWith("@yiqi/")) continue;
        const sibling = publishedPackages(copy).find((p) => p.pkg.name === dep);
        assert.equal(range, `^${sibling?.pkg.version}`, `${pkg.name} -> ${dep}`);
      }
      if (plan.some((r) => r.name === pkg.name)) {
        const files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
        assert.match(files, /^package\/CHANGELOG\.md$/m, `${pkg.name} ships its changelog`);
      }
    }
  });

  test("deno publish --dry-run accepts every package at its new version for JSR", {
    timeout: 200_000,
  }, () => {
    const out = run(
      join(root, "node_modules/.bin/deno"),
      ["publish", "--dry-run", "--allow-dirty"],
      copy,
      180_000,
    );
    for (const { pkg } of publishedPackages(copy))
      assert.ok(
        out.includes(`Simulating publish of ${pkg.name}@${pkg.version} `),
        `${pkg.name}@${pkg.version}\n${out}`,
      );
  });
});

describe("the release workflow", () => {
  type Job = {
    environment?: string;
    needs?: string | string[];
    if?: string;
    permissions?: Record<string, string>;
    steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
  };
  const workflow = () =>
    parseYaml(readFileSync(join(root, ".github/workflows/release.yml"), "utf8")) as {
      jobs: Record<string, Job>;
    };
  const changesetsStep = (job: Job) =>
    job.steps.find((s) => s.uses?.startsWith("changesets/action@"));

  test("versions with pnpm version-packages, publishes with pnpm release and release:jsr", () => {
    const scripts = readJson<{ scripts: Record<string, string> }>(
      join(root, "package.json"),
    ).scripts;
    const jobs = Object.values(workflow().jobs);
    const versioning = jobs.find((j) => changesetsStep(j)?.with?.version !== undefined);
    const publishing = jobs.find((j) => changesetsStep(j)?.with?.publish !== undefined);
    assert.ok(
      versioning && publishing,
      "a job versions and a job publishes with changesets/action",
    );
    assert.equal(changesetsStep(versioning)?.with?.version, "pnpm version-packages");
    assert.equal(changesetsStep(publishing)?.with?.publish, "pnpm release");
    assert.match(scripts["version-packages"] ?? "", /changeset version && .*sync-jsr\.ts/);
    assert.match(scripts.release ?? "", /changeset publish/);
    assert.ok(
      publishing.steps.some((s) => s.run?.trim() === "pnpm release:jsr"),
      "JSR publish step",
    );
    assert.match(scripts["release:jsr"] ?? "", /^deno publish\b/);
    assert.equal(publishing.permissions?.["id-token"], "write", "OIDC for provenance and JSR");
  });

  test("regression: only the publishing job uses the release environment, so a push waits for no reviewer", () => {
    const { jobs } = workflow();
    const withEnvironment = Object.entries(jobs).filter(([, j]) => j.environment !== undefined);
    assert.deepEqual(
      withEnvironment.map(([name]) => name),
      ["publish"],
    );
    const publish = jobs.publish as Job;
    assert.equal(publish.environment, "release");
    assert.equal(publish.needs, "version");
    assert.equal(publish.if, "needs.version.outputs.publish == 'true'");
    assert.ok(!changesetsStep(publish)?.with?.version, "the publish job opens no pull request");
    // The job that runs on every push has no publishing rights and no publish command.
    const version = jobs.version as Job;
    assert.equal(version.permissions?.["id-token"], undefined);
    assert.equal(changesetsStep(version)?.with?.publish, undefined);
    assert.ok(
      version.steps.some((s) => s.run?.includes("scripts/unpublishedVersions.ts")),
      "the version job asks the registries what is left to publish",
    );
  });
});
