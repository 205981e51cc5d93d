/**
 * The pieces of the release tooling that fail on their own: the workflow check (schema, pinned
 * actions, permissions), the offline changelog (changelog-github's format), the release preflight,
 * the JSR sync of a package's version module, the publish gate and the doc-lint parser.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildDocs, docTargets, parseDocLint } from "../../scripts/apiDocs.ts";
import { checkJsr, syncJsr } from "../../scripts/jsr-sync.ts";
import { releasePreflight } from "../../scripts/releasePreflight.ts";
import { type Registry, unpublishedVersions } from "../../scripts/unpublishedVersions.ts";
import { checkWorkflow } from "../../scripts/workflowCheck.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const sha = "0123456789abcdef0123456789abcdef01234567";

describe("workflow check", () => {
  test("the repository's workflows pass: schema, SHA-pinned actions, permissions", () => {
    const dir = join(root, ".github/workflows");
    const files = readdirSync(dir).filter((f) => f.endsWith(".yml"));
    assert.deepEqual(files.sort(), ["ci.yml", "release.yml"]);
    for (const f of files)
      assert.deepEqual(checkWorkflow(f, readFileSync(join(dir, f), "utf8"), { pinned: true }), []);
  });

  test("a job with a misspelt key fails the schema", () => {
    const yml =
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n";
    assert.ok(checkWorkflow("bad.yml", yml, { pinned: true }).some((p) => p.includes("jobs/a")));
  });

  test("a tag, or a SHA without its release comment, is refused; so is a missing permissions", () => {
    const steps = [
      "      - uses: actions/checkout@v4",
      `      - uses: actions/setup-node@${sha}`,
      `      - uses: actions/cache@${sha} # v4.2.3`,
      "      - uses: ./.github/actions/local",
    ];
    const yml = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${steps.join("\n")}\n`;
    const problems = checkWorkflow("w.yml", yml, { pinned: true });
    assert.equal(problems.length, 3, problems.join("\n"));
    assert.match(problems[0] ?? "", /w\.yml:6: actions\/checkout@v4 is not pinned/);
    assert.match(problems[1] ?? "", /w\.yml:7: .* needs a "# vX\.Y\.Z" comment/);
    assert.match(problems[2] ?? "", /no top-level "permissions:"/);
  });
});

describe("offline changelog (.changeset/changelog.cjs)", () => {
  const changelog = createRequire(import.meta.url)(join(root, ".changeset/changelog.cjs")) as {
    getReleaseLine(
      cs: { summary: string; commit?: string },
      type: string,
      o: unknown,
    ): Promise<string>;
    getDependencyReleaseLine(
      cs: { summary: string; commit?: string }[],
      deps: { name: string; newVersion: string }[],
      o: unknown,
    ): Promise<string>;
  };
  const withoutGithubEnv = async <T>(f: () => Promise<T>): Promise<T> => {
    const saved = { ...process.env };
    delete process.env.GITHUB_TOKEN;
    delete process.env.GITHUB_REPOSITORY;
    delete process.env.GITHUB_SERVER_URL;
    try {
      return await f();
    } finally {
      Object.assign(process.env, saved);
    }
  };

  test("an entry links its commit, pull request and author, and issue references", async () => {
    const line = await withoutGithubEnv(() =>
      changelog.getReleaseLine(
        { summary: "Adds a thing (#12)\n\nMore.\npr: 45\nauthor: @alice", commit: sha },
        "minor",
        { repo: "o/r" },
      ),
    );
    assert.equal(
      line,
      "\n\n- [#45](https://github.com/o/r/pull/45) [`0123456`](https://github.com/o/r/commit/" +
        `${sha}) Thanks [@alice](https://github.com/alice)! - Adds a thing ` +
        "([#12](https://github.com/o/r/issues/12))\n  \n  More.",
    );
  });

  test("GITHUB_REPOSITORY wins over the configured repo; no commit, no prefix", async () => {
    const line = await withoutGithubEnv(async () => {
      process.env.GITHUB_REPOSITORY = "real/repo";
      return changelog.getReleaseLine({ summary: "Fix.", commit: sha }, "patch", { repo: "o/r" });
    });
    assert.match(line, /\(https:\/\/github\.com\/real\/repo\/commit\//);
    const bare = await withoutGithubEnv(() =>
      changelog.getReleaseLine({ summary: "Fix." }, "patch", { repo: "o/r" }),
    );
    assert.equal(bare, "\n\n- Fix.\n");
  });

  test("updated dependencies list the changesets' commits", async () => {
    const text = await withoutGithubEnv(() =>
      changelog.getDependencyReleaseLine(
        [{ summary: "x", commit: sha }],
        [{ name: "@yiqi/bridge", newVersion: "0.1.0" }],
        { repo: "o/r" },
      ),
    );
    assert.equal(
      text,
      `- Updated dependencies [[\`0123456\`](https://github.com/o/r/commit/${sha})]:\n  - @yiqi/bridge@0.1.0`,
    );
  });
});

describe("release preflight", () => {
  test("names each package whose repository.url is not the GitHub repository", () => {
    const tmp = mkdtempSync(join(tmpdir(), "yiqi-preflight-"));
    try {
      mkdirSync(join(tmp, ".changeset"));
      writeFileSync(
        join(tmp, ".changeset/config.json"),
        JSON.stringify({ changelog: ["./changelog.cjs", { repo: "o/r" }] }),
      );
      for (const [name, url] of [
        ["a", "git+https://github.com/o/r.git"],
        ["b", "git+https://example.invalid/r.git"],
      ] as const) {
        const dir = join(tmp, "packages", name);
        mkdirSync(join(dir, "src"), { recursive: true });
        writeFileSync(join(dir, "src/index.ts"), "export {};\n");
        const pkg = { name: `@yiqi/${name}`, version: "0.1.0", repository: { url } };
        const jsr = { name: `@yiqi/${name}`, version: "0.1.0", exports: { ".": "./src/index.ts" } };
        writeFileSync(join(dir, "package.json"), JSON.stringify({ ...pkg, exports: { ".": {} } }));
        writeFileSync(join(dir, "jsr.json"), JSON.stringify(jsr));
        writeFileSync(join(dir, "deno.json"), JSON.stringify(jsr));
      }
      const problems = releasePreflight(tmp, "o/r");
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0] ?? "", /^@yiqi\/b: repository\.url is .*example\.invalid/);
      assert.ok(releasePreflight(tmp, "other/r").some((p) => p.includes(".changeset/config.json")));
      assert.match(releasePreflight(tmp, "")[0] ?? "", /not a GitHub repository/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("JSR sync of a version module", () => {
  test("syncJsr rewrites VERSION in src/version.ts to package.json's version; checkJsr flags a stale one", () => {
    const work = mkdtempSync(join(tmpdir(), "yiqi-jsr-sync-"));
    try {
      const dir = join(work, "packages/cli");
      mkdirSync(join(dir, "src"), { recursive: true });
      const manifest = { name: "@yiqi/cli", version: "1.2.3", exports: { ".": {} } };
      writeFileSync(join(dir, "package.json"), JSON.stringify(manifest));
      writeFileSync(join(dir, "src/index.ts"), "export {};\n");
      const jsr = { name: "@yiqi/cli", version: "1.2.2", exports: { ".": "./src/index.ts" } };
      writeFileSync(join(dir, "jsr.json"), JSON.stringify(jsr));
      const module = '/** v */\nexport const VERSION = "1.2.2";\n\nexport const other = 1;\n';
      writeFileSync(join(dir, "src/version.ts"), module);
      assert.ok(
        checkJsr(work).some((p) =>
          /src\/version\.ts: VERSION 1\.2\.2 differs from package\.json 1\.2\.3/.test(p),
        ),
      );
      assert.ok(syncJsr(work).includes(join(dir, "src/version.ts")));
      assert.equal(
        readFileSync(join(dir, "src/version.ts"), "utf8"),
        module.replace('"1.2.2"', '"1.2.3"'),
      );
      assert.deepEqual(checkJsr(work), []);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe("unpublished versions (the release workflow's publish gate)", () => {
  test("lists each name@version a registry lacks; none when both have every version", async () => {
    const have = new Set(["npm @yiqi/a@1.0.0", "jsr @yiqi/a@1.0.0", "npm @yiqi/b@2.0.0"]);
    const has = async (r: Registry, name: string, version: string) =>
      have.has(`${r} ${name}@${version}`);
    const packages = [
      { name: "@yiqi/a", version: "1.0.0" },
      { name: "@yiqi/b", version: "2.0.0" },
    ];
    assert.deepEqual(await unpublishedVersions(packages, has), ["@yiqi/b@2.0.0 is not on jsr"]);
    have.add("jsr @yiqi/b@2.0.0");
    assert.deepEqual(await unpublishedVersions(packages, has), []);
  });
});

describe("pnpm docs:api", () => {
  test("builds a browsable reference of every published package and an index linking them", () => {
    const out = mkdtempSync(join(tmpdir(), "yiqi-docs-"));
    try {
      const targets = docTargets(root);
      assert.equal(targets.length, 7, "the seven published packages");
      const written = buildDocs(root, out);
      assert.equal(written.length, targets.length);
      const index = readFileSync(join(out, "index.html"), "utf8");
      for (const t of targets) {
        const folder = t.dir.split(/[\\/]/).pop() ?? "";
        assert.ok(index.includes(`href="./${folder}/index.html"`), `index links ${t.name}`);
        const page = readFileSync(join(out, folder, "index.html"), "utf8");
        assert.ok(page.includes(t.name), `${t.name}: its page names it`);
        assert.ok(readdirSync(join(out, folder, "~")).length > 0, `${t.name}: symbol pages`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("doc lint parser", () => {
  test("keys problems by kind, file and source text, not line numbers", () => {
    const output = [
      "error[missing-jsdoc]: exported symbol is missing JSDoc documentation",
      `  --> ${root}/packages/x/src/a.ts:15:3`,
      "   | ",
      "15 |   out(line: string): void;",
      "   |   ^",
      "",
      "error[missing-jsdoc]: exported symbol is missing JSDoc documentation",
      ` --> ${root}/packages/x/src/a.ts:9:3`,
      "  | ",
      "9 |   out(line: string): void;",
      "",
      "error[private-type-ref]: public type 'A' references private type 'B'",
      `  --> ${root}/packages/x/src/b.ts:2:1`,
      "   | ",
      " 2 | export type A = B;",
    ].join("\n");
    assert.deepEqual(parseDocLint(root, output), [
      "missing-jsdoc packages/x/src/a.ts: out(line: string): void;",
      "missing-jsdoc packages/x/src/a.ts: out(line: string): void; [2]",
      "private-type-ref packages/x/src/b.ts: export type A = B; (public type 'A' references private type 'B')",
    ]);
  });
});
