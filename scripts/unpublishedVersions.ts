/**
 * Which published packages' current versions npm or JSR does not have yet: the release
 * workflow's publish job (the one behind the `release` environment and its reviewers) runs only
 * when there is one, not on every push to main (docs/release.md).
 *
 * Usage: `node --import tsx scripts/unpublishedVersions.ts` prints one line per missing
 * `name@version` and where, and writes `unpublished=true|false` to $GITHUB_OUTPUT when set.
 * A registry that cannot be asked counts as missing: the publish job then decides (it skips
 * versions a registry already has).
 */
import { appendFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { publishedPackages } from "./jsr-sync.ts";

/** Where a version can be missing. */
export type Registry = "npm" | "jsr";

/** Whether `registry` has `name@version` (false when it cannot tell). */
export type HasVersion = (registry: Registry, name: string, version: string) => Promise<boolean>;

/** One line per `name@version` missing from a registry. */
export async function unpublishedVersions(
  packages: readonly { name: string; version: string }[],
  has: HasVersion,
): Promise<string[]> {
  const missing: string[] = [];
  for (const { name, version } of packages) {
    for (const registry of ["npm", "jsr"] as const) {
      if (!(await has(registry, name, version)))
        missing.push(`${name}@${version} is not on ${registry}`);
    }
  }
  return missing;
}

/** The registries' public metadata: npm's packument and JSR's meta.json list the versions. */
export const registryHas: HasVersion = async (registry, name, version) => {
  const url =
    registry === "npm"
      ? `https://registry.npmjs.org/${name.replace("/", "%2f")}`
      : `https://jsr.io/${name}/meta.json`;
  try {
    const res = await fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(15_000),
    });
    if (!res.ok) return false;
    const meta = (await res.json()) as { versions?: Record<string, unknown> };
    return Object.hasOwn(meta.versions ?? {}, version);
  } catch {
    return false;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const packages = publishedPackages(process.cwd()).map(({ pkg }) => ({
    name: pkg.name ?? "",
    version: pkg.version ?? "",
  }));
  const missing = await unpublishedVersions(packages, registryHas);
  for (const line of missing) console.log(`unpublished: ${line}`);
  if (missing.length === 0) console.log("unpublished: every version is on npm and JSR");
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the release workflow's, not a turbo task
  const output = process.env.GITHUB_OUTPUT;
  if (output) appendFileSync(output, `unpublished=${missing.length > 0}\n`);
}
