/**
 * Keeps `jsr.json` and `package.json` of every published workspace package in step.
 *
 * `checkJsr(root)` lists every disagreement (name, version, export keys, dependencies missing
 * from the JSR import map, exports that do not point at TypeScript source); `syncJsr(root)`
 * copies name, version and the dependency import map from `package.json` into `jsr.json` and its copy `deno.json` (the Deno
 * workspace member manifest, which Deno cannot read from `jsr.json`), which is what
 * `pnpm version-packages` runs right after `changeset version`. A package with a
 * `src/version.ts` (the CLI's, for `yiqi --version` from JSR too, where no package.json ships)
 * gets its `export const VERSION = "…";` rewritten to package.json's version as well.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface PackageJson {
  name?: string;
  version?: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
}

interface JsrJson {
  name?: string;
  version?: string;
  exports?: Record<string, string> | string;
  imports?: Record<string, string>;
}

/** One published package: its folder and both manifests. */
export interface PublishedPackage {
  dir: string;
  pkg: PackageJson;
  jsr: JsrJson | undefined;
}

/** The module whose `export const VERSION = "…";` mirrors package.json's version, when it has one. */
export const VERSION_MODULE = "src/version.ts";

/** The `export const VERSION = "…";` line of a version module. */
const VERSION_LINE = /^export const VERSION = "([^"]*)";$/m;

/**
 * Why `<dir>/src/version.ts` disagrees with `version`, or undefined (also when it has no
 * `export const VERSION = "…";` line: other packages' version modules hold wire versions).
 */
function versionModuleProblem(dir: string, version: string | undefined): string | undefined {
  const file = join(dir, VERSION_MODULE);
  if (!existsSync(file)) return undefined;
  const found = VERSION_LINE.exec(readFileSync(file, "utf8"));
  if (found && found[1] !== version)
    return `${file}: VERSION ${found[1]} differs from package.json ${version}; run \`pnpm version-packages\` (or node --import tsx scripts/sync-jsr.ts)`;
  return undefined;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/** Deep equality of two JSON values (key order included). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Lists the non-private packages under `<root>/packages`. */
export function publishedPackages(root: string): PublishedPackage[] {
  const base = join(root, "packages");
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, "package.json")))
    .map((d) => {
      const dir = join(base, d.name);
      const pkg = readJson<PackageJson>(join(dir, "package.json"));
      const jsrFile = join(dir, "jsr.json");
      return { dir, pkg, jsr: existsSync(jsrFile) ? readJson<JsrJson>(jsrFile) : undefined };
    })
    .filter((p) => p.pkg.private !== true);
}

const exportKeys = (exports: JsrJson["exports"] | PackageJson["exports"]): string[] =>
  exports === undefined ? [] : typeof exports === "string" ? ["."] : Object.keys(exports).sort();

/** Returns one human-readable line per disagreement; empty when everything agrees. */
export function checkJsr(root: string): string[] {
  const problems: string[] = [];
  for (const { dir, pkg, jsr } of publishedPackages(root)) {
    const where = `${dir}/jsr.json`;
    if (!jsr) {
      problems.push(`${where} is missing: every published package is also published to JSR`);
      continue;
    }
    const denoFile = join(dir, "deno.json");
    if (!existsSync(denoFile) || !sameJson(readJson(denoFile), jsr))
      problems.push(
        `${dir}/deno.json must hold the same JSON as jsr.json (the Deno workspace reads it); run node --import tsx scripts/sync-jsr.ts`,
      );
    if (jsr.name !== pkg.name)
      problems.push(`${where}: name ${jsr.name} differs from package.json ${pkg.name}`);
    if (jsr.version !== pkg.version)
      problems.push(
        `${where}: version ${jsr.version} differs from package.json ${pkg.version}; run \`pnpm version-packages\` (or node --import tsx scripts/sync-jsr.ts)`,
      );
    const versionProblem = versionModuleProblem(dir, pkg.version);
    if (versionProblem) problems.push(versionProblem);
    // String-valued npm exports are assets (./package.json, a built classic script), not modules.
    const a = Object.entries(pkg.exports ?? {})
      .filter(([, target]) => typeof target !== "string")
      .map(([k]) => k)
      .sort();
    const b = exportKeys(jsr.exports);
    if (a.join() !== b.join())
      problems.push(`${where}: export keys [${b}] differ from package.json [${a}]`);
    if (jsr.exports && typeof jsr.exports === "object") {
      for (const [key, target] of Object.entries(jsr.exports)) {
        if (!/\.tsx?$/.test(target) || !existsSync(join(dir, target)))
          problems.push(
            `${where}: export ${key} -> ${target} is not an existing TypeScript source`,
          );
      }
    }
    for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
      if (range.startsWith("workspace:")) {
        if (!jsr.imports?.[dep]?.startsWith(`jsr:${dep}@`))
          problems.push(`${where}: imports must map workspace dependency ${dep} to jsr:${dep}@…`);
      } else if (jsr.imports?.[dep] !== `npm:${dep}@${range}`) {
        problems.push(`${where}: imports must map ${dep} to npm:${dep}@${range}`);
      }
    }
  }
  return problems;
}

/**
 * Copies name and version from each package.json into its jsr.json (and `VERSION` of its
 * `src/version.ts`, when it has one); returns the files changed.
 */
export function syncJsr(root: string): string[] {
  const changed: string[] = [];
  const versions = new Map(publishedPackages(root).map((p) => [p.pkg.name, p.pkg.version]));
  for (const { dir, pkg, jsr } of publishedPackages(root)) {
    if (!jsr) continue;
    const imports: Record<string, string> = { ...jsr.imports };
    for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
      imports[dep] = range.startsWith("workspace:")
        ? `jsr:${dep}@^${versions.get(dep) ?? "0.0.0"}`
        : `npm:${dep}@${range}`;
    }
    const versionFile = join(dir, VERSION_MODULE);
    if (existsSync(versionFile)) {
      const text = readFileSync(versionFile, "utf8");
      const next = text.replace(
        VERSION_LINE,
        `export const VERSION = ${JSON.stringify(pkg.version)};`,
      );
      if (next !== text) {
        writeFileSync(versionFile, next);
        changed.push(versionFile);
      }
    }
    const next: JsrJson = { ...jsr, name: pkg.name, version: pkg.version, imports };
    for (const file of ["jsr.json", "deno.json"]) {
      const path = join(dir, file);
      if (!existsSync(path) || !sameJson(readJson(path), next)) {
        writeFileSync(path, `${JSON.stringify(next, null, 2)}\n`);
        changed.push(path);
      }
    }
  }
  return changed;
}
