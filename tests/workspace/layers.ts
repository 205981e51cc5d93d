/**
 * The workspace's layer rule (DESIGN.md, "Layout"): apps → cli → conformance → harness →
 * mock-host → jsapi / rooms-rpc → bridge. A package may depend on and import only packages of a
 * lower layer (and itself); no dynamic import may hide an edge from the tools that read imports.
 *
 * The graph is derived from every workspace package under `packages/` and `apps/`:
 *
 * - declared edges: `dependencies`, `peerDependencies` and `optionalDependencies` of its
 *   package.json (a `devDependency` is a build-order edge, such as copying a built app; it is
 *   an edge only where source imports it, which the source scan sees);
 * - source edges: static imports and re-exports, `import("x")` types, `require("x")` and
 *   `….resolve("x")` (require, createRequire, import.meta) in every source file (tests and scripts too, not `dist/` or copied
 *   builds), parsed with the TypeScript compiler so comments and strings do not count.
 *
 * Dynamic imports: one whose specifier is built at run time (`import(name)` in a file that names
 * a workspace package in a string) is refused, because no tool sees it: that is how a cycle
 * hides. A dynamic import of a literal workspace specifier is refused too, unless it loads a
 * subpath the current runtime blocks (an exports entry with a `node`, `deno` or `browser`
 * condition set to `null`), which cannot be imported statically; its layer is still checked.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** The layer of each workspace package: higher may import lower, never the other way. */
export const LAYERS: Readonly<Record<string, number>> = Object.freeze({
  "@yiqi/bridge": 0,
  "@yiqi/jsapi": 1,
  "@yiqi/rooms-rpc": 1,
  "@yiqi/mock-host": 2,
  "@yiqi/harness": 3,
  "@yiqi/conformance": 4,
  "@yiqi/cli": 5,
  // apps/*: built on the libraries; nothing imports an app.
  "@yiqi/demo": 6,
});

/** One edge of the graph: `from` reaches `to`, where and how. */
export interface Edge {
  from: string;
  /** The package reached (for a computed import: every package name the file's strings hold). */
  to: string;
  /** `package.json (dependencies)` or `src/x.ts:12`, relative to the package folder. */
  where: string;
  kind: "declared" | "static" | "dynamic" | "computed";
  /** The specifier as written (the subpath matters for runtime-blocked entries). */
  specifier?: string;
}

/** A workspace package as the check reads it. */
export interface WorkspacePackage {
  name: string;
  /** Folder, relative to the root (`packages/cli`). */
  dir: string;
  manifest: Manifest;
}

interface Manifest {
  name?: string;
  exports?: Record<string, unknown> | string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const SOURCE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;
/** Folders that hold no source of the package: installs, builds, copied builds, reports. */
const SKIP = new Set([
  "node_modules",
  "dist",
  "assets",
  ".turbo",
  "coverage",
  "test-results",
  "playwright-report",
]);

/** The workspace packages under `<root>/packages` and `<root>/apps`. */
export function workspacePackages(root: string): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const group of ["packages", "apps"]) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const d of readdirSync(base, { withFileTypes: true })) {
      const file = join(base, d.name, "package.json");
      if (!d.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8")) as Manifest;
      if (manifest.name) found.push({ name: manifest.name, dir: `${group}/${d.name}`, manifest });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (d.isDirectory()) {
      if (!SKIP.has(d.name)) out.push(...sourceFiles(join(dir, d.name)));
    } else if (SOURCE.test(d.name) && !d.name.endsWith(".d.ts")) {
      out.push(join(dir, d.name));
    }
  }
  return out;
}

/** `@yiqi/cli/x` -> `@yiqi/cli`; other specifiers -> undefined. */
function packageOf(specifier: string, names: ReadonlySet<string>): string | undefined {
  const name = specifier.split("/").slice(0, 2).join("/");
  return names.has(name) ? name : undefined;
}

const literal = (node: ts.Node | undefined): string | undefined =>
  node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
    ? node.text
    : undefined;

/** The edges of one source file. */
export function sourceEdges(
  from: string,
  file: string,
  text: string,
  names: ReadonlySet<string>,
): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const computed: number[] = [];
  const named = new Set<string>();
  const at = (node: ts.Node): string =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  /** Literals already counted as module specifiers. */
  const specifiers = new Set<ts.Node>();
  const add = (
    specifier: ts.Node | undefined,
    node: ts.Node,
    kind: Exclude<Edge["kind"], "declared" | "computed">,
  ): void => {
    const text = literal(specifier);
    const to = text === undefined ? undefined : packageOf(text, names);
    if (specifier) specifiers.add(specifier);
    if (to && text) edges.push({ from, to, where: at(node), kind, specifier: text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node, "static");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, node, "static");
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const [arg] = node.arguments;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (literal(arg) === undefined) computed.push(node.getStart(source));
        else add(arg, node, "dynamic");
      } else if (
        (ts.isIdentifier(callee) && callee.text === "require") ||
        // require.resolve, createRequire(…).resolve, import.meta.resolve
        (ts.isPropertyAccessExpression(callee) && callee.name.text === "resolve")
      ) {
        add(arg, node, "static");
      }
    } else if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node)
    ) {
      // A package named in a string (or the start of a template) may be what a computed
      // import loads; module specifiers are counted above (their parent is visited first).
      if (!specifiers.has(node)) {
        const to = ts.isTemplateHead(node)
          ? [...names].find((n) => n.startsWith(node.text) || node.text.startsWith(n)) && node.text
          : packageOf(node.text, names);
        if (to) named.add(to);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (named.size > 0) {
    for (const pos of computed) {
      edges.push({
        from,
        to: [...named].join(", "),
        where: `${file}:${source.getLineAndCharacterOfPosition(pos).line + 1}`,
        kind: "computed",
      });
    }
  }
  return edges;
}

/** Every edge between workspace packages: declared in package.json and found in source. */
export function workspaceGraph(root: string): { packages: WorkspacePackage[]; edges: Edge[] } {
  const packages = workspacePackages(root);
  const names = new Set(packages.map((p) => p.name));
  const edges: Edge[] = [];
  for (const pkg of packages) {
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
      for (const to of Object.keys(pkg.manifest[field] ?? {})) {
        if (names.has(to))
          edges.push({ from: pkg.name, to, where: `package.json (${field})`, kind: "declared" });
      }
    }
    const dir = join(root, pkg.dir);
    for (const file of sourceFiles(dir)) {
      const text = readFileSync(file, "utf8");
      edges.push(...sourceEdges(pkg.name, relative(dir, file), text, names));
    }
  }
  return { packages, edges };
}

/** Whether `specifier` is an exports entry of `pkg` that some runtime is not allowed to load. */
function runtimeBlocked(specifier: string, pkg: WorkspacePackage | undefined): boolean {
  const exports = pkg?.manifest.exports;
  if (!pkg || !exports || typeof exports === "string") return false;
  const entry = exports[`.${specifier.slice(pkg.name.length)}`];
  if (!entry || typeof entry !== "object") return false;
  const conditions = entry as Record<string, unknown>;
  return ["node", "deno", "browser"].some((c) => c in conditions && conditions[c] === null);
}

/**
 * The violations of the layer rule in the workspace at `root`, one sentence each (empty when
 * it holds), saying which edge runs where and what to do.
 */
export function layerViolations(
  root: string,
  layers: Readonly<Record<string, number>> = LAYERS,
): string[] {
  const { packages, edges } = workspaceGraph(root);
  const byName = new Map(packages.map((p) => [p.name, p]));
  const problems: string[] = [];
  for (const p of packages) {
    if (layers[p.name] === undefined)
      problems.push(
        `${p.dir}: ${p.name} has no layer: add it to LAYERS in tests/workspace/layers.ts (and DESIGN.md)`,
      );
  }
  const ranks = [...new Set(Object.values(layers))].sort((a, b) => b - a);
  const order = ranks
    .map((r) =>
      Object.keys(layers)
        .filter((n) => layers[n] === r)
        .map((n) => n.replace("@yiqi/", ""))
        .join(" / "),
    )
    .join(" → ");
  for (const e of edges) {
    if (e.from === e.to) continue;
    const here = `${byName.get(e.from)?.dir ?? e.from}/${e.where}`;
    if (e.kind === "computed") {
      problems.push(
        `${here}: a dynamic import with a computed specifier in a file that names ${e.to}: no tool sees that edge; import ${e.to} statically (and only from a higher layer)`,
      );
      continue;
    }
    if (e.kind === "dynamic" && !runtimeBlocked(e.specifier ?? "", byName.get(e.to))) {
      problems.push(
        `${here}: dynamic import of ${e.specifier}: import it statically (only subpaths a runtime blocks may be loaded dynamically)`,
      );
    }
    const a = layers[e.from];
    const b = layers[e.to];
    if (a === undefined || b === undefined) continue;
    if (b >= a) {
      const how = e.kind === "declared" ? "depends on" : "imports";
      problems.push(
        `${here}: ${e.from} ${how} ${e.specifier ?? e.to}, ${b === a ? "a package of the same layer" : "a higher layer"}; layers run ${order}: move the code down or invert the dependency`,
      );
    }
  }
  return problems;
}
