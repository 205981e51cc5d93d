import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, test } from "node:test";
import { LAYERS, layerViolations, sourceEdges, workspacePackages } from "./layers.ts";

/** A scratch workspace: `files` maps paths (under the root) to contents; JSON is stringified. */
function scratch(files: Record<string, unknown>): { root: string; done(): void } {
  const root = mkdtempSync(join(tmpdir(), "yiqi-layers-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(
      join(root, path),
      typeof content === "string" ? content : JSON.stringify(content, null, 2),
    );
  }
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

/** A minimal workspace in the real layout: bridge, mock-host, harness, conformance, cli. */
const base = (more: Record<string, unknown> = {}): Record<string, unknown> => ({
  "packages/bridge/package.json": { name: "@yiqi/bridge" },
  "packages/bridge/src/index.ts": "export const x = 1;\n",
  "packages/mock-host/package.json": {
    name: "@yiqi/mock-host",
    dependencies: { "@yiqi/bridge": "workspace:^" },
    exports: {
      ".": { default: "./dist/index.js" },
      "./deno": { browser: null, node: null, default: "./dist/deno.js" },
    },
  },
  "packages/mock-host/src/index.ts": 'import { x } from "@yiqi/bridge";\nexport const y = x;\n',
  "packages/harness/package.json": {
    name: "@yiqi/harness",
    dependencies: { "@yiqi/mock-host": "workspace:^" },
  },
  "packages/harness/src/node.ts": 'export { y } from "@yiqi/mock-host";\n',
  "packages/conformance/package.json": {
    name: "@yiqi/conformance",
    dependencies: { "@yiqi/harness": "workspace:^" },
    devDependencies: { "@yiqi/mock-host": "workspace:^" },
  },
  "packages/conformance/src/playwright.ts":
    '// import { main } from "@yiqi/cli"; (a comment is not an import)\nimport { y } from "@yiqi/harness/node";\nexport const z = y;\n',
  "packages/cli/package.json": {
    name: "@yiqi/cli",
    dependencies: { "@yiqi/conformance": "workspace:^", "@yiqi/harness": "workspace:^" },
    // A build-order edge (the CLI copies a built app): allowed while nothing imports it.
    devDependencies: { "@yiqi/demo": "workspace:*" },
  },
  "packages/cli/src/index.ts":
    '/** @example import { main } from "@yiqi/cli"; */\nexport const message = "install @yiqi/cli";\n',
  "apps/demo/package.json": { name: "@yiqi/demo", dependencies: { "@yiqi/bridge": "workspace:^" } },
  ...more,
});

function violationsOf(files: Record<string, unknown>): string[] {
  const w = scratch(files);
  try {
    return layerViolations(w.root);
  } finally {
    w.done();
  }
}

describe("layers", () => {
  test("the workspace follows the layer rule", () => {
    const root = join(import.meta.dirname, "../..");
    const names = workspacePackages(root).map((p) => p.name);
    assert.ok(names.includes("@yiqi/cli") && names.includes("@yiqi/harness"), names.join());
    assert.deepEqual(layerViolations(root), []);
  });

  test("a workspace in the layered shape passes (a runtime-blocked subpath may load lazily)", () => {
    assert.deepEqual(
      violationsOf(
        base({
          "packages/conformance/src/rooms/deno.test.ts":
            'if (globalThis.Deno) await import("@yiqi/mock-host/deno");\n',
        }),
      ),
      [],
    );
  });

  test("a static import up the layers fails, named with file and line", () => {
    const v = violationsOf(
      base({ "packages/harness/src/up.ts": '\nimport { z } from "@yiqi/conformance";\n' }),
    );
    assert.equal(v.length, 1, v.join("\n"));
    assert.match(v[0] ?? "", /^packages\/harness\/src\/up\.ts:2: @yiqi\/harness imports/);
    assert.match(v[0] ?? "", /imports @yiqi\/conformance, a higher layer; layers run demo → cli/);
  });

  test("a re-export, an import type and require.resolve up the layers fail", () => {
    const v = violationsOf(
      base({
        "packages/mock-host/src/a.ts": 'export * from "@yiqi/harness";\n',
        "packages/mock-host/src/b.ts": 'export type T = import("@yiqi/cli").X;\n',
        "packages/mock-host/src/c.ts":
          'import { createRequire } from "node:module";\nexport const f = createRequire(import.meta.url).resolve("@yiqi/cli/package.json");\nconst require = createRequire(import.meta.url);\nexport const g = require.resolve("@yiqi/conformance");\n',
      }),
    );
    assert.equal(v.length, 4, v.join("\n"));
  });

  test("a dependency up the layers in package.json fails", () => {
    const v = violationsOf(
      base({
        "packages/mock-host/package.json": {
          name: "@yiqi/mock-host",
          peerDependencies: { "@yiqi/harness": "workspace:^" },
        },
      }),
    );
    assert.equal(v.length, 1, v.join("\n"));
    assert.match(v[0] ?? "", /package\.json \(peerDependencies\).*depends on @yiqi\/harness/);
  });

  test("a devDependency up the layers fails once source imports it", () => {
    const v = violationsOf(
      base({ "packages/cli/src/demo.test.ts": 'import "@yiqi/demo/board";\n' }),
    );
    assert.equal(v.length, 1, v.join("\n"));
  });

  test("a string-built dynamic import of a workspace package fails, even downward", () => {
    const v = violationsOf(
      base({
        "packages/conformance/src/playwright.ts":
          'const specifier = "@yiqi/cli";\nexport const load = () => import(specifier);\n',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the file under test holds a template.
        "packages/cli/src/lazy.ts": "export const m = () => import(`@yiqi/${'mock-host'}`);\n",
      }),
    );
    assert.equal(v.length, 2, v.join("\n"));
    for (const line of v) assert.match(line, /computed specifier/);
    assert.match(v.join("\n"), /playwright\.ts:2: .*names @yiqi\/cli:/);
    assert.match(v.join("\n"), /lazy\.ts:1: .*names @yiqi\/:/);
  });

  test("a literal dynamic import fails unless the subpath is blocked on some runtime", () => {
    const v = violationsOf(
      base({
        "packages/cli/src/lazy.ts": 'export const m = () => import("@yiqi/harness/node");\n',
      }),
    );
    assert.equal(v.length, 1, v.join("\n"));
    assert.match(v[0] ?? "", /dynamic import of @yiqi\/harness\/node: import it statically/);
  });

  test("siblings of one layer may not import each other; a package without a layer fails", () => {
    const v = violationsOf(
      base({
        "packages/jsapi/package.json": { name: "@yiqi/jsapi" },
        "packages/rooms-rpc/package.json": { name: "@yiqi/rooms-rpc" },
        "packages/rooms-rpc/src/index.ts": 'import "@yiqi/jsapi";\n',
        "packages/extra/package.json": { name: "@yiqi/extra" },
      }),
    );
    assert.equal(v.length, 2, v.join("\n"));
    assert.match(v.join("\n"), /same layer/);
    assert.match(v.join("\n"), /@yiqi\/extra has no layer/);
  });

  test("comments and ordinary strings are not edges", () => {
    const names = new Set(Object.keys(LAYERS));
    const edges = sourceEdges(
      "@yiqi/bridge",
      "x.ts",
      '// import "@yiqi/cli";\n/* import("@yiqi/cli") */\nconst s = "@yiqi/cli";\n',
      names,
    );
    assert.deepEqual(edges, []);
  });
});
