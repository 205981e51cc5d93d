/**
 * Each published package as packed with `pnpm pack`: the tarball checked for what it must and
 * must not contain, its manifest and the imports of its code (packing: packAll.ts).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  cleanUp,
  type Manifest,
  type Packed,
  packAll,
  packed,
  published,
  readJson,
  root,
  strip,
  targets,
} from "./packAll.ts";

before(packAll);
after(cleanUp);

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
