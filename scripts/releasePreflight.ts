/**
 * Before the release workflow versions or publishes anything (docs/release.md): what npm
 * provenance, JSR and the changelog links need to be true, checked in one place.
 *
 * - every published package's `repository.url` is the GitHub repository the workflow runs in
 *   (`git+https://github.com/<owner>/<name>.git`): npm rejects a provenance statement otherwise;
 * - the changelog's `repo` in .changeset/config.json names the same repository (decision 0400);
 * - every jsr.json agrees with its package.json (scripts/jsr-sync.ts).
 *
 * Usage: `node --import tsx scripts/releasePreflight.ts [owner/name]` (default: $GITHUB_REPOSITORY).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkJsr, publishedPackages } from "./jsr-sync.ts";

/** One line per problem that would make the release fail or publish wrong metadata. */
export function releasePreflight(root: string, repo: string): string[] {
  const problems: string[] = [];
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
    return [`"${repo}" is not a GitHub repository (owner/name); pass one or set GITHUB_REPOSITORY`];
  const url = `git+https://github.com/${repo}.git`;
  for (const { dir } of publishedPackages(root)) {
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      name?: string;
      repository?: string | { url?: string };
    };
    const found = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
    if (found !== url)
      problems.push(
        `${pkg.name}: repository.url is ${found ?? "missing"}; npm provenance needs "${url}"`,
      );
  }
  const config = JSON.parse(readFileSync(join(root, ".changeset/config.json"), "utf8")) as {
    changelog?: unknown;
  };
  const options = Array.isArray(config.changelog)
    ? (config.changelog[1] as { repo?: string } | undefined)
    : undefined;
  if (options?.repo !== repo)
    problems.push(
      `.changeset/config.json: the changelog's "repo" is ${options?.repo ?? "missing"}; set it to "${repo}"`,
    );
  problems.push(...checkJsr(root));
  return problems;
}

if (process.argv[1]?.endsWith("releasePreflight.ts")) {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the release workflow's, not a turbo task
  const repo = process.argv[2] ?? process.env.GITHUB_REPOSITORY ?? "";
  const problems = releasePreflight(process.cwd(), repo);
  for (const p of problems) console.error(`release-preflight: ${p}`);
  if (problems.length > 0) process.exit(1);
  console.log(`release-preflight: ready to release from ${repo}`);
}
