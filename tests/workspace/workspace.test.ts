import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import readChangesets from "@changesets/read";
import { checkJsr, publishedPackages, syncJsr } from "../../scripts/jsr-sync.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const changeset = join(root, "node_modules/.bin/changeset");

describe("jsr.json and package.json", () => {
  test("agree for every published package in this repository", () => {
    assert.ok(publishedPackages(root).length >= 5, "the published packages are found");
    assert.deepEqual(checkJsr(root), []);
  });

  test("every published package is ESM, side-effect free, public and has a README", () => {
    for (const { dir, pkg } of publishedPackages(root)) {
      const full = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      assert.equal(full.type, "module", `${pkg.name} type`);
      assert.equal(full.sideEffects, false, `${pkg.name} sideEffects`);
      assert.equal(full.publishConfig?.access, "public", `${pkg.name} publishConfig.access`);
      assert.match(full.name, /^@yiqi\//);
      assert.ok(full.exports?.["."]?.types, `${pkg.name} exports types`);
      assert.ok(readFileSync(join(dir, "README.md"), "utf8").length > 200, `${pkg.name} README`);
    }
  });

  test("a bump by `changeset version` is caught by the check and fixed by the sync", () => {
    const tmp = mkdtempSync(join(tmpdir(), "yiqi-jsr-"));
    try {
      writeFileSync(
        join(tmp, "package.json"),
        JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }),
      );
      mkdirSync(join(tmp, ".changeset"));
      cpSync(join(root, ".changeset/config.json"), join(tmp, ".changeset/config.json"));
      cpSync(join(root, ".changeset/changelog.cjs"), join(tmp, ".changeset/changelog.cjs"));
      for (const name of ["a", "b"]) {
        const dir = join(tmp, "packages", name);
        mkdirSync(join(dir, "src"), { recursive: true });
        writeFileSync(join(dir, "src/index.ts"), "export const x = 1;\n");
        const deps = name === "b" ? { "@yiqi/a": "workspace:^" } : {};
        writeFileSync(
          join(dir, "package.json"),
          `${JSON.stringify({ name: `@yiqi/${name}`, version: "0.1.0", exports: { ".": { default: "./dist/index.js" } }, dependencies: deps }, null, 2)}\n`,
        );
        const jsr = {
          name: `@yiqi/${name}`,
          version: "0.1.0",
          exports: { ".": "./src/index.ts" },
          imports: name === "b" ? { "@yiqi/a": "jsr:@yiqi/a@^0.1.0" } : {},
        };
        writeFileSync(join(dir, "jsr.json"), `${JSON.stringify(jsr, null, 2)}\n`);
        writeFileSync(join(dir, "deno.json"), `${JSON.stringify(jsr, null, 2)}\n`);
      }
      writeFileSync(
        join(tmp, ".changeset/bump-a.md"),
        '---\n"@yiqi/a": minor\n---\n\nA feature.\n',
      );
      assert.deepEqual(checkJsr(tmp), [], "agree before the bump");
      execFileSync(changeset, ["version"], { cwd: tmp, stdio: "pipe" });
      const bumped = JSON.parse(readFileSync(join(tmp, "packages/a/package.json"), "utf8"));
      assert.equal(bumped.version, "0.2.0", "changeset version bumped package.json");
      const problems = checkJsr(tmp);
      assert.ok(
        problems.some((p) => p.includes("version 0.1.0 differs from package.json 0.2.0")),
        problems.join("\n"),
      );
      syncJsr(tmp);
      assert.deepEqual(checkJsr(tmp), [], "agree after the sync");
      const a = JSON.parse(readFileSync(join(tmp, "packages/a/jsr.json"), "utf8"));
      assert.equal(a.version, "0.2.0");
      const b = JSON.parse(readFileSync(join(tmp, "packages/b/jsr.json"), "utf8"));
      assert.equal(b.imports["@yiqi/a"], "jsr:@yiqi/a@^0.2.0", "dependents follow the new version");
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test("export keys that differ are reported", () => {
    const tmp = mkdtempSync(join(tmpdir(), "yiqi-jsr-"));
    try {
      const dir = join(tmp, "packages/c");
      mkdirSync(join(dir, "src"), { recursive: true });
      writeFileSync(join(dir, "src/index.ts"), "export {};\n");
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ name: "@yiqi/c", version: "1.0.0", exports: { ".": {}, "./node": {} } }),
      );
      const jsr = JSON.stringify({
        name: "@yiqi/c",
        version: "1.0.0",
        exports: { ".": "./src/index.ts" },
      });
      writeFileSync(join(dir, "jsr.json"), jsr);
      writeFileSync(join(dir, "deno.json"), jsr);
      assert.ok(checkJsr(tmp).some((p) => p.includes("export keys")));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe("pending changesets", () => {
  test("every .changeset/*.md parses and names only published packages with a bump", async () => {
    const files = readdirSync(join(root, ".changeset")).filter(
      (f) => f.endsWith(".md") && f !== "README.md",
    );
    const parsed = await readChangesets(root);
    assert.equal(parsed.length, files.length, "every changeset file was read");
    const names = new Set(publishedPackages(root).map((p) => p.pkg.name));
    for (const cs of parsed) {
      assert.ok(cs.releases.length > 0, `${cs.id} names at least one package`);
      assert.ok(cs.summary.length > 20, `${cs.id} has a summary for users`);
      for (const r of cs.releases) {
        assert.ok(names.has(r.name), `${cs.id}: ${r.name} is a published package`);
        assert.ok(["patch", "minor", "major"].includes(r.type), `${cs.id}: ${r.name} bump`);
      }
    }
  });
});
